"""Write services check who acts from the Access they are given (`actor`), not only the views
in front of them: a coordinator of another centre, a role that may not write and the system
each get what `core.permissions` says, and a refused write leaves nothing behind."""

import pytest
from django.core.exceptions import PermissionDenied

from core.models import AuditEvent
from core.permissions import Access, may_change, may_coordinate
from core.services import user_sign_out_everywhere
from hours import services as hour_services
from hours.models import HourEntry
from organisations import services as organisation_services
from rotas import services as rota_services
from rotas.models import Rota
from tests import factories as f
from volunteers import services as volunteer_services
from volunteers.tests.factories import HourEntryFactory


def test_the_system_changes_its_centres_rows_and_a_user_what_is_editable_by_says(world):
    organisation = world.organisation
    assert may_change(Access.system(), organisation)
    assert may_change(Access.system([world.centre]), organisation)
    assert not may_change(Access.system([world.other_centre]), organisation)
    assert may_change(f.access_of(world.coordinator), organisation)
    assert may_change(f.access_of(world.association), organisation)  # it keeps its own entry
    assert not may_change(f.access_of(world.other_coordinator), organisation)
    assert not may_change(f.access_of(world.municipality_viewer), organisation)
    assert may_coordinate(f.access_of(world.coordinator), world.centre.pk)
    assert not may_coordinate(f.access_of(world.association), world.centre.pk)
    assert not may_coordinate(f.access_of(world.other_coordinator), world.centre.pk)
    assert may_coordinate(Access.system(), world.centre.pk)


def _refusals(world):
    """(what, call) for writes that only the centre's own coordinators may make."""
    return {
        "archive an association": lambda actor: organisation_services.organisation_archive(
            actor=actor, organisation=world.organisation
        ),
        "change an association": lambda actor: organisation_services.organisation_update(
            actor=actor, organisation=world.organisation, data={"notes": "Endret"}
        ),
        "approve hours": lambda actor: hour_services.hours_decide(
            actor=actor,
            entry=HourEntryFactory(volunteer=world.volunteer, status=HourEntry.Status.PENDING),
            approve=True,
        ),
        "erase a volunteer": lambda actor: volunteer_services.volunteer_erase(
            actor=actor, volunteer=world.volunteer
        ),
        "make a rota": lambda actor: rota_services.rota_save(
            actor=actor, centre=world.centre, title="Kafé"
        ),
    }


@pytest.mark.parametrize(
    "what",
    [
        "archive an association",
        "change an association",
        "approve hours",
        "erase a volunteer",
        "make a rota",
    ],
)
@pytest.mark.parametrize("role", ["other_coordinator", "municipality_viewer", "volunteer_user"])
def test_a_service_refuses_an_actor_who_may_not_make_the_write(world, what, role):
    write = _refusals(world)[what]
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        write(f.access_of(getattr(world, role)))
    assert AuditEvent.objects.count() == before
    world.volunteer.refresh_from_db()
    world.organisation.refresh_from_db()
    assert world.volunteer.erased_at is None and not world.organisation.is_archived


def test_the_centres_coordinator_and_the_system_make_them(world):
    writes = _refusals(world)
    writes["archive an association"](f.access_of(world.coordinator))
    writes["approve hours"](f.access_of(world.coordinator))
    writes["make a rota"](Access.system())
    writes["erase a volunteer"](Access.system([world.centre]))
    world.volunteer.refresh_from_db()
    world.organisation.refresh_from_db()
    assert world.organisation.is_archived and world.volunteer.erased_at is not None
    assert Rota.objects.system().filter(title="Kafé").exists()


def test_a_volunteer_changes_their_own_record_only(world):
    own = f.access_of(world.volunteer_user)
    volunteer_services.volunteer_calendar_reset(actor=own, volunteer=world.volunteer)
    with pytest.raises(PermissionDenied):
        volunteer_services.volunteer_calendar_reset(actor=own, volunteer=world.other_volunteer)
    with pytest.raises(PermissionDenied):
        volunteer_services.volunteer_approve(actor=own, volunteer=world.volunteer)


def test_a_write_that_needs_the_users_account_refuses_the_system(world):
    with pytest.raises(PermissionDenied):
        user_sign_out_everywhere(actor=Access.system())
