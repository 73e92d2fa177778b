"""Property-based tests of every form: hostile input never gives a 500, invalid input gives a
form error, and nothing is half-saved (row counts unchanged when the input is refused)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.messages import constants, get_messages
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import factories as f
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
    FormCase("activity quick add", "coordinator", lambda w, x: reverse("activities:quick_add")),
    FormCase("activity create", "coordinator", lambda w, x: reverse("activities:create")),
    FormCase(
        "activity edit",
        "coordinator",
        lambda w, x: reverse("activities:edit", args=[x["activity"].pk]),
    ),
    FormCase("activity series", "coordinator", lambda w, x: reverse("activities:series_create")),
    FormCase("activity counts", "coordinator", lambda w, x: reverse("activities:counts")),
    FormCase("project create", "coordinator", lambda w, x: reverse("activities:project_create")),
    FormCase(
        "project edit",
        "coordinator",
        lambda w, x: reverse("activities:project_edit", args=[x["project"].pk]),
    ),
]


@pytest.fixture
def extras(world, settings):
    settings.VOLUNTEER_SIGNUP_RATE_PER_HOUR = 10_000
    ConsentTextFactory(centre=world.centre)
    task = TaskFactory(centre=world.centre, organisation=world.organisation)
    project = f.ProjectFactory(centre=world.centre, organisation=world.organisation)
    f.YearTargetFactory(project=project, year=2025)
    activity = f.ActivityFactory(
        project=project, date=dt.date(2025, 3, 4), participants=None, organiser=world.organisation
    )
    return {
        "form_fields": {},  # per URL, read once per test rather than once per example
        "task": task,
        "match": MatchFactory(task=task, volunteer=world.volunteer),
        "project": project,
        "activity": activity,
    }


def _forms(context) -> list:
    """The form and the formsets of a page (the project page posts four inline formsets)."""
    forms = [context[key] for key in ("form", "formset") if key in context]
    forms += [formset for _title, formset in context.get("formsets", ())]
    return forms


def _form_fields(client, url: str) -> tuple[list[str], dict[str, object]]:
    """The field names of the page's forms, and the values that hold a formset together (its
    management form and hidden ids): kept valid in some examples so the fields get checked."""
    response = client.get(url)
    assert response.status_code == 200, url
    names, skeleton = [], {}
    for form in _forms(response.context):
        if hasattr(form, "management_form"):
            management = form.management_form
            for name in management.fields:
                names.append(management.add_prefix(name))
                skeleton[management.add_prefix(name)] = management[name].value()
            for subform in form.forms:
                names += [subform.add_prefix(name) for name in subform.fields]
                skeleton.update(
                    (field.html_name, field.value())
                    for field in subform
                    if field.is_hidden and field.value() is not None
                )
        else:
            names += [form.add_prefix(name) for name in form.fields]
    return names, skeleton


def _refused_with_errors(context) -> bool:
    """A bound form or formset on the page says what is wrong (a formset's management form
    errors land in its non-form errors)."""
    return any(not form.is_valid() for form in _forms(context) if form.is_bound)


def _error_messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level >= constants.WARNING]


@pytest.mark.heavy
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
@FAST
@given(data=st.data())
def test_it_survives_hostile_input_and_never_half_saves(world, login, extras, case, data):
    client = login(getattr(world, case.role) if case.role else None)
    url = case.url(world, extras)
    if case.fields:
        names, skeleton = list(case.fields), {}
    else:
        if url not in extras["form_fields"]:
            extras["form_fields"][url] = _form_fields(client, url)
        names, skeleton = extras["form_fields"][url]
    payload = data.draw(st.composite(lambda draw: form_data(draw, names))())
    if skeleton and data.draw(st.booleans()):
        payload.update(skeleton)
    before = row_counts()

    response = client.post(url, payload)  # an exception in the view fails the test here

    assert response.status_code in {200, 302, 400, 429}, response.status_code
    if response.status_code == 302 and not _error_messages(response):
        return  # the input happened to be valid and was saved
    assert row_counts() == before, "refused input left rows behind"
    if response.status_code in {200, 400} and response.context and _forms(response.context):
        assert _refused_with_errors(response.context), "the input was refused without saying why"


# --- Search and filter forms (GET) -------------------------------------------------------------

GET_PAGES = [
    ("coordinator", "organisations:list", ("q", "category", "district", "status", "page")),
    ("coordinator", "organisations:export", ("q", "category", "district", "status")),
    (None, "organisations:directory", ("q", "category", "centre", "page")),
    ("coordinator", "volunteers:list", ("q", "status", "interest", "district", "page")),
    ("coordinator", "volunteers:task_list", ("q", "status", "page")),
    ("coordinator", "reports:hours", ("year", "from", "to")),
    ("municipality_viewer", "reports:overview", ("year",)),
    ("municipality_viewer", "reports:overview_export", ("year",)),
    ("coordinator", "reports:preview", ("kind", "year", "project", "language")),
    ("coordinator", "reports:list", ("page",)),
    (
        "coordinator",
        "activities:list",
        ("project", "category", "organiser", "date_from", "date_to", "cancelled", "page"),
    ),
    ("coordinator", "activities:dashboard", ("project", "year")),
]
# The dashboard answers 404 for a project the user cannot see or a year out of range.
NOT_FOUND_IS_AN_ANSWER = {"activities:dashboard"}


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

    allowed = {200, 400} | ({404} if url_name in NOT_FOUND_IS_AN_ANSWER else set())
    assert response.status_code in allowed, response.status_code
    assert row_counts() == before


@pytest.mark.parametrize("year", ["99999999999", "-5", "0", "tjue"])
@pytest.mark.parametrize("url_name", ["reports:hours", "reports:overview"])
def test_the_figure_pages_fall_back_to_this_year_for_an_impossible_year(
    world, login, year, url_name
):
    response = login(world.coordinator).get(reverse(url_name), {"year": year})
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year
