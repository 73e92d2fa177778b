"""HTML typed into any text field is shown as text: escaped in every page, literal in PDFs."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest
from django.db import models
from django.urls import reverse

from organisations.models import Organisation
from reports.models import Narrative
from reports.rendering import ReportParams, render_pdf
from tasks.models import Task
from tests import factories as f
from volunteers.models import Volunteer
from volunteers.tests.factories import MatchFactory, TaskFactory

SCRIPT = "<script>alert(1)</script>"
BOLD = "<b>x</b>"
LONG = SCRIPT + BOLD
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
YEAR = 2025


def _fill_text_fields(obj: models.Model, *, skip: set[str] = frozenset()) -> list[str]:
    """Store the payload in every text field of `obj` it fits in; returns the field names."""
    values = {}
    for field in obj._meta.concrete_fields:
        if not isinstance(field, (models.CharField, models.TextField)) or field.choices:
            continue
        if field.name in skip or field.primary_key or field.name == "calendar_token":
            continue  # a secret the system makes (token_urlsafe), never text a person types
        limit = field.max_length or 10_000
        if limit >= len(LONG):
            values[field.attname] = LONG
        elif limit >= len(BOLD):
            values[field.attname] = BOLD
    type(obj)._default_manager.filter(pk=obj.pk).update(**values)
    return list(values)


def _assert_escaped(response) -> None:
    assert response.status_code == 200
    page = response.content.decode()
    assert SCRIPT not in page
    assert BOLD not in page
    assert ESCAPED in page or "&lt;b&gt;x&lt;/b&gt;" in page


@pytest.fixture
def hostile(world):
    organisation = world.organisation
    filled = _fill_text_fields(organisation, skip={"organisation_number"})
    assert {"name", "description", "contact_name", "notes"} <= set(filled)
    Organisation.objects.filter(pk=organisation.pk).update(is_public=True)
    _fill_text_fields(world.volunteer)
    task = TaskFactory(centre=world.centre, organisation=organisation)
    _fill_text_fields(task)
    MatchFactory(task=task, volunteer=world.volunteer)
    return {
        "task": Task.objects.get(pk=task.pk),
        "volunteer": Volunteer.objects.get(pk=world.volunteer.pk),
    }


@pytest.mark.parametrize(
    "url_name",
    ["organisations:detail", "organisations:edit"],
)
def test_association_pages_show_html_as_text(world, login, hostile, url_name):
    _assert_escaped(login(world.coordinator).get(reverse(url_name, args=[world.organisation.pk])))


def test_the_association_list_and_the_public_directory_show_html_as_text(world, login, hostile):
    _assert_escaped(login(world.coordinator).get(reverse("organisations:list")))
    _assert_escaped(login(None).get(reverse("organisations:directory")))
    _assert_escaped(login(None).get(reverse("organisations:directory"), {"q": "script"}))
    _assert_escaped(
        login(world.association).get(reverse("organisations:detail", args=[world.organisation.pk]))
    )


@pytest.mark.parametrize("url_name", ["volunteers:detail", "volunteers:edit", "volunteers:export"])
def test_volunteer_pages_show_html_as_text(world, login, hostile, url_name):
    _assert_escaped(login(world.coordinator).get(reverse(url_name, args=[world.volunteer.pk])))


def test_the_volunteer_list_and_own_pages_show_html_as_text(world, login, hostile):
    _assert_escaped(login(world.coordinator).get(reverse("volunteers:list")))
    _assert_escaped(login(world.volunteer_user).get(reverse("volunteers:me")))
    _assert_escaped(login(world.volunteer_user).get(reverse("volunteers:me_edit")))


def test_task_pages_show_html_as_text(world, login, hostile):
    task = hostile["task"]
    client = login(world.coordinator)
    # The task has the one volunteer it needs, so it is listed as filled, not open.
    _assert_escaped(client.get(reverse("volunteers:task_list"), {"status": "all"}))
    _assert_escaped(client.get(reverse("volunteers:task_detail", args=[task.pk])))
    _assert_escaped(client.get(reverse("volunteers:task_edit", args=[task.pk])))
    _assert_escaped(
        login(world.association).get(reverse("volunteers:task_list"), {"status": "filled"})
    )


@pytest.fixture
def hostile_report(world):
    project = f.ProjectFactory(centre=world.centre, name=LONG, slug="hostile")
    f.ActivityFactory.create_batch(3, project=project, date=dt.date(YEAR, 5, 1), title=LONG)
    narrative = Narrative.objects.create(
        centre=world.centre, kind="annual", year=YEAR, evaluation=f"Året var godt. {LONG}"
    )
    return narrative


def test_the_narrative_form_and_the_report_preview_show_html_as_text(world, login, hostile_report):
    client = login(world.coordinator)
    _assert_escaped(client.get(reverse("reports:narrative"), {"kind": "annual", "year": YEAR}))
    _assert_escaped(
        client.get(reverse("reports:preview"), {"kind": "annual", "year": YEAR, "language": "nb"})
    )


def test_the_pdf_prints_html_literally(world, hostile_report, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pdf = render_pdf(ReportParams(centre=world.centre, kind="annual", year=YEAR))
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(text.split())
    assert "<script>alert(1)</script>" in flat.replace(" ", "") or SCRIPT in flat
    assert "<b>x</b>" in flat.replace(" ", "")


@pytest.fixture
def hostile_activity(world):
    project = f.ProjectFactory(centre=world.centre, name=LONG, slug="hostile-activity")
    activity = f.ActivityFactory(project=project, date=dt.date(YEAR, 5, 2), participants=None)
    assert {"title", "place", "note"} <= set(_fill_text_fields(activity))
    return activity


def test_activity_pages_show_html_as_text(world, login, hostile_activity):
    client = login(world.coordinator)
    edit = client.get(reverse("activities:edit", args=[hostile_activity.pk]))
    _assert_escaped(edit)
    assert edit.content.decode().count(ESCAPED) >= 3  # title, place and note
    _assert_escaped(client.get(reverse("activities:list")))
    _assert_escaped(client.get(reverse("activities:counts")))
    _assert_escaped(login(world.municipality_viewer).get(reverse("activities:list")))
