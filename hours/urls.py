"""The hours pages, in the `volunteers` namespace under /volunteers/ (frivillig/urls.py)."""

from django.urls import path

from . import views

volunteers_pages = [
    path("people/<int:pk>/hours/", views.volunteer_hours_add, name="hours_add"),
    path("hours/pending/", views.hours_pending, name="hours_pending"),
    path("hours/approve/", views.hours_approve_selected, name="hours_approve_selected"),
    path("hours/<int:pk>/decide/", views.hours_decide, name="hours_decide"),
    path("my-hours/", views.my_hours, name="my_hours"),
]
