from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("start/", views.home, name="home"),
    path("account/", views.account, name="account"),
    path("account/sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path("mail/failed/", views.mail_failed, name="mail_failed"),
]
