"""Filters of the report templates: figures that may be missing, and plain-text narratives."""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.formatting import number as num

register = template.Library()

BULLET = re.compile(r"^\s*[-*•]\s+")
NUMBERED = re.compile(r"^\s*\d+[.)]\s+")


@register.filter
def fig(value, decimals: int = 0) -> SafeString:
    """A figure in the locale's format, or "not recorded" when its source has no data."""
    if value is None:
        return format_html('<span class="not-recorded">{}</span>', _("not recorded"))
    return format_html("{}", num(value, decimals))


@register.filter
def target(value, decimals: int = 0) -> str:
    """A target figure, or a dash when none was set."""
    return "–" if value is None else num(value, decimals)


@register.filter
def paragraphs(text: str) -> SafeString:
    """Plain text as HTML: blank lines part paragraphs, lines starting "- " or "1. " are lists."""
    blocks = [block for block in re.split(r"\n\s*\n", (text or "").strip()) if block.strip()]
    html = []
    for block in blocks:
        lines = [line for line in block.splitlines() if line.strip()]
        if all(BULLET.match(line) for line in lines):
            items = "".join(f"<li>{escape(BULLET.sub('', line))}</li>" for line in lines)
            html.append(f"<ul>{items}</ul>")
        elif all(NUMBERED.match(line) for line in lines):
            items = "".join(f"<li>{escape(NUMBERED.sub('', line))}</li>" for line in lines)
            html.append(f"<ol>{items}</ol>")
        else:
            html.append("<p>" + "<br>".join(escape(line) for line in lines) + "</p>")
    return mark_safe("".join(html))  # noqa: S308 - every line is escaped above


@register.filter
def month_name(month: int) -> str:
    from django.utils.dates import MONTHS

    return str(MONTHS[month])


@register.filter
def measured(rows) -> bool:
    """Whether any of these goals (activities GoalRows) has a target or a result to print."""
    return any(row.goal.target is not None or row.yearly for row in rows)
