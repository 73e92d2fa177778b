from django.urls import path

from . import views

app_name = "cooperation"

urlpatterns = [
    path("units/", views.unit_list, name="units"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("partnerships/", views.partnership_list, name="partnerships"),
    path("partnerships/new/", views.partnership_create, name="partnership_create"),
    path("partnerships/<int:pk>/", views.partnership_detail, name="partnership_detail"),
    path("partnerships/<int:pk>/edit/", views.partnership_edit, name="partnership_edit"),
    path("partnerships/<int:pk>/contributions/", views.contribution_add, name="contribution_add"),
    path("partnerships/<int:pk>/contacts/", views.contact_add, name="contact_add"),
    path("partnerships/<int:pk>/outcomes/", views.outcome_add, name="outcome_add"),
    path("partnerships/<int:pk>/document/", views.document_upload, name="document_upload"),
    path(
        "partnerships/<int:pk>/document/download/",
        views.document_download,
        name="document_download",
    ),
    path("partnerships/<int:pk>/stories/new/", views.story_create, name="story_create"),
    path("parts/<str:kind>/<int:pk>/delete/", views.part_delete, name="part_delete"),
    path("stories/<int:pk>/", views.story_detail, name="story_detail"),
    path("stories/<int:pk>/edit/", views.story_edit, name="story_edit"),
    path("stories/<int:pk>/consent/", views.story_consent, name="story_consent"),
    path("stories/<int:pk>/withdraw/", views.story_withdraw, name="story_withdraw"),
    path("stories/<int:pk>/approve/", views.story_approve, name="story_approve"),
    path("reported/", views.reported_years, name="reported_years"),
    path("support/", views.supports, name="supports"),
    path("support/<int:pk>/delete/", views.support_delete, name="support_delete"),
    path("national-register/", views.national_register, name="national_register"),
    path("booklet/", views.booklet, name="booklet"),
    path("booklet/<int:pk>/", views.booklet_download, name="booklet_download"),
]

# The public "Samarbeid" pages (no login).
public_urlpatterns = (
    [
        path("kommune/<slug:slug>/", views.public_municipality, name="municipality"),
        path("<slug:slug>/", views.public_centre, name="centre"),
        path("<slug:slug>/<int:pk>/", views.public_story, name="story"),
    ],
    "samarbeid",
)
