"""The one formatter: every number on a page, in a PDF, a chart label or a tooltip (in core,
so every app may use it).

- Rounding is half-up to the figure's decimals (1 185,96 h with one decimal is 1 186,0),
  never a cut of digits.
- Norwegian (bokmål and nynorsk) groups thousands with a non-breaking space and uses a decimal
  comma: 1 771,0. English: 1,771.0.
- A negative number has a real minus sign (U+2212): −3 600.
- A percentage of a target is a whole number (half-up); other percentages (a local share) have
  the decimals of their figure. Always with a non-breaking space before the sign: 74 %.
- No value is "–".
CSV, Excel and the API take `quantize`d numbers, not text: a spreadsheet sums them.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, overload

from django.utils.translation import get_language

NBSP = "\xa0"
MINUS = "\u2212"
NONE = "–"


@overload
def quantize(value: None, decimals: int = 0) -> None: ...
@overload
def quantize(value: Decimal | int | float, decimals: int = 0) -> Decimal: ...
@overload
def quantize(value: Any, decimals: int = 0) -> Decimal | None: ...
def quantize(value: Any, decimals: int = 0) -> Decimal | None:
    """`value` as a Decimal rounded half-up to `decimals` places (None and "" give None)."""
    if value is None or value == "":
        return None
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def as_number(value, decimals: int = 0) -> int | float | None:
    """A value for JSON and spreadsheets: an int without decimals, else a float, rounded once."""
    number = quantize(value, decimals)
    if number is None:
        return None
    return int(number) if decimals == 0 else float(number)


def _separators(language: str | None) -> tuple[str, str]:
    language = (language or get_language() or "nb").lower()
    if language.startswith("en"):
        return ",", "."
    return NBSP, ","


def number(value, decimals: int = 0, language: str | None = None) -> str:
    """1 771,0 (nb, nn) or 1,771.0 (en); −3 600 for a negative; "–" for none."""
    try:
        rounded = quantize(value, int(decimals))
    except (InvalidOperation, ValueError, TypeError):
        return str(value)
    if rounded is None:
        return NONE
    group, point = _separators(language)
    negative = rounded < 0
    text = f"{abs(rounded):,.{int(decimals)}f}"  # 1,771.0
    whole, _dot, fraction = text.partition(".")
    text = whole.replace(",", group) + (point + fraction if fraction else "")
    if negative and rounded != 0:
        text = MINUS + text
    return text


def percent(value, decimals: int = 0, language: str | None = None) -> str:
    """74 % (a percentage already computed; `decimals` places, half-up)."""
    if value is None or value == "":
        return NONE
    return f"{number(value, decimals, language)}{NBSP}%"


def money(value, language: str | None = None) -> str:
    """kr 650 000 (nb, nn) or NOK 650,000 (en); kr −3 600 for a negative."""
    if value is None or value == "":
        return NONE
    text = number(value, 0, language)
    lang = (language or get_language() or "nb").lower()
    return f"NOK{NBSP}{text}" if lang.startswith("en") else f"kr{NBSP}{text}"
