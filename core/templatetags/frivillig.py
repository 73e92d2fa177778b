"""Norwegian number and money formatting: kr 650 000, 2 541, 11,0."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats
from django.utils.translation import get_language

register = template.Library()

NBSP = "\xa0"


def _group(value: int | float | Decimal | str | None, decimals: int = 0) -> str:
    if value is None or value == "":
        return "–"
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    text = formats.number_format(number, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    # Norwegian groups with a (non-breaking) space: "2 541"; keep it unbreakable in print.
    return text.replace(" ", NBSP)


@register.filter
def num(value, decimals: int = 0) -> str:
    """A whole number (or `decimals` places) with the locale's grouping: 2 541 / 2,541."""
    return _group(value, int(decimals))


@register.filter
def nok(value) -> str:
    """An amount in NOK: 'kr 650 000' in Norwegian, 'NOK 650,000' in English."""
    if value is None or value == "":
        return "–"
    amount = _group(value, 0)
    return (
        f"kr{NBSP}{amount}" if (get_language() or "nb").startswith("nb") else f"NOK{NBSP}{amount}"
    )


@register.filter
def percent(value, decimals: int = 0) -> str:
    if value is None:
        return "–"
    return f"{_group(value, int(decimals))}{NBSP}%"
