"""The volunteer certificate as PDF: the volunteer's tasks and their approved hours per year
in the certificate's period, read from the figures engine (so it lives here, above figures and
volunteers; volunteers.paperwork prints it)."""

from __future__ import annotations

from django.utils import timezone

from figures import engine
from volunteers.models import Certificate
from volunteers.paperwork import print_pdf


def certificate_pdf(certificate: Certificate) -> bytes:
    hours = engine.hours_of_volunteer(
        certificate.volunteer, start=certificate.period_start, end=certificate.period_end
    )
    return print_pdf(
        "volunteers/pdf/certificate.html",
        {
            "certificate": certificate,
            "volunteer": certificate.volunteer,
            "centre": certificate.centre,
            "hours": hours,
            "total": hours.total,
            "today": timezone.localdate(),
        },
    )
