"""The figures' pages. They sit in the `activities` namespace under /activities/, where the
coordinator looks for them: frivillig/urls.py adds `activities_pages` to the activities app's
own URLs, as this app is above it and activities may not import it."""

from django.urls import path

from . import views

activities_pages = [
    path("progress/", views.dashboard, name="dashboard"),
    path("projects/<int:project_pk>/", views.project_detail, name="project_detail"),
]
