"""Parsing hours as people write them: "2:30", "2,5", "2.5", "2" -> Decimal("2.50")."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_HMM = re.compile(r"^(\d{1,2}):([0-5]\d)$")


def parse_hours(value: str) -> Decimal:
    """Hours from h:mm or a decimal with comma or point. Raises ValidationError if unreadable."""
    text = (value or "").strip().replace(" ", "")
    match = _HMM.match(text)
    if match:
        hours = Decimal(match.group(1)) + Decimal(match.group(2)) / Decimal(60)
    else:
        try:
            hours = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise ValidationError(
                _("Write the hours as h:mm (2:30) or as a number (2,5)."), code="invalid"
            ) from None
    if not hours.is_finite() or hours <= 0 or hours > 24:
        raise ValidationError(_("Hours must be more than 0 and at most 24."), code="range")
    return hours.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_hours(value: Decimal | float | None) -> str:
    """2.5 -> "2:30", for showing hours the way they are often entered."""
    if value is None:
        return "–"
    minutes = int((Decimal(str(value)) * 60).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    return f"{minutes // 60}:{minutes % 60:02d}"
