from django.urls import path

from . import views

app_name = "centreyear"

urlpatterns = [
    path("centre/year/", views.centre_year_current, name="centre_year_current"),
    path("centre/year/<int:year>/", views.centre_year, name="centre_year"),
]
