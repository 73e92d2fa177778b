"""Property-based tests of every form: hostile input never gives a 500, invalid input gives a
form error, and nothing is half-saved (row counts unchanged when the input is refused)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.messages import constants, get_messages
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.property import FAST, field_value, form_data, row_counts
from volunteers.tests.factories import ConsentTextFactory, MatchFactory, TaskFactory


@dataclass
class FormCase:
    name: str
    role: str | None  # attribute of `world`, None for the public pages
    url: Callable[[object, dict], str]
    fields: tuple[str, ...] = ()  # for views without a GET form; else read from the form


CASES = [
    FormCase("organisation create", "coordinator", lambda w, x: reverse("organisations:create")),
    FormCase(
        "organisation edit",
        "coordinator",
        lambda w, x: reverse("organisations:edit", args=[w.organisation.pk]),
    ),
    FormCase(
        "association edits its own entry",
        "association",
        lambda w, x: reverse("organisations:edit", args=[w.organisation.pk]),
    ),
    FormCase("category", "coordinator", lambda w, x: reverse("organisations:category_create")),
    FormCase(
        "invitation",
        "coordinator",
        lambda w, x: reverse("organisations:invite", args=[w.organisation.pk]),
        fields=("email",),
    ),
    FormCase("volunteer create", "coordinator", lambda w, x: reverse("volunteers:create")),
    FormCase(
        "volunteer edit",
        "coordinator",
        lambda w, x: reverse("volunteers:edit", args=[w.volunteer.pk]),
    ),
    FormCase(
        "hours by the coordinator",
        "coordinator",
        lambda w, x: reverse("volunteers:hours_add", args=[w.volunteer.pk]),
        fields=("date", "hours", "task", "description"),
    ),
    FormCase("consent text", "coordinator", lambda w, x: reverse("volunteers:consent_texts")),
    FormCase(
        "curated list", "coordinator", lambda w, x: reverse("volunteers:lists", args=["interests"])
    ),
    FormCase("task create", "coordinator", lambda w, x: reverse("volunteers:task_create")),
    FormCase(
        "task by an association", "association", lambda w, x: reverse("volunteers:task_create")
    ),
    FormCase(
        "task edit",
        "coordinator",
        lambda w, x: reverse("volunteers:task_edit", args=[x["task"].pk]),
    ),
    FormCase(
        "match edit",
        "coordinator",
        lambda w, x: reverse("volunteers:match_edit", args=[x["match"].pk]),
    ),
    FormCase(
        "volunteer's own profile", "volunteer_user", lambda w, x: reverse("volunteers:me_edit")
    ),
    FormCase(
        "volunteer's own hours", "volunteer_user", lambda w, x: reverse("volunteers:my_hours")
    ),
    FormCase(
        "public sign-up",
        None,
        lambda w, x: reverse("volunteers:signup", args=[w.centre.slug]),
    ),
    FormCase("report request", "coordinator", lambda w, x: reverse("reports:create")),
    FormCase(
        "report narrative",
        "coordinator",
        lambda w, x: reverse("reports:narrative") + "?kind=annual&year=2025",
    ),
]


@pytest.fixture
def extras(world, settings):
    settings.VOLUNTEER_SIGNUP_RATE_PER_HOUR = 10_000
    ConsentTextFactory(centre=world.centre)
    task = TaskFactory(centre=world.centre, organisation=world.organisation)
    return {"task": task, "match": MatchFactory(task=task, volunteer=world.volunteer)}


def _form_fields(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    form = response.context["form"]
    return [form.add_prefix(name) for name in form.fields]


def _error_messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level >= constants.WARNING]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
@FAST
@given(data=st.data())
def test_it_survives_hostile_input_and_never_half_saves(world, login, extras, case, data):
    client = login(getattr(world, case.role) if case.role else None)
    url = case.url(world, extras)
    names = list(case.fields) or _form_fields(client, url)
    payload = data.draw(st.composite(lambda draw: form_data(draw, names))())
    before = row_counts()

    response = client.post(url, payload)  # an exception in the view fails the test here

    assert response.status_code in {200, 302, 400, 429}, response.status_code
    if response.status_code == 302 and not _error_messages(response):
        return  # the input happened to be valid and was saved
    assert row_counts() == before, "refused input left rows behind"
    if response.status_code in {200, 400} and response.context and "form" in response.context:
        form = response.context["form"]
        assert form.errors, "the input was refused without saying why"


# --- Search and filter forms (GET) -------------------------------------------------------------

GET_PAGES = [
    ("coordinator", "organisations:list", ("q", "category", "district", "status", "page")),
    ("coordinator", "organisations:export", ("q", "category", "district", "status")),
    (None, "organisations:directory", ("q", "category", "centre", "page")),
    ("coordinator", "volunteers:list", ("q", "status", "interest", "district", "page")),
    ("coordinator", "volunteers:task_list", ("q", "status", "page")),
    ("coordinator", "volunteers:hours_totals", ("year", "from", "to")),
    ("coordinator", "reports:preview", ("kind", "year", "project", "language")),
    ("coordinator", "reports:list", ("page",)),
]


@pytest.mark.parametrize(
    ("role", "url_name", "params"), GET_PAGES, ids=[page[1] for page in GET_PAGES]
)
@settings(FAST, max_examples=10)
@given(data=st.data())
def test_search_and_filter_pages_survive_hostile_query_strings(
    world, login, role, url_name, params, data
):
    client = login(getattr(world, role) if role else None)
    url = reverse(url_name, args=["csv"]) if url_name.endswith("export") else reverse(url_name)
    query = data.draw(st.fixed_dictionaries({name: field_value for name in params}))
    before = row_counts()

    response = client.get(url, query)

    assert response.status_code in {200, 400}, response.status_code
    assert row_counts() == before


@pytest.mark.parametrize("year", ["99999999999", "-5", "0"])
def test_the_hours_totals_fall_back_to_this_year_for_an_impossible_year(world, login, year):
    response = login(world.coordinator).get(reverse("volunteers:hours_totals"), {"year": year})
    assert response.status_code == 200
    assert 1900 <= response.context["year"] <= 2100
