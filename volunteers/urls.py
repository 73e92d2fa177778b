from django.urls import path

from . import views

app_name = "volunteers"

urlpatterns = [
    path("people/", views.volunteer_list, name="list"),
    path("people/new/", views.volunteer_create, name="create"),
    path("people/<int:pk>/", views.volunteer_detail, name="detail"),
    path("people/<int:pk>/edit/", views.volunteer_edit, name="edit"),
    path("people/<int:pk>/approve/", views.volunteer_approve, name="approve"),
    path("people/<int:pk>/invite/", views.volunteer_invite, name="invite"),
    path(
        "people/<int:pk>/consents/<int:consent_pk>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("people/<int:pk>/hours/", views.volunteer_hours_add, name="hours_add"),
    path("people/<int:pk>/export/", views.volunteer_export, name="export"),
    path("people/<int:pk>/erase/", views.volunteer_erase, name="erase"),
    path("people/inactive/", views.volunteer_inactive, name="inactive"),
    path("people/consent/", views.consent_texts, name="consent_texts"),
    path("lists/", views.curated_lists_home, name="lists_home"),
    path("lists/<slug:kind>/", views.curated_lists, name="lists"),
    path("lists/<slug:kind>/<int:pk>/", views.curated_lists, name="lists_edit"),
    path("hours/pending/", views.hours_pending, name="hours_pending"),
    path("hours/approve/", views.hours_approve_selected, name="hours_approve_selected"),
    path("hours/<int:pk>/decide/", views.hours_decide, name="hours_decide"),
    path("tasks/", views.task_list, name="task_list"),
    path("tasks/new/", views.task_create, name="task_create"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/match/", views.match_create, name="match_create"),
    path("matches/<int:pk>/", views.match_edit, name="match_edit"),
    path("me/", views.me, name="me"),
    path("me/edit/", views.me_edit, name="me_edit"),
    path("my-hours/", views.my_hours, name="my_hours"),
    path("signup/<slug:slug>/", views.signup, name="signup"),
    path("signup/<slug:slug>/thanks/", views.signup_done, name="signup_done"),
]
