"""Figures in templates: the one formatter and the catalogue's words, on every page and in PDFs.

A builtin library (settings.TEMPLATES): every template can write

    {% fig "volunteer_hours.total" value %}  ->  <span data-figure="…total">1 771,0</span>
    {% fig_percent comparison %}  ->  <span data-figure="…percent_of_target">74 %</span>
    {{ value|num:1 }}  {{ value|percent }}  {{ amount|nok }}
    {% figure_label "activities.held" %}  {% figure_note "activities.held" %}
    {% figure_value pair %}  {% figure_cells pairs %}  (counted and/or reported; a row's cells)
    {% volunteer_year_hours volunteer %}  (their approved hours per year, newest first)
    {% person_hours_rows rows %}  (the table rows of the hours per volunteer)

`fig` marks the number with its catalogue key, so a test or a reader can trace any number shown
to its definition.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from core import formatting
from core.permissions import get_access
from figures import engine
from figures.catalogue import CATALOGUE, definition, format_value

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

register = template.Library()


@register.filter
def num(value, decimals: int = 0) -> str:
    """A number rounded half-up to `decimals` places in the page's language: 2 541 / 2,541."""
    return formatting.number(value, int(decimals))


@register.filter
def nok(value) -> str:
    """An amount in NOK: 'kr 650 000' in Norwegian, 'NOK 650,000' in English."""
    return formatting.money(value)


@register.filter
def percent(value, decimals: int = 0) -> str:
    return formatting.percent(value, int(decimals))


@register.filter
def figure_format(value, key: str) -> str:
    """A catalogued figure's value in its own decimals and unit."""
    return format_value(key, value)


@register.simple_tag
def fig(key: str, value, decimals: int | None = None) -> str:
    """The value of a figure, formatted, in an element marked with its key."""
    if decimals is not None:
        text = formatting.number(value, int(decimals))
    else:  # a figure's part (`activities.held.target`) is formatted as the figure
        text = format_value(_catalogued(key), value)
    return format_html('<span data-figure="{}">{}</span>', key, text)


def _catalogued(key: str) -> str:
    """The catalogued figure a key names or is a part of (`<key>.target` -> `<key>`)."""
    parts = key.split(".")
    for n in range(len(parts), 0, -1):
        if ".".join(parts[:n]) in CATALOGUE:
            return ".".join(parts[:n])
    return key


@register.simple_tag
def fig_percent(comparison) -> str:
    """A comparison's percentage of its target (whole, half-up), marked with its key."""
    if comparison is None:
        return "–"
    return format_html(
        '<span data-figure="{}.percent_of_target">{}</span>',
        comparison.key,
        formatting.percent(comparison.percent),
    )


@register.simple_tag
def figure_label(key: str) -> StrOrPromise:
    """The one label of a figure (figures.catalogue), the same on every page and in every PDF."""
    return definition(key).label


@register.simple_tag
def figure_note(key: str) -> StrOrPromise:
    """How a figure is counted (figures.catalogue), the same words on screen and in print."""
    return definition(key).note


@register.simple_tag
def figure_value(pair, decimals: int | None = None) -> str:
    """A figure that may be counted, reported or both (a figures.engine.Pair), marked with its
    key. Counted only: "130". Reported only: "75 (reported)". Both and equal: "75". Both and
    different: "130 counted · 75 reported", so that neither hides the other. Nothing: "–"."""
    if pair is None:
        return "–"
    places = pair.decimals if decimals is None else int(decimals)
    if pair.counted is None and pair.reported is None:
        return "–"
    reported = ""
    if pair.reported is not None:
        text = formatting.number(pair.reported, places)
        reported = gettext("about %(n)s") % {"n": text} if pair.approximate else text
    if pair.reported is None:
        inner = format_html("{}", formatting.number(pair.counted, places))
    elif pair.counted is None:
        inner = format_html(
            '{} <span class="figure-source">({})</span>', reported, gettext("reported")
        )
    elif not pair.differs:
        inner = format_html("{}", formatting.number(pair.counted, places))
    else:
        inner = format_html(
            '{} <span class="figure-source">{}</span> · {} <span class="figure-source">{}</span>',
            formatting.number(pair.counted, places),
            gettext("counted"),
            reported,
            gettext("reported"),
        )
    return format_html('<span data-figure="{}">{}</span>', pair.key, inner)


@register.simple_tag
def figure_cells(pairs) -> SafeString:
    """A row of `figure_value`s, each in its table cell (`<td class="num">`): the years side by
    side print a cell per figure and year, and a template loop spent more on its nodes than
    on the cells."""
    return mark_safe(  # noqa: S308 -- figure_value escapes what it formats
        "".join(f'<td class="num">{figure_value(pair)}</td>' for pair in pairs)
    )


@register.filter
def goal_value(value, is_percent: bool = False) -> str:
    """A goal's target or result: "80 %" or "12", one decimal only where it has one."""
    if value is None or value == "":
        return "–"
    number = Decimal(str(value))
    text = formatting.number(number, 0 if number == number.to_integral_value() else 1)
    return f"{text}{formatting.NBSP}%" if is_percent else text


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template (figure keys have dots, which the template language reads as
    attribute lookups)."""
    return mapping.get(key) if mapping is not None else None


@register.simple_tag(takes_context=True)
def hours_waiting(context) -> Decimal:
    """The hours waiting for approval the page's user may decide (`volunteer_hours.waiting`),
    from the engine: the hours app's page shows it without importing the engine above it."""
    return engine.hours_waiting(get_access(context["request"]))


@register.inclusion_tag("volunteers/partials/year_hours.html")
def volunteer_year_hours(volunteer) -> dict:
    """A volunteer's approved hours per year, newest first, from the engine (one query): the
    volunteer's own pages show it without the volunteers app importing the engine above it."""
    return {"hours_per_year": engine.hours_of_volunteer(volunteer).newest_first}


# One row of the hours per volunteer (reports/hours.html), with the loop's own whitespace.
_PERSON_HOURS_ROW = (
    '\n    <tr><td><a href="{}">{}</a></td>'
    '<td class="num"><span data-figure="volunteer_hours.own.entries">{}</span></td>'
    '<td class="num"><span data-figure="volunteer_hours.own">{}</span></td>'
    '<td class="num"><span data-figure="volunteer_hours.own.fte">{}</span></td></tr>\n    '
)


@register.simple_tag
def person_hours_rows(rows) -> SafeString:
    """The rows of the hours per volunteer: (link, `engine.PersonHours`) pairs, their entries,
    hours and årsverk formatted as `num` formats them, every value escaped as the template
    escapes it. One tag for the whole table: a centre lists hundreds of volunteers, and a
    template loop spent more on its nodes than on the rows (the language is read once, and
    the standard library's escape is Django's `escape` without its lazy-text wrapper)."""
    language = get_language()
    number = formatting.number
    return mark_safe(  # noqa: S308 -- every value is escaped above
        "".join(
            _PERSON_HOURS_ROW.format(
                escape(url),
                escape(row.name),
                escape(number(row.entries, 0, language)),
                escape(number(row.hours, 1, language)),
                escape(number(row.fte, 2, language)),
            )
            for url, row in rows
        )
    )
