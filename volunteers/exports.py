"""The rows of the volunteer list export (written by core.exports, formula-safe)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from .models import Volunteer


def volunteer_rows(volunteers: Iterable[Volunteer]) -> tuple[list[str], list[list[object]]]:
    header = [
        _("First name"),
        _("Last name"),
        _("E-mail"),
        _("Phone"),
        _("Birth year"),
        _("Postal code"),
        _("District"),
        _("Status"),
        _("Interests and skills"),
        _("Background groups"),
        _("Weekdays"),
        _("Evenings"),
        _("Weekends"),
        _("Police certificate checked on"),
    ]
    yes, no = _("Yes"), _("No")
    rows: list[list[object]] = [
        [
            v.first_name,
            v.last_name,
            v.email,
            v.phone,
            v.birth_year or "",
            v.postal_code,
            str(v.district or ""),
            v.get_status_display(),
            ", ".join(i.label for i in v.interests.all()),
            ", ".join(g.label for g in v.background_groups.all()),
            yes if v.available_weekdays else no,
            yes if v.available_evenings else no,
            yes if v.available_weekends else no,
            v.police_certificate_checked_on.isoformat() if v.police_certificate_checked_on else "",
        ]
        for v in volunteers
    ]
    return header, rows
