import pytest
from django.urls import reverse
from django.utils import translation

from core.audit import events_of, log_action
from core.permissions import Access
from organisations.models import Category
from organisations.selectors import organisation_history
from organisations.services import (
    organisation_archive,
    organisation_confirm,
    organisation_create,
    organisation_restore,
    organisation_update,
)
from tests.factories import MembershipFactory, access_of


def test_it_records_every_change_with_its_author_when_a_service_is_called(world):
    organisation = organisation_create(
        actor=access_of(world.coordinator), centre=world.centre, data={"name": "Fjordvik Kor"}
    )
    MembershipFactory(organisation=organisation, user=world.association)  # it keeps the entry
    organisation_update(
        actor=access_of(world.association), organisation=organisation, data={"phone": "90000000"}
    )
    organisation_archive(actor=access_of(world.coordinator), organisation=organisation)
    organisation_restore(actor=access_of(world.coordinator), organisation=organisation)
    organisation_confirm(actor=access_of(world.association), organisation=organisation)
    events = list(events_of(organisation).order_by("id"))
    assert [(e.action, e.actor) for e in events] == [
        ("organisation.created", world.coordinator),
        ("organisation.updated", world.association),
        ("organisation.archived", world.coordinator),
        ("organisation.restored", world.coordinator),
        ("organisation.confirmed", world.association),
    ]
    with translation.override("en"):
        entries = organisation_history(organisation=organisation)
    phone_change = entries[3]["changes"]
    assert [(c["field"], c["old"], c["new"]) for c in phone_change] == [("phone", "–", "90000000")]
    assert [e["label"] for e in entries] == [
        "confirmed the entry as current",
        "restored",
        "archived",
        "changed",
        "created",
    ]


def test_the_history_shows_the_user_of_an_access_as_it_showed_the_user(world):
    """Services record an Access: the trail, and the history page read from it, name the same
    person (or "system") as when a User was recorded."""
    organisation = world.organisation
    log_action(actor=world.coordinator, action="organisation.confirmed", obj=organisation)
    organisation_confirm(actor=access_of(world.coordinator), organisation=organisation)
    organisation_confirm(actor=Access.system(), organisation=organisation)
    as_user, as_access, as_system = events_of(organisation).order_by("id")
    assert (as_access.actor_id, as_access.source) == (world.coordinator.pk, "web")
    assert (as_access.actor_id, as_access.source) == (as_user.actor_id, as_user.source)
    assert (as_system.actor_id, as_system.source) == (None, "system")
    with translation.override("en"):
        by_system, by_access, by_user = organisation_history(organisation=organisation)
    assert by_access["user"] == by_user["user"] == world.coordinator
    assert by_access["source_label"] == by_user["source_label"]
    assert by_system["user"] is None and by_system["source"] == "system"


def test_it_records_category_changes_as_text(world):
    health = Category.objects.get_or_create(name="Helse")[0]
    organisation = organisation_create(
        actor=access_of(world.coordinator), centre=world.centre, data={"name": "Lag"}
    )
    organisation_update(
        actor=access_of(world.coordinator), organisation=organisation, data={}, categories=[health]
    )
    with translation.override("en"):
        latest = organisation_history(organisation=organisation)[0]
    assert {"field": "categories", "old": "–", "new": "Helse"} in latest["changes"]


def test_it_records_the_author_of_a_change_made_in_the_browser(world, login):
    client = login(world.coordinator)
    organisation = world.organisation
    response = client.post(
        reverse("organisations:edit", args=[organisation.pk]),
        {
            "name": organisation.name,
            "contact_name": "Per Hansen",
            "email": organisation.email,
            "version": organisation.version,
        },
    )
    assert response.status_code == 302
    event = events_of(organisation).first()
    assert event.actor == world.coordinator and event.source == "web"
    assert event.changes["contact_name"] == ["Kari Nordmann", "Per Hansen"]
    page = client.get(reverse("organisations:detail", args=[organisation.pk])).content.decode()
    assert "Per Hansen" in page and "Kari Nordmann" in page and world.coordinator.email in page


@pytest.mark.parametrize("role", ["coordinator", "association"])
def test_it_shows_the_history_to_coordinators_only(world, login, role):
    organisation_update(
        actor=access_of(world.coordinator), organisation=world.organisation, data={"notes": "x"}
    )
    page = login(getattr(world, role)).get(
        reverse("organisations:detail", args=[world.organisation.pk])
    )
    assert ("history-heading" in page.content.decode()) is (role == "coordinator")


def test_it_shows_dates_in_the_history_as_dates(world):
    organisation_confirm(actor=access_of(world.association), organisation=world.organisation)
    with translation.override("nb"):
        change = organisation_history(organisation=world.organisation)[0]["changes"][0]
    assert change["new"].count(".") == 2 and ":" in change["new"]


def test_it_does_not_record_an_update_of_the_form_as_unchanged(world):
    """The snapshot before a change is read from the database, so a form that has already set
    the new values on the object still shows old -> new."""
    organisation = world.organisation
    organisation.phone = "41111111"
    organisation_update(actor=access_of(world.coordinator), organisation=organisation, data={})
    assert events_of(organisation).first().changes["phone"][1] == "41111111"
