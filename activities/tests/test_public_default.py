"""New activities are public when the centre wants it: the centre's setting, a category's own
default, and the box on the quick-add and weekly-series forms."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from activities import services
from activities.models import Activity, ActivityCategory
from core.permissions import Access
from core.scopes import scopes_disabled
from tests.factories import ProjectFactory


@pytest.fixture
def project(world):
    return ProjectFactory(centre=world.centre, name="Steg for Steg")


@pytest.fixture
def public_centre(world):
    world.centre.activities_public_by_default = True
    world.centre.save()
    return world.centre


def _quick_add(client, project, category, **extra):
    return client.post(
        reverse("activities:quick_add"),
        {
            "project": project.pk,
            "category": category.pk,
            "title": "Felleslunsj",
            "date": "2025-03-04",
            "participants": "11",
            **extra,
        },
    )


def test_it_ticks_the_box_on_the_quick_add_form_when_the_centre_wants_new_activities_public(
    world, login, project, public_centre
):
    client = login(world.coordinator)
    form = client.get(reverse("activities:quick_add")).context["form"]
    assert "is_public" in form.fields
    assert form.initial["is_public"] is True
    defaults = json.loads(form.fields["is_public"].widget.attrs["data-public-defaults"])
    one_to_one = ActivityCategory.objects.get(name__istartswith="En-til-en")
    one_to_one.public_default = ActivityCategory.PublicDefault.PRIVATE
    one_to_one.save()
    defaults = json.loads(
        client.get(reverse("activities:quick_add"))
        .context["form"]
        .fields["is_public"]
        .widget.attrs["data-public-defaults"]
    )
    assert defaults[""] is True
    assert defaults[str(one_to_one.pk)] is False


def test_it_leaves_the_box_empty_when_the_centre_keeps_activities_private(world, login, project):
    client = login(world.coordinator)
    form = client.get(reverse("activities:quick_add")).context["form"]
    assert form.initial["is_public"] is False


def test_it_saves_what_the_box_says_on_the_quick_add_form(world, login, project, public_centre):
    client = login(world.coordinator)
    category = ActivityCategory.objects.get(name="Kurs")
    assert _quick_add(client, project, category, is_public="on").status_code == 302
    assert _quick_add(client, project, category, title="Privat").status_code == 302
    with scopes_disabled():
        public = dict(Activity.objects.system().values_list("title", "is_public"))
    assert public == {"Felleslunsj": True, "Privat": False}


def test_it_starts_the_box_of_a_remembered_private_category_empty(
    world, login, project, public_centre
):
    category = ActivityCategory.objects.get(name="Kurs")
    category.public_default = ActivityCategory.PublicDefault.PRIVATE
    category.save()
    client = login(world.coordinator)
    _quick_add(client, project, category)
    form = client.get(reverse("activities:quick_add")).context["form"]
    assert form.initial["category"] == category.pk
    assert form.initial["is_public"] is False


def test_it_ticks_the_box_on_the_weekly_series_form(world, login, project, public_centre):
    client = login(world.coordinator)
    form = client.get(reverse("activities:series_create")).context["form"]
    assert form.initial["is_public"] is True


def test_it_makes_an_activity_without_the_box_public_as_the_centre_and_category_say(
    world, project, public_centre
):
    coordinator = Access(
        user_id=world.coordinator.pk, role="coordinator", centre_ids=frozenset({world.centre.pk})
    )
    fields = {"project": project, "title": "Kurs i strikking", "date": dt.date(2025, 3, 4)}
    with scopes_disabled():
        course = services.activity_create(
            actor=coordinator,
            centre_id=world.centre.pk,
            fields={**fields, "category": ActivityCategory.objects.get(name="Kurs")},
        )
        category = ActivityCategory.objects.get(name__istartswith="En-til-en")
        category.public_default = ActivityCategory.PublicDefault.PRIVATE
        category.save()
        visit = services.activity_create(
            actor=coordinator,
            centre_id=world.centre.pk,
            fields={**fields, "title": "Besøk", "category": category},
        )
    assert course.is_public is True
    assert visit.is_public is False
