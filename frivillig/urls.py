from django.contrib import admin
from django.urls import include, path

from core import views as core_views
from publicsite.api import api

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("associations/", include("organisations.urls")),
    path("reports/", include("reports.urls")),
    path("volunteers/", include("volunteers.urls")),
    path("activities/", include("activities.urls")),
    path("api/v1/", api.urls),
    path("reminders/", include("notifications.urls")),
    path("", include("core.urls")),
    path("", include("publicsite.urls")),
]
