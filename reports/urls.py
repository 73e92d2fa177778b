from django.urls import path

from . import views, years

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_create, name="create"),
    path("preview/", views.report_preview, name="preview"),
    path("narrative/", views.narrative_edit, name="narrative"),
    path("<int:pk>/download/", views.report_download, name="download"),
    path("<int:pk>/delete/", views.report_delete, name="delete"),
    path("hours/", views.hours, name="hours"),
    path("overview/", views.overview, name="overview"),
    path("overview/export.<str:fmt>", views.overview, name="overview_export"),
    path(
        "annual/<int:year>/<int:centre_pk>/ask/",
        views.annual_finish_request,
        name="annual_ask",
    ),
    path("privacy/", views.privacy_record, name="privacy_record"),
    path("privacy/record.pdf", views.privacy_record_pdf, name="privacy_record_pdf"),
    path("years/", years.years, name="years"),
    path("years/export.<str:fmt>", years.years, name="years_export"),
    path("national.csv", years.national_export, name="national_export"),
]

# The volunteer certificate's PDF reads the figures engine, so it is served from here; its
# address stays the volunteers app's (frivillig/urls.py adds these to that namespace).
volunteers_pages = [
    path("certificates/<int:pk>/", views.certificate_pdf, name="certificate_pdf"),
]
