from django.urls import path

from . import views

app_name = "centreyear"

urlpatterns = [
    path("centre/year/", views.centre_year_current, name="centre_year_current"),
    path("centre/year/<int:year>/", views.centre_year, name="centre_year"),
    path("centre/year/<int:year>/accounts.pdf", views.accounts_file, name="accounts_file"),
    path("grant/", views.grant_round_current, name="grant_round_current"),
    path("grant/<int:year>/", views.grant_round, name="grant_round"),
    path(
        "grant/<int:year>/application/",
        views.grant_application_create,
        name="grant_application_create",
    ),
    path(
        "grant/application/<int:pk>/<str:fmt>/",
        views.grant_application_download,
        name="grant_application_download",
    ),
]
