"""Parsing hours as people write them: "2:30", "2,5", "2.5", "2" -> Decimal("2.50")."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import HoursField

_RANGE = _("Hours must be more than 0 and at most 24.")


def entry_hours_field(**kwargs) -> HoursField:
    """The hours of one entry, one volunteer's day: more than 0 and at most 24."""
    return HoursField(
        min_value=Decimal("0.01"),
        max_value=24,
        help_text=_("As h:mm (2:30) or as a number (2,5)."),
        error_messages={
            "invalid": _("Write the hours as h:mm (2:30) or as a number (2,5)."),
            "min_value": _RANGE,
            "max_value": _RANGE,
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6, "maxlength": 10}),
        **kwargs,
    )


def parse_hours(value: str) -> Decimal:
    """Hours from h:mm or a decimal with comma or point. Raises ValidationError if unreadable."""
    return entry_hours_field().clean(value)


def format_hours(value: Decimal | float | None) -> str:
    """2.5 -> "2:30", for showing hours the way they are often entered."""
    if value is None:
        return "–"
    minutes = int((Decimal(str(value)) * 60).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    return f"{minutes // 60}:{minutes % 60:02d}"
