from django.contrib import admin
from django.urls import include, path

import activities.urls
import cooperation.urls
import figures.urls
import hours.urls
import projects.urls
import reports.urls
import rotas.urls
import tasks.urls
import volunteers.urls
from core import views as core_views
from publicsite.api import api

# Two namespaces hold the pages of several apps, at the addresses they always had: the
# activities namespace the projects app's pages and the figures app's target dashboard and
# project page; the volunteers namespace the pages of tasks, hours and rotas and the reports
# app's certificate PDF (each app imports only the apps below it; .importlinter).
activities_namespace = (
    activities.urls.urlpatterns + projects.urls.activities_pages + figures.urls.activities_pages,
    activities.urls.app_name,
)
cooperation_public = cooperation.urls.public_urlpatterns
volunteers_namespace = (
    volunteers.urls.urlpatterns
    + tasks.urls.volunteers_pages
    + hours.urls.volunteers_pages
    + rotas.urls.volunteers_pages
    + reports.urls.volunteers_pages,
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
    path("", include("centreyear.urls")),
    path("", include("publicsite.urls")),
]
