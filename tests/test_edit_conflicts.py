"""Every edit form two people could have open at once refuses the second, stale save and names
what changed (activities, projects, tasks, narratives; associations and volunteers have their
own tests)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from activities.models import Activity
from projects.models import Project
from reports.models import Narrative
from reports.services import narrative_save
from tasks.models import Task
from tests import factories as f
from volunteers.tests.factories import TaskFactory


def _as_loaded(client, url) -> dict:
    """What the browser sends back unchanged: every field's initial value, formsets' included."""
    context = client.get(url).context
    data = {}
    forms = [context["form"]]
    for _title, formset in context.get("formsets", []):
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        forms.extend(formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False or value == "":
                continue
            key = form.add_prefix(name)
            if isinstance(value, list):
                data[key] = [str(v) for v in value]
            else:
                data[key] = "on" if value is True else str(value)
    return data


def _activity(world):
    activity = f.ActivityFactory(project=f.ProjectFactory(centre=world.centre), title="Turgruppe")
    return reverse("activities:edit", args=[activity.pk]), "title", Activity, activity.pk


def _project(world):
    project = f.ProjectFactory(centre=world.centre, name="Steg for Steg")
    url = reverse("activities:project_edit", args=[project.pk])
    return url, "name", Project, project.pk


def _task(world):
    task = TaskFactory(centre=world.centre, title="Turvenn")
    return reverse("volunteers:task_edit", args=[task.pk]), "title", Task, task.pk


def _narrative(world):
    narrative = narrative_save(
        actor=f.access_of(world.coordinator),
        centre=world.centre,
        kind="annual",
        year=2025,
        texts={"evaluation": "Første utkast."},
    )
    url = reverse("reports:narrative") + "?kind=annual&year=2025"
    return url, "evaluation", Narrative, narrative.pk


@pytest.mark.parametrize("make", [_activity, _project, _task, _narrative])
def test_the_second_stale_save_is_refused_and_the_first_is_kept(world, login, make):
    url, field, model, pk = make(world)
    first = login(world.coordinator)
    loaded = _as_loaded(first, url)
    second_data = dict(loaded)

    response = first.post(url, {**loaded, field: "Lagret først"})
    assert response.status_code == 302

    response = first.post(url, {**second_data, field: "Lagret etterpå"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Lagret først" in page  # the change that was made is named
    assert getattr(model.objects.get(pk=pk), field) == "Lagret først"
