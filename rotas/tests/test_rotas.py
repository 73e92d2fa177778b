"""Rotas: self sign-up with capacity, waiting list and deadline; the coordinator turns a held
shift into hours that count once everywhere."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.utils import timezone, translation

from core.audit import events_of
from core.models import OutgoingMail
from core.permissions import access_for_user
from figures import engine
from hours.models import HourEntry
from reports import figures
from rotas import services as rota_services
from rotas.models import Shift, ShiftSignup
from tests import factories as f
from volunteers import services
from volunteers.tests.factories import RotaFactory, ShiftFactory, ShiftSignupFactory


@pytest.fixture(autouse=True)
def english():
    """Services' messages in English (the msgids), whatever the catalogues say."""
    with translation.override("en"):
        yield


def _sign_up(user, shift, volunteer):
    return rota_services.shift_sign_up(
        actor=access_for_user(user), shift=shift, volunteer=volunteer
    )


@pytest.fixture
def shift(world):
    return ShiftFactory(rota=RotaFactory(centre=world.centre), capacity=1)


def test_it_gives_the_place_then_the_waiting_list(world, shift):
    first = _sign_up(world.coordinator, shift, world.volunteer)
    second = _sign_up(world.coordinator, shift, world.other_volunteer)

    assert first.status == ShiftSignup.Status.CONFIRMED
    assert second.status == ShiftSignup.Status.WAITING


def test_it_moves_the_first_waiting_up_on_a_cancel_and_tells_them(world, shift):
    taken = _sign_up(world.coordinator, shift, world.volunteer)
    waiting = _sign_up(world.coordinator, shift, world.other_volunteer)
    later = _sign_up(world.coordinator, shift, f.VolunteerFactory(centre=world.centre))
    queued = OutgoingMail.objects.count()

    moved = rota_services.shift_cancel(actor=access_for_user(world.coordinator), signup=taken)

    assert moved.pk == waiting.pk
    statuses = dict(shift.signups.values_list("pk", "status"))
    assert statuses == {
        taken.pk: ShiftSignup.Status.CANCELLED,
        waiting.pk: ShiftSignup.Status.CONFIRMED,
        later.pk: ShiftSignup.Status.WAITING,
    }
    assert list(OutgoingMail.objects.order_by("pk").values_list("to", flat=True)[queued:]) == [
        world.other_volunteer.email
    ]
    assert events_of(waiting).first().action == "shift_signup.moved_up"


def test_a_cancel_from_the_waiting_list_moves_nobody(world, shift):
    _sign_up(world.coordinator, shift, world.volunteer)
    waiting = _sign_up(world.coordinator, shift, world.other_volunteer)

    moved = rota_services.shift_cancel(actor=access_for_user(world.coordinator), signup=waiting)

    assert moved is None
    assert shift.signups.filter(status=ShiftSignup.Status.CONFIRMED).count() == 1


def test_it_lets_a_volunteer_sign_up_again_after_cancelling(world, shift):
    signup = _sign_up(world.volunteer_user, shift, world.volunteer)
    rota_services.shift_cancel(actor=access_for_user(world.volunteer_user), signup=signup)

    again = _sign_up(world.volunteer_user, shift, world.volunteer)

    assert again.pk == signup.pk and again.status == ShiftSignup.Status.CONFIRMED


def test_it_closes_self_sign_up_at_the_deadline_but_lets_the_coordinator_fill_gaps(world):
    rota = RotaFactory(centre=world.centre, signup_closes_hours=48)
    soon = ShiftFactory(rota=rota, starts_at=timezone.now() + dt.timedelta(hours=30))

    with pytest.raises(ValidationError, match="closed"):
        _sign_up(world.volunteer_user, soon, world.volunteer)
    signup = _sign_up(world.coordinator, soon, world.volunteer)

    assert signup.status == ShiftSignup.Status.CONFIRMED
    with pytest.raises(ValidationError, match="closed"):
        rota_services.shift_cancel(
            actor=access_for_user(world.volunteer_user),
            signup=signup,
        )


def test_a_volunteer_signs_up_only_themselves(world, shift):
    with pytest.raises(PermissionDenied):
        _sign_up(world.volunteer_user, shift, world.other_volunteer)


def test_it_refuses_a_shift_that_needs_a_police_certificate_the_volunteer_lacks(world):
    shift = ShiftFactory(rota=RotaFactory(centre=world.centre, needs_police_certificate=True))

    with pytest.raises(ValidationError, match="police certificate"):
        _sign_up(world.volunteer_user, shift, world.volunteer)


def test_it_records_the_actor_of_a_sign_up(world, shift):
    signup = _sign_up(world.volunteer_user, shift, world.volunteer)

    event = events_of(signup).get()
    assert (event.action, event.actor) == ("shift_signup.created", world.volunteer_user)


# --- Concurrency: two connections take the last place at once (PostgreSQL) ---------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"
)
@pytest.mark.django_db(transaction=True)
def test_two_volunteers_taking_the_last_place_at_once_get_one_place_and_one_wait():
    centre = f.CentreFactory()
    shift = ShiftFactory(rota=RotaFactory(centre=centre), capacity=1)
    volunteers = [f.VolunteerFactory(centre=centre) for _ in range(2)]
    coordinator = f.coordinator(centre, email="k@example.org")
    start = threading.Barrier(2)
    results: list[str] = []
    errors: list[BaseException] = []

    def take(volunteer):
        try:
            start.wait()
            signup = _sign_up(coordinator, Shift.objects.system().get(pk=shift.pk), volunteer)
            results.append(signup.status)
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take, args=(v,)) for v in volunteers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert not errors
    assert sorted(results) == [ShiftSignup.Status.CONFIRMED, ShiftSignup.Status.WAITING]
    assert shift.signups.filter(status=ShiftSignup.Status.CONFIRMED).count() == 1


# --- A held shift becomes hours, counted once ----------------------------------------------------


@pytest.fixture
def held_shift(world):
    project = f.ProjectFactory(centre=world.centre)
    rota = RotaFactory(centre=world.centre, project=project, title="Kafé tirsdag")
    start = timezone.make_aware(dt.datetime(timezone.localdate().year, 1, 6, 11, 0))
    shift = ShiftFactory(
        rota=rota, starts_at=start, ends_at=start + dt.timedelta(hours=3), capacity=3
    )
    came = ShiftSignupFactory(shift=shift, volunteer=world.volunteer)
    absent = ShiftSignupFactory(shift=shift, volunteer=world.other_volunteer)
    ShiftSignupFactory(shift=shift, status=ShiftSignup.Status.CANCELLED)
    return shift, came, absent, project


def test_it_turns_a_held_shift_into_approved_hours_for_those_who_came(world, held_shift):
    shift, came, absent, project = held_shift

    entries = rota_services.shift_hold(
        actor=f.access_of(world.coordinator), shift=shift, absent=[absent.pk]
    )

    assert [(e.volunteer, e.hours, e.status, e.project) for e in entries] == [
        (world.volunteer, Decimal("3.00"), HourEntry.Status.APPROVED, project)
    ]
    came.refresh_from_db()
    assert came.hour_entry == entries[0]
    assert events_of(shift).first().action == "shift.held"


def test_it_logs_the_hours_of_a_shift_only_once(world, held_shift):
    shift = held_shift[0]
    rota_services.shift_hold(actor=f.access_of(world.coordinator), shift=shift)

    with pytest.raises(ValidationError, match="already logged"):
        rota_services.shift_hold(actor=f.access_of(world.coordinator), shift=shift)
    assert HourEntry.objects.system().count() == 2


def test_the_hours_of_a_held_shift_count_once_in_the_total_the_project_and_the_report(
    world, held_shift
):
    shift, _came, absent, project = held_shift
    year = shift.starts_at.year
    rota_services.shift_hold(actor=f.access_of(world.coordinator), shift=shift, absent=[absent.pk])
    today = timezone.localdate()

    own = engine.hours_of_volunteer(world.volunteer)
    centre = engine.compute(engine.Scope.of_centre(world.centre), years=[year], today=today)
    of_project = engine.compute(engine.Scope.of_project(project), years=[year], today=today)
    report = figures.annual_figures(centre=world.centre, year=year)

    assert [(row.year, row.hours) for row in own] == [(year, Decimal("3.00"))]
    for part in (centre, of_project):
        assert part.get("volunteer_hours.own", year) == Decimal("3.00")
        assert part.get("volunteer_hours.total", year) == Decimal("3.00")
    assert report.hours.total == Decimal("3.00")


def test_a_shift_cannot_be_held_before_it_starts(world, shift):
    with pytest.raises(ValidationError, match="once it has started"):
        rota_services.shift_hold(actor=f.access_of(world.coordinator), shift=shift)


def test_more_places_move_the_waiting_list_up_in_order(world, shift):
    _sign_up(world.coordinator, shift, world.volunteer)
    first = _sign_up(world.coordinator, shift, world.other_volunteer)
    second = _sign_up(world.coordinator, shift, f.VolunteerFactory(centre=world.centre))
    third = _sign_up(world.coordinator, shift, f.VolunteerFactory(centre=world.centre))

    moved = rota_services.shift_update(
        actor=f.access_of(world.coordinator), shift=shift, capacity=3
    )

    assert [s.pk for s in moved] == [first.pk, second.pk]
    third.refresh_from_db()
    assert third.status == ShiftSignup.Status.WAITING


def test_fewer_places_never_take_a_place_away(world, shift):
    shift.capacity = 2
    shift.save()
    _sign_up(world.coordinator, shift, world.volunteer)
    _sign_up(world.coordinator, shift, world.other_volunteer)

    with pytest.raises(ValidationError, match="take someone off the shift first"):
        rota_services.shift_update(actor=f.access_of(world.coordinator), shift=shift, capacity=1)
    shift.refresh_from_db()
    assert shift.capacity == 2


def test_erasing_a_volunteer_frees_their_places_and_removes_their_certificates(world, shift):
    from volunteers.tests.factories import CertificateFactory

    taken = _sign_up(world.coordinator, shift, world.volunteer)
    waiting = _sign_up(world.coordinator, shift, world.other_volunteer)
    CertificateFactory(volunteer=world.volunteer)

    services.volunteer_erase(actor=f.access_of(world.coordinator), volunteer=world.volunteer)

    taken.refresh_from_db()
    waiting.refresh_from_db()
    assert (taken.status, waiting.status) == ("cancelled", "confirmed")
    assert not world.volunteer.certificates.exists()


def test_a_persons_data_export_holds_their_shifts_and_certificates(world, shift):
    from volunteers.gdpr import volunteer_data
    from volunteers.tests.factories import CertificateFactory

    _sign_up(world.coordinator, shift, world.volunteer)
    CertificateFactory(volunteer=world.volunteer)

    data = volunteer_data(world.volunteer)

    assert [(s["rota"], s["status"]) for s in data["shifts"]] == [(shift.rota.title, "confirmed")]
    assert data["certificates"][0]["tasks"] == ["Kafévert", "Leksehjelp"]
    assert data["reminders_sent"] == []
