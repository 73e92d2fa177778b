"""Norwegian number and money formatting: kr 650 000, 2 541, 11,0."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

from core.figures import definition

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
        f"kr{NBSP}{amount}"
        if (get_language() or "nb")[:2] in {"nb", "nn"}
        else f"NOK{NBSP}{amount}"
    )


@register.filter
def percent(value, decimals: int = 0) -> str:
    if value is None:
        return "–"
    return f"{_group(value, int(decimals))}{NBSP}%"


@register.simple_tag
def figure_label(key: str) -> str:
    """The one label of a figure (core.figures), the same on every page and in every PDF."""
    return definition(key).label


@register.simple_tag
def figure_note(key: str) -> str:
    """How a figure is counted (core.figures), the same words on screen and in print."""
    return definition(key).note


@register.simple_tag
def figure_value(pair, decimals: int | None = None) -> str:
    """A figure that may be counted, reported or both (an activities FigurePair).

    Counted only: "130". Reported only: "75 (reported)". Both and equal: "75". Both and
    different: "130 counted · 75 reported", so that neither hides the other. Nothing: "–".
    """
    if pair is None:
        return "–"
    places = pair.decimals if decimals is None else int(decimals)
    reported = ""
    if pair.reported is not None:
        text = _group(pair.reported, 0)
        reported = gettext("about %(n)s") % {"n": text} if pair.approximate else text
    if pair.counted is None and pair.reported is None:
        return "–"
    if pair.reported is None:
        return _group(pair.counted, places)
    if pair.counted is None:
        return format_html(
            '{} <span class="figure-source">({})</span>', reported, gettext("reported")
        )
    if not pair.differs:
        return _group(pair.counted, places)
    return format_html(
        '{} <span class="figure-source">{}</span> · {} <span class="figure-source">{}</span>',
        _group(pair.counted, places),
        gettext("counted"),
        reported,
        gettext("reported"),
    )


@register.filter
def split(text: str) -> list[str]:
    """Words of a literal: {% for key in "a b c"|split %}."""
    return str(text).split()


@register.filter
def goal_value(value, is_percent: bool = False) -> str:
    """A goal's target or result: "80 %" or "12", one decimal only where it has one."""
    if value is None or value == "":
        return "–"
    number = Decimal(str(value))
    text = _group(number, 0 if number == number.to_integral_value() else 1)
    return f"{text}{NBSP}%" if is_percent else text


@register.filter
def audit_action(action: str) -> str:
    """What an audit-trail action is called on a page ("changed", "erased the personal data")."""
    from core.audit import action_label

    return action_label(action)
