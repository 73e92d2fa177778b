from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.root, name="root"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("c/<slug:slug>/", views.centre_page, name="centre"),
    path("c/<slug:slug>/figures/", views.figures_page, name="figures"),
    path("here/<str:token>/", views.self_count, name="self_count"),
    path("c/<slug:slug>/calendar/", views.calendar, name="calendar"),
    path("c/<slug:slug>/calendar.ics", views.centre_feed, name="centre_feed"),
    path("c/<slug:slug>/embed/", views.embed, name="embed"),
    path("c/<slug:slug>/associations/<int:pk>/", views.association_page, name="association"),
    path(
        "c/<slug:slug>/associations/<int:pk>/calendar.ics",
        views.association_feed,
        name="association_feed",
    ),
    path(
        "c/<slug:slug>/projects/<slug:project>/calendar.ics",
        views.project_feed,
        name="project_feed",
    ),
]
