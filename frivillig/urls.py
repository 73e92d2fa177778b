from django.contrib import admin
from django.urls import include, path

import activities.urls
import cooperation.urls
import figures.urls
import reports.urls
import volunteers.urls
from core import views as core_views
from publicsite.api import api

# A page that reads a higher app keeps its address in a lower app's namespace: the activities
# namespace holds the figures app's target dashboard and project page, the volunteers namespace
# the reports app's certificate PDF (each app imports only the apps below it; .importlinter).
activities_namespace = (
    activities.urls.urlpatterns + figures.urls.activities_pages,
    activities.urls.app_name,
)
cooperation_public = cooperation.urls.public_urlpatterns
volunteers_namespace = (
    volunteers.urls.urlpatterns + reports.urls.volunteers_pages,
    volunteers.urls.app_name,
)

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("associations/", include("organisations.urls")),
    path("reports/", include("reports.urls")),
    path("volunteers/", include(volunteers_namespace)),
    path("activities/", include(activities_namespace)),
    path("api/v1/", api.urls),
    path("reminders/", include("notifications.urls")),
    path("cooperation/", include("cooperation.urls")),
    path("samarbeid/", include(cooperation_public)),
    path("", include("core.urls")),
    path("", include("publicsite.urls")),
]
