from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("start/", views.home, name="home"),
    path("mail/failed/", views.mail_failed, name="mail_failed"),
]
