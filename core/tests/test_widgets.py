"""The select widget written inline (templates/django/forms/widgets/select.html) and the
filters whose choices are read in one query (core.filters.ShortListFilter)."""

import django_filters
import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.filters import ShortListFilter
from core.models import Municipality


class _Form(forms.Form):
    fruit = forms.ChoiceField(
        choices=[
            ("", "---------"),
            ("Nordic", [("b", "Blåbær"), ("t", 'Tytte"bær')]),
            ("e", "Eple"),
        ]
    )
    many = forms.MultipleChoiceField(choices=[("1", "En"), ("2", "To")], required=False)


def test_the_select_writes_its_options_groups_selection_and_escapes_labels():
    html = str(_Form(data={"fruit": "t", "many": ["1", "2"]})["fruit"])
    assert '<optgroup label="Nordic">' in html
    assert '<option value="t" selected>Tytte&quot;bær</option>' in html
    assert '<option value="b">Blåbær</option>' in html
    assert "---------" not in html  # the empty choice reads "Choose…" in the user's language
    many = str(_Form(data={"fruit": "e", "many": ["1", "2"]})["many"])
    assert "multiple" in many and many.count(" selected") == 2


class _MunicipalityFilter(django_filters.FilterSet):
    municipality = ShortListFilter(queryset=Municipality.objects.order_by("name"))


@pytest.mark.django_db
def test_a_short_list_filter_renders_its_choices_from_one_query():
    Municipality.objects.create(name="Fjordvik kommune", slug="fjordvik")
    Municipality.objects.create(name="Annen kommune", slug="annen")
    form = _MunicipalityFilter({}, queryset=Municipality.objects.all()).form
    with CaptureQueriesContext(connection) as queries:
        html = str(form["municipality"])
    assert len(queries) == 1
    assert "DECLARE" not in queries[0]["sql"]  # no server-side cursor on PostgreSQL
    assert html.index("Annen kommune") < html.index("Fjordvik kommune")


@pytest.mark.django_db
def test_a_chosen_short_list_filter_is_validated_and_rendered_from_the_same_query():
    Municipality.objects.create(name="Fjordvik kommune", slug="fjordvik")
    chosen = Municipality.objects.create(name="Annen kommune", slug="annen")
    filterset = _MunicipalityFilter(
        {"municipality": str(chosen.pk)}, queryset=Municipality.objects.all()
    )
    with CaptureQueriesContext(connection) as queries:
        assert filterset.form.is_valid()
        html = str(filterset.form["municipality"])
    assert len(queries) == 1
    assert filterset.form.cleaned_data["municipality"] == chosen
    assert f'<option value="{chosen.pk}" selected>Annen kommune</option>' in html


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["999999", "x", "1.5", "1\x00"])
def test_a_short_list_filter_refuses_a_row_outside_its_choices(value):
    Municipality.objects.create(name="Fjordvik kommune", slug="fjordvik")
    form = _MunicipalityFilter({"municipality": value}, queryset=Municipality.objects.all()).form
    assert not form.is_valid()
    assert "municipality" in form.errors
