from django.urls import path

from . import views

app_name = "activities"

urlpatterns = [
    path("", views.activity_list, name="list"),
    path("new/", views.activity_quick_add, name="quick_add"),
    path("<int:pk>/edit/", views.activity_edit, name="edit"),
    path("series/new/", views.series_create, name="series_create"),
    path("counts/", views.activity_counts, name="counts"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
]
