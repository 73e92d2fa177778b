"""Small template helpers shared by every app (numbers and figures: `figures.templatetags`)."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def split(text: str) -> list[str]:
    """Words of a literal: {% for key in "a b c"|split %}."""
    return str(text).split()


@register.filter
def audit_action(action: str) -> str:
    """What an audit-trail action is called on a page ("changed", "erased the personal data")."""
    from core.audit import action_label

    return action_label(action)


@register.filter
def bdi(text: object) -> str:
    """User-written text isolated for direction: {{ organisation.name|bdi }}. A name in Arabic or
    Hebrew, or one holding a right-to-left override, cannot reorder the text around it."""
    return format_html("<bdi>{}</bdi>", text)
