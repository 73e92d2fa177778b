from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("start/", views.home, name="home"),
    path("centre/public/", views.centre_public, name="centre_public"),
    path("centre/year/", views.centre_year_current, name="centre_year_current"),
    path("centre/year/<int:year>/", views.centre_year, name="centre_year"),
    path("mail/failed/", views.mail_failed, name="mail_failed"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
]
