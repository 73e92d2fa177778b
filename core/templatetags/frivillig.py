"""Small template helpers shared by every app (numbers and figures: `figures.templatetags`)."""

from django import template

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
