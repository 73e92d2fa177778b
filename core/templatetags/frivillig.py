"""Small template helpers shared by every app (numbers and figures: `figures.templatetags`)."""

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

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


def _content_language(context: template.Context, lang: str | None) -> str:
    """The language written text on this page was written in: a given `lang`, else the
    language of the page's centre (public pages and PDFs put theirs in the context), else the
    signed-in user's centre's (core.context_processors.content_language), else bokmål."""
    if lang:
        return lang
    centre = context.get("centre")
    language = getattr(centre, "content_language", None) or context.get("content_language")
    return str(language or "nb")


@register.simple_tag(takes_context=True)
def written(context: template.Context, text: object, lang: str | None = None) -> str:
    """Text people wrote into the database (an activity's or a task's title, an association's
    needs, a consent text), isolated for direction like `|bdi` and, on a page in another
    language, marked with the language it was written in, so that a screen reader reads
    Norwegian as Norwegian on an English page (WCAG 2.1 3.1.2 Language of parts):
    {% written task.title %}, {% written text lang="en" %}, {% written x.name as name %}."""
    if text is None or text == "":
        return ""
    language = _content_language(context, lang)
    if language == (get_language() or "nb")[:2]:
        return format_html("<bdi>{}</bdi>", text)
    return format_html('<bdi lang="{}">{}</bdi>', language, text)


@register.simple_tag(takes_context=True)
def content_lang(context: template.Context, lang: str | None = None) -> str:
    """The `lang` attribute of an element that holds only written text (a paragraph of a
    description): <p{% content_lang %}>…</p>; empty when the page speaks that language."""
    language = _content_language(context, lang)
    if language == (get_language() or "nb")[:2]:
        return ""
    return format_html(' lang="{}"', language)


@register.filter
def tel_href(number: object) -> str:
    """A phone number as a `tel:` link target, without the spaces it is shown with:
    <a href="{{ centre.phone|tel_href }}">{{ centre.phone }}</a> gives tel:+4799887766."""
    text = str(number or "").strip()
    digits = "".join(character for character in text if character.isdigit())
    return f"tel:{'+' if text.startswith('+') else ''}{digits}"


@register.filter
def marks_required(form: object) -> bool:
    """Whether partials/field.html marks a field of this form with `*` (a required field that
    is not a single checkbox), so the form explains the mark (partials/required_note.html)."""
    for field in getattr(form, "visible_fields", list)():
        if field.field.required and not field_layout(field)["single_box"]:
            return True
    return False


@register.filter
def field_layout(field: Any) -> dict[str, bool]:
    """How partials/field.html lays a field out, read from its widget once: `group` (radio
    buttons or several boxes, in a fieldset), `single_box` (one checkbox, its label after it)
    and `wide` (a text area, radio buttons or several choices take the whole row)."""
    widget = field.field.widget
    input_type = getattr(widget, "input_type", "")
    multiple = bool(getattr(widget, "allow_multiple_selected", False))
    return {
        "group": input_type == "radio" or (input_type == "checkbox" and multiple),
        "single_box": input_type == "checkbox" and not multiple,
        "wide": bool(widget.attrs.get("rows")) or input_type == "radio" or multiple,
    }
