from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.preferences, name="preferences"),
    path("sent/", views.delivery_log, name="log"),
    path("answer/<str:action>/<str:token>/", views.answer, name="answer"),
    path("sms/inbound/", views.sms_inbound, name="sms_inbound"),
]
