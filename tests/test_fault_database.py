"""Faults: the database fails half-way through a write. Services run in one transaction, so the
first writes are rolled back with the failing one: nothing is ever half-written."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from core.models import AuditEvent
from organisations import services as organisation_services
from organisations.models import CooperationArea, Organisation, OrganisationCategory
from tests import factories as f
from volunteers import services as volunteer_services
from volunteers.models import Consent, Volunteer

GONE = OperationalError("server closed the connection unexpectedly")


def _counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "categories": OrganisationCategory.objects.count(),
        "audit": AuditEvent.objects.count(),
        "areas": Organisation.cooperation_areas.through.objects.count(),
    }


def test_organisation_create_rolls_back_the_association_when_a_later_write_fails(world):
    categories = [f.CategoryFactory(), f.CategoryFactory()]
    area = CooperationArea.objects.create(name="Inkludering", name_en="Inclusion")
    before = _counts()

    with (
        mock.patch.object(organisation_services, "_set_cooperation_areas", side_effect=GONE),
        pytest.raises(OperationalError),
    ):
        organisation_services.organisation_create(
            actor=f.access_of(world.coordinator),
            centre=world.centre,
            data={"name": "Halvveis forening"},
            categories=categories,
            cooperation_areas=[area],
        )

    assert _counts() == before
    assert not Organisation.objects.filter(name="Halvveis forening").exists()


def test_organisation_update_keeps_the_old_categories_when_a_later_write_fails(world):
    old, new = f.CategoryFactory(), f.CategoryFactory()
    organisation_services.organisation_update(
        actor=f.access_of(world.coordinator),
        organisation=world.organisation,
        data={"name": world.organisation.name},
        categories=[old],
    )
    # The categories are rewritten first, then the row is saved: the save fails.
    with (
        mock.patch.object(organisation_services, "_save", side_effect=GONE),
        pytest.raises(OperationalError),
    ):
        organisation_services.organisation_update(
            actor=f.access_of(world.coordinator),
            organisation=world.organisation,
            data={"name": "Nytt navn"},
            categories=[new],
        )

    world.organisation.refresh_from_db()
    assert world.organisation.name != "Nytt navn"
    assert list(world.organisation.ranked_categories.values_list("category", flat=True)) == [old.pk]


def test_volunteer_erase_rolls_back_every_change_when_the_audit_record_fails(world):
    volunteer = world.volunteer
    volunteer_user = world.volunteer_user
    consent_text = volunteer_services.consent_text_publish(
        actor=f.access_of(world.coordinator),
        centre=world.centre,
        text="Samtykke",
        text_en="Consent",
    )
    volunteer_services.consent_record(
        actor=f.access_of(world.coordinator),
        volunteer=volunteer,
        consent_text=consent_text,
        channel=Consent.Channel.PAPER,
    )
    name, email = volunteer.first_name, volunteer.email

    real_create = AuditEvent.objects.create

    def fail_on_erased(**kwargs):
        if kwargs.get("action") == "volunteer.erased":
            raise GONE
        return real_create(**kwargs)

    with (
        mock.patch.object(AuditEvent.objects, "create", side_effect=fail_on_erased),
        pytest.raises(OperationalError),
    ):
        volunteer_services.volunteer_erase(
            actor=f.access_of(world.coordinator), volunteer=volunteer
        )

    fresh = Volunteer.objects.get(pk=volunteer.pk)
    assert fresh.first_name == name
    assert fresh.email == email
    assert fresh.erased_at is None
    assert fresh.user_id == volunteer_user.pk
    assert fresh.consents.count() == 1
    volunteer_user.refresh_from_db()
    assert volunteer_user.is_active
    assert not volunteer_user.email.startswith("erased-")
    assert not AuditEvent.objects.filter(action="volunteer.erased").exists()
    # The trail's values were not blanked either: the whole erasure was rolled back.
    assert (
        AuditEvent.objects.filter(
            action="volunteer.created", object_id=str(volunteer.pk), object_repr=str(fresh)
        ).exists()
        or not AuditEvent.objects.filter(action="volunteer.created").exists()
    )


def test_a_failing_write_in_a_request_shows_the_error_page_and_saves_nothing(
    transactional_db, world, login
):
    """With real commits: the request fails half-way, the user sees the friendly page, and
    the association row written first is gone."""
    client = login(world.coordinator)
    client.raise_request_exception = False
    category = f.CategoryFactory()
    before = _counts()

    with mock.patch.object(organisation_services, "_set_cooperation_areas", side_effect=GONE):
        response = client.post(
            reverse("organisations:create"),
            {"name": "Halvveis forening", "category_1": category.pk, "postal_code": ""},
        )

    assert response.status_code == 500
    assert "Noe gikk galt" in response.content.decode()
    assert _counts() == before


def test_healthz_says_503_when_the_database_is_unreachable(client, db):
    with mock.patch("core.views.connection") as connection:
        connection.cursor.side_effect = OperationalError("could not connect to server")
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["database"]["status"] == "down"
