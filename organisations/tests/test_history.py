import pytest
from django.urls import reverse
from django.utils import translation

from organisations.models import Category
from organisations.selectors import organisation_history
from organisations.services import (
    organisation_archive,
    organisation_confirm,
    organisation_create,
    organisation_restore,
    organisation_update,
)


def test_it_records_every_change_with_its_author_when_a_service_is_called(world):
    organisation = organisation_create(
        actor=world.coordinator, centre=world.centre, data={"name": "Fjordvik Kor"}
    )
    organisation_update(
        actor=world.association, organisation=organisation, data={"phone": "90000000"}
    )
    organisation_archive(actor=world.coordinator, organisation=organisation)
    organisation_restore(actor=world.coordinator, organisation=organisation)
    organisation_confirm(actor=world.association, organisation=organisation)
    records = list(organisation.history.order_by("history_id"))
    assert [r.history_user for r in records] == [
        world.coordinator,
        world.association,
        world.coordinator,
        world.coordinator,
        world.association,
    ]
    with translation.override("en"):
        entries = organisation_history(organisation=organisation)
    phone_change = entries[3]["changes"]
    assert [(c["field"], c["old"], c["new"]) for c in phone_change] == [("phone", "–", "90000000")]


def test_it_records_category_changes_as_text(world):
    health = Category.objects.get_or_create(name="Helse")[0]
    organisation = organisation_create(
        actor=world.coordinator, centre=world.centre, data={"name": "Lag"}
    )
    organisation_update(
        actor=world.coordinator, organisation=organisation, data={}, categories=[health]
    )
    with translation.override("en"):
        latest = organisation_history(organisation=organisation)[0]
    assert {"field": "categories", "old": "–", "new": "Helse"} in latest["changes"]


def test_it_records_the_author_of_a_change_made_in_the_browser(world, login):
    client = login(world.coordinator)
    organisation = world.organisation
    response = client.post(
        reverse("organisations:edit", args=[organisation.pk]),
        {"name": organisation.name, "contact_name": "Per Hansen", "email": organisation.email},
    )
    assert response.status_code == 302
    record = organisation.history.order_by("-history_id").first()
    assert record.history_user == world.coordinator
    assert record.contact_name == "Per Hansen"
    page = client.get(reverse("organisations:detail", args=[organisation.pk])).content.decode()
    assert "Per Hansen" in page and "Kari Nordmann" in page and world.coordinator.email in page


@pytest.mark.parametrize("role", ["coordinator", "association"])
def test_it_shows_the_history_to_coordinators_only(world, login, role):
    organisation_update(
        actor=world.coordinator, organisation=world.organisation, data={"notes": "x"}
    )
    page = login(getattr(world, role)).get(
        reverse("organisations:detail", args=[world.organisation.pk])
    )
    assert ("history-heading" in page.content.decode()) is (role == "coordinator")


def test_it_shows_dates_in_the_history_as_dates(world):
    organisation_confirm(actor=world.association, organisation=world.organisation)
    with translation.override("nb"):
        change = organisation_history(organisation=world.organisation)[0]["changes"][0]
    assert change["new"].count(".") == 2 and ":" in change["new"]
