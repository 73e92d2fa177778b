from django.urls import path

from . import paperwork_views, views

app_name = "volunteers"

# The pages of `tasks`, `hours` and `rotas` (and the reports app's certificate PDF) share this
# namespace and the /volunteers/ prefix (frivillig/urls.py): their addresses did not change when
# they got apps of their own.

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
    path("people/<int:pk>/export/", views.volunteer_export, name="export"),
    path("people/<int:pk>/erase/", views.volunteer_erase, name="erase"),
    path("people/inactive/", views.volunteer_inactive, name="inactive"),
    path("people/consent/", views.consent_texts, name="consent_texts"),
    path("lists/", views.curated_lists_home, name="lists_home"),
    path("lists/<slug:kind>/", views.curated_lists, name="lists"),
    path("lists/<slug:kind>/<int:pk>/", views.curated_lists, name="lists_edit"),
    path("me/", views.me, name="me"),
    path("me/edit/", views.me_edit, name="me_edit"),
    path("me/calendar/", views.me_calendar_reset, name="me_calendar_reset"),
    path(
        "people/<int:pk>/certificate/",
        paperwork_views.certificate_create,
        name="certificate_create",
    ),
    path("people/<int:pk>/police-letter/", paperwork_views.police_letter, name="police_letter"),
    path("signup/<slug:slug>/", views.signup, name="signup"),
    path("signup/<slug:slug>/thanks/", views.signup_done, name="signup_done"),
]
