"""The tasks pages, in the `volunteers` namespace under /volunteers/ (frivillig/urls.py)."""

from django.urls import path

from . import views

volunteers_pages = [
    path("tasks/", views.task_list, name="task_list"),
    path("tasks/new/", views.task_create, name="task_create"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/match/", views.match_create, name="match_create"),
    path("matches/<int:pk>/", views.match_edit, name="match_edit"),
]
