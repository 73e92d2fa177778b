"""The form renderer's widgets written in Python (core/renderers.py) give the HTML of the
templates they stand for, character for character, and stand aside when a template changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from core import renderers
from core.renderers import FAST_WIDGETS, FormRenderer


class Everything(forms.Form):
    text = forms.CharField(
        widget=forms.TextInput(attrs={"placeholder": 'Say "hi" & <go>', "autocomplete": "off"})
    )
    search = forms.CharField(widget=forms.TextInput(attrs={"type": "search"}), required=False)
    email = forms.EmailField(help_text="Help")
    number = forms.IntegerField(min_value=0)
    decimal = forms.DecimalField()
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    when = forms.DateTimeField()
    time = forms.TimeField()
    url = forms.URLField(assume_scheme="https")
    phone = forms.CharField(widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}))
    password = forms.CharField(widget=forms.PasswordInput)
    hidden = forms.CharField(widget=forms.HiddenInput)
    box = forms.BooleanField(required=False)
    safe = forms.CharField(widget=forms.TextInput(attrs={"data-x": mark_safe("<b>&amp;</b>")}))
    choice = forms.ChoiceField(
        choices=[("", "---------"), ("a", "Ærlig <a> & b"), (1, 2026), ("l", gettext_lazy("Yes"))]
    )
    grouped = forms.ChoiceField(
        choices=[("Group <1>", [("x", "X"), ("y", "Y")]), ("z", "Zed"), ("", "---------")]
    )
    many = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B"), ("c", "C")])
    empty_select = forms.ChoiceField(choices=[], required=False)


DATA = {
    "text": 'a "quoted" <value> & more',
    "search": "",
    "email": "x@example.org",
    "number": "1000000",
    "decimal": "1234.5",
    "date": "2026-12-07",
    "when": "2026-12-07 10:15",
    "time": "10:15",
    "url": "https://example.org/?a=1&b=2",
    "phone": "+47 99 88 77 66",
    "password": "secret",
    "hidden": "h",
    "box": "on",
    "safe": "s",
    "choice": "1",
    "grouped": "y",
    "many": ["a", "c"],
}


def _widgets(form: forms.Form) -> list[tuple[str, str, str]]:
    """(field, template-rendered, fast-rendered) for every field of the form."""
    slow, fast = TemplatesSetting(), FormRenderer()
    rows = []
    for bound in form:
        widget, value = bound.field.widget, bound.value()
        slow_html = widget.render(bound.html_name, value, renderer=slow)
        fast_html = widget.render(bound.html_name, value, renderer=fast)
        rows.append((bound.name, str(slow_html), str(fast_html)))
    return rows


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
@pytest.mark.parametrize("bound", [True, False])
def test_fast_widgets_render_as_their_templates(language, bound):
    with translation.override(language):
        form = Everything(DATA if bound else None, initial={"date": dt.date(2026, 1, 2)})
        form.fields["hidden"].widget.attrs["disabled"] = True
        form.fields["text"].widget.attrs["required"] = False
        for name, slow, fast in _widgets(form):
            assert fast == slow, name


def test_every_fast_widget_is_in_use():
    assert set(FormRenderer().fast_widgets) == set(FAST_WIDGETS)


def test_a_changed_template_is_rendered_by_the_engine(monkeypatch):
    monkeypatch.setitem(renderers.EXPECTED_SOURCES, "django/forms/widgets/select.html", "old")
    renderer = FormRenderer()
    assert "django/forms/widgets/select.html" not in renderer.fast_widgets
    assert "django/forms/widgets/text.html" in renderer.fast_widgets
    monkeypatch.setitem(renderers.EXPECTED_SOURCES, "django/forms/widgets/attrs.html", "old")
    assert not FormRenderer().fast_widgets
