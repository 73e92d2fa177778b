"""Pages for the volunteer's paperwork: the certificate (the coordinator makes it here; its
PDF, which reads the figures engine, is served by reports.views.certificate_pdf) and the police
certificate purpose letter."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.http import AuthenticatedHttpRequest
from core.models import Role
from core.permissions import get_access, get_object_for_user, role_required

from . import paperwork, selectors, services
from .forms import CertificateForm, PoliceLetterForm
from .models import Volunteer
from .views import form_error

COORDINATOR = Role.COORDINATOR


def pdf_response(content: bytes, name: str) -> HttpResponse:
    """A PDF download named `name` (slugified)."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.pdf"'
    return response


def _signer(request: AuthenticatedHttpRequest) -> dict:
    return {"signer_name": request.user.get_full_name(), "signer_title": _("Coordinator")}


@role_required(COORDINATOR)
def certificate_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    volunteer = get_object_for_user(request, Volunteer, edit=True, pk=pk)
    first = volunteer.hour_entries.filter(status="approved").order_by("date").first()
    form = CertificateForm(
        request.POST or None,
        initial={
            "period_start": first.date if first else volunteer.created_at.date(),
            "period_end": timezone.localdate(),
            "tasks": "\n".join(selectors.tasks_done(volunteer=volunteer)),
            **_signer(request),
        },
    )
    if request.method == "POST" and form.is_valid():
        from django.core.exceptions import ValidationError

        try:
            services.certificate_create(
                actor=get_access(request), volunteer=volunteer, **form.cleaned_data
            )
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(
                request, _("The certificate was made. The volunteer can download it too.")
            )
            return redirect("volunteers:detail", volunteer.pk)
    return render(
        request, "volunteers/certificate_form.html", {"form": form, "volunteer": volunteer}
    )


@role_required(COORDINATOR)
def police_letter(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The purpose letter as PDF; making it records that the certificate was requested today."""
    volunteer = get_object_for_user(request, Volunteer, edit=True, pk=pk)
    form = PoliceLetterForm(
        request.POST or None, legal_bases=paperwork.LEGAL_BASES, initial=_signer(request)
    )
    if request.method == "POST" and form.is_valid():
        services.police_certificate_record(
            actor=get_access(request), volunteer=volunteer, requested_on=timezone.localdate()
        )
        letter = paperwork.PurposeLetter(
            volunteer=volunteer,
            task=form.cleaned_data["task"],
            legal_basis=form.legal_basis_text,
            signer_name=form.cleaned_data["signer_name"],
            signer_title=form.cleaned_data["signer_title"],
        )
        return pdf_response(
            paperwork.police_letter_pdf(letter),
            _("police certificate purpose %(name)s") % {"name": volunteer},
        )
    return render(
        request, "volunteers/police_letter_form.html", {"form": form, "volunteer": volunteer}
    )
