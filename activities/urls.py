from django.urls import path

from . import door, views

app_name = "activities"

# The target dashboard (progress/) and the project's page (projects/<pk>/) are the figures app's
# pages in this namespace (figures.urls, added in frivillig/urls.py).

urlpatterns = [
    path("", views.index, name="index"),
    path("log/", views.activity_list, name="list"),
    path("log/new/", views.activity_quick_add, name="quick_add"),
    path("log/new/full/", views.activity_create, name="create"),
    path("log/<int:pk>/edit/", views.activity_edit, name="edit"),
    path("log/series/new/", views.series_create, name="series_create"),
    path("log/counts/", views.activity_counts, name="counts"),
    path("log/<int:pk>/door/", door.door, name="door"),
    path("log/<int:pk>/door/sync/", door.door_sync, name="door_sync"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:project_pk>/edit/", views.project_edit, name="project_edit"),
]
