"""The rotas pages, in the `volunteers` namespace under /volunteers/ (frivillig/urls.py)."""

from django.urls import path

from . import views

volunteers_pages = [
    path("calendar/<slug:token>.ics", views.shift_feed, name="shift_feed"),
    path("rotas/", views.rota_list, name="rota_list"),
    path("rotas/new/", views.rota_create, name="rota_create"),
    path("rotas/<int:pk>/", views.rota_detail, name="rota_detail"),
    path("rotas/<int:pk>/edit/", views.rota_edit, name="rota_edit"),
    path("shifts/<int:pk>/", views.shift_detail, name="shift_detail"),
    path("shifts/<int:pk>/add/", views.shift_add_volunteer, name="shift_add_volunteer"),
    path("shifts/<int:pk>/places/", views.shift_capacity, name="shift_capacity"),
    path("shifts/<int:pk>/held/", views.shift_hold, name="shift_hold"),
    path("shifts/<int:pk>/sign-up/", views.shift_sign_up, name="shift_sign_up"),
    path("sign-ups/<int:pk>/cancel/", views.signup_cancel, name="signup_cancel"),
    path("open/", views.open_needs, name="open_needs"),
    path("tasks/<int:pk>/interested/", views.task_interest, name="task_interest"),
]
