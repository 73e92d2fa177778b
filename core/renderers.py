"""The form renderer (settings.FORM_RENDERER): Django's `TemplatesSetting`, with the widgets
every form and filter bar draws most (a select and the <input> widgets) written in Python.

A filter bar renders half a dozen selects on every list page; through the template engine each
costs a template, an include for its attributes and a loop of variable lookups, most of a list
page's rendering time. `FAST_WIDGETS` writes the same HTML, character for character, as the
templates it stands for. It is used only while each template resolves to the source it was
written from (`EXPECTED_SOURCES`): a template overridden or changed later is rendered by the
engine again, so the page never differs from its template (tests/test_form_renderer.py compares
the two for every widget kind).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.forms.renderers import TemplatesSetting
from django.template.defaultfilters import stringformat
from django.utils.formats import localize
from django.utils.functional import cached_property
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from django.utils.translation import gettext

WIDGETS = "django/forms/widgets/"
INPUT_KINDS = (
    "checkbox color date datetime email hidden number password search tel text time url".split()
)
ATTRS_SOURCE = (
    "{% for name, value in widget.attrs.items %}{% if value is not False %} {{ name }}"
    "{% if value is not True %}=\"{{ value|stringformat:'s' }}\"{% endif %}{% endif %}"
    "{% endfor %}"
)
INPUT_SOURCE = (
    '<input type="{{ widget.type }}" name="{{ widget.name }}"{% if widget.value != None %} '
    "value=\"{{ widget.value|stringformat:'s' }}\"{% endif %}"
    '{% include "django/forms/widgets/attrs.html" %}>\n'
)
SELECT_SOURCE = (
    "{% load i18n %}{% comment %}Django's select with its options written inline instead of one"
    " included template per option (select_option.html stays for widgets that render an option"
    " alone): a filter bar's selects render in a fraction of the time.{% endcomment %}"
    '<select name="{{ widget.name }}"{% include "django/forms/widgets/attrs.html" %}>'
    "{% for group_name, group_choices, group_index in widget.optgroups %}{% if group_name %}\n"
    '  <optgroup label="{{ group_name }}">{% endif %}{% for option in group_choices %}\n'
    "  <option value=\"{{ option.value|stringformat:'s' }}\""
    "{% for name, value in option.attrs.items %}{% if value is not False %} {{ name }}"
    "{% if value is not True %}=\"{{ value|stringformat:'s' }}\"{% endif %}{% endif %}"
    '{% endfor %}>{% if option.label == "---------" %}{% translate "Choose…" %}{% else %}'
    "{{ option.label }}{% endif %}</option>{% endfor %}{% if group_name %}\n"
    "  </optgroup>{% endif %}{% endfor %}\n</select>\n"
)
# The template each fast widget stands for, as it reads: an <input> kind includes input.html,
# which includes attrs.html.
EXPECTED_SOURCES: dict[str, str] = {
    **{
        f"{WIDGETS}{kind}.html": '{% include "django/forms/widgets/input.html" %}\n'
        for kind in INPUT_KINDS
    },
    f"{WIDGETS}input.html": INPUT_SOURCE,
    f"{WIDGETS}attrs.html": ATTRS_SOURCE,
    f"{WIDGETS}select.html": SELECT_SOURCE,
}


def _shown(value: Any) -> str:
    """`{{ value }}`: localised and escaped as the template engine shows a variable."""
    return conditional_escape(localize(template_localtime(value)))


def _formatted(value: Any) -> str:
    """`{{ value|stringformat:'s' }}` (the filter keeps a safe string safe)."""
    text = stringformat(value, "s")
    return conditional_escape(mark_safe(text) if isinstance(value, SafeData) else text)


def _attrs(attrs: Mapping[str, Any]) -> str:
    """attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_shown(name)}")
        if value is not True:
            parts.append(f'="{_formatted(value)}"')
    return "".join(parts)


def render_input(widget: Mapping[str, Any]) -> str:
    """input.html (and the <input> kinds that include it)."""
    value = widget["value"]
    shown_value = f' value="{_formatted(value)}"' if value != None else ""  # noqa: E711 (as the template)
    return (
        f'<input type="{_shown(widget["type"])}" name="{_shown(widget["name"])}"'
        f"{shown_value}{_attrs(widget['attrs'])}>"
    )


def render_select(widget: Mapping[str, Any]) -> str:
    """templates/django/forms/widgets/select.html."""
    parts = [f'<select name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_shown(group_name)}">')
        for option in group_choices:
            label = option["label"]
            shown = _shown(gettext("Choose…")) if label == "---------" else _shown(label)
            parts.append(
                f'\n  <option value="{_formatted(option["value"])}"'
                f"{_attrs(option['attrs'])}>{shown}</option>"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


FAST_WIDGETS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    **{f"{WIDGETS}{kind}.html": render_input for kind in INPUT_KINDS},
    f"{WIDGETS}select.html": render_select,
}


class FormRenderer(TemplatesSetting):
    """`TemplatesSetting` with `FAST_WIDGETS` in Python while their templates read as written."""

    @cached_property
    def fast_widgets(self) -> dict[str, Callable[[Mapping[str, Any]], str]]:
        """The fast widgets whose templates (and the templates they include) are unchanged."""

        def unchanged(name: str) -> bool:
            try:
                template = getattr(self.get_template(name), "template", None)
            except Exception:  # noqa: BLE001 - a template that cannot load is the engine's to report
                return False
            return getattr(template, "source", None) == EXPECTED_SOURCES[name]

        base = unchanged(f"{WIDGETS}attrs.html")
        inputs = base and unchanged(f"{WIDGETS}input.html")
        return {
            name: render
            for name, render in FAST_WIDGETS.items()
            if unchanged(name) and (inputs if render is render_input else base)
        }

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        render = self.fast_widgets.get(template_name) if request is None else None
        if render is not None:
            return render(context["widget"])
        return super().render(template_name, context, request)
