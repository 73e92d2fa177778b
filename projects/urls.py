"""The project pages, in the `activities` namespace under /activities/ (frivillig/urls.py)."""

from django.urls import path

from . import views

activities_pages = [
    path("projects/", views.project_list, name="project_list"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:project_pk>/edit/", views.project_edit, name="project_edit"),
]
