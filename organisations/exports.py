"""Export of the filtered list to CSV and Excel (formula-safe, through core.exports)."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import csv_response, xlsx_response

from .models import Organisation


def export_headers() -> list[str]:
    return [
        _("Name"),
        _("Organisation number"),
        _("Categories"),
        _("District"),
        _("Contact person"),
        _("E-mail"),
        _("Phone"),
        _("Postal address"),
        _("Postal code"),
        _("Postal place"),
        _("Website"),
        _("Members"),
        _("Founding year"),
        _("Needs volunteers now"),
        _("Listed in the public directory"),
        _("Archived"),
        _("Last confirmed"),
    ]


def export_row(organisation: Organisation) -> list[object]:
    yes, no = _("Yes"), _("No")
    confirmed = (
        timezone.localtime(organisation.confirmed_at).strftime("%d.%m.%Y")
        if organisation.confirmed_at
        else ""
    )
    return [
        organisation.name,
        organisation.organisation_number or "",
        ", ".join(rc.category.label for rc in organisation.ranked_categories.all()),
        organisation.district.name if organisation.district else "",
        organisation.contact_name,
        organisation.email,
        organisation.phone,
        organisation.postal_address,
        organisation.postal_code,
        organisation.postal_place,
        organisation.website,
        organisation.member_count if organisation.member_count is not None else "",
        organisation.founded_year or "",
        yes if organisation.needs_volunteers else no,
        yes if organisation.is_public else no,
        yes if organisation.is_archived else no,
        confirmed,
    ]


def _filename() -> str:
    return f"foreninger-{timezone.localdate():%Y-%m-%d}"


def as_csv(organisations: Iterable[Organisation]) -> HttpResponse:
    return csv_response(_filename(), export_headers(), (export_row(o) for o in organisations))


def as_xlsx(organisations: Iterable[Organisation]) -> HttpResponse:
    rows = (export_row(o) for o in organisations)
    return xlsx_response(_filename(), export_headers(), rows, sheet_title=_("Associations"))


def template_csv(rows: list[list[str]]) -> HttpResponse:
    return csv_response("foreninger-mal", rows[0], rows[1:])


def template_xlsx(rows: list[list[str]]) -> HttpResponse:
    return xlsx_response("foreninger-mal", rows[0], rows[1:])
