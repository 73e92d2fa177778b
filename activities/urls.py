from django.urls import path

from . import views

app_name = "activities"

# The projects app's pages (projects/) and the figures app's target dashboard (progress/) and
# project page (projects/<pk>/) share this namespace (frivillig/urls.py).

urlpatterns = [
    path("", views.index, name="index"),
    path("log/", views.activity_list, name="list"),
    path("log/new/", views.activity_quick_add, name="quick_add"),
    path("log/new/full/", views.activity_create, name="create"),
    path("log/<int:pk>/edit/", views.activity_edit, name="edit"),
    path("log/series/new/", views.series_create, name="series_create"),
    path("log/counts/", views.activity_counts, name="counts"),
]
