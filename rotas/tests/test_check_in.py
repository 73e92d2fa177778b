"""Volunteers check in and out of a shift at the place (one tap each): the time between becomes
one hour entry waiting for approval, and holding the shift later does not log it again."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from hours.models import HourEntry
from rotas import services
from rotas.models import Shift, ShiftSignup
from tests.factories import access_of
from volunteers.tests.factories import RotaFactory, ShiftFactory, ShiftSignupFactory


@pytest.fixture
def shift(world):
    starts = timezone.now() - dt.timedelta(minutes=30)
    return ShiftFactory(
        rota=RotaFactory(centre=world.centre, title="Kafé"),
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
        capacity=3,
    )


def _entries(world):
    return HourEntry.objects.system().filter(volunteer=world.volunteer)


def test_checking_in_and_out_makes_one_entry_waiting_for_approval(world, login, shift):
    signup = ShiftSignupFactory(shift=shift, volunteer=world.volunteer)
    other = ShiftSignupFactory(shift=shift, volunteer=world.other_volunteer)
    client = login(world.volunteer_user)
    url = reverse("volunteers:shift_check", args=[shift.pk])
    assert client.get(url).status_code == 200
    client.post(url)  # check in
    checked_in = timezone.now() - dt.timedelta(hours=2, minutes=2)
    ShiftSignup.objects.system().filter(pk=signup.pk).update(checked_in_at=checked_in)
    client.post(url)  # check out
    client.post(url)  # a second tap logs nothing more
    entry = _entries(world).get()
    assert entry.status == HourEntry.Status.PENDING
    assert entry.hours == Decimal("2.00")
    assert ShiftSignup.objects.system().get(pk=signup.pk).hour_entry == entry
    assert AuditEvent.objects.filter(action="shift_signup.checked_in").count() == 1
    assert AuditEvent.objects.filter(action="shift_signup.checked_out").count() == 1
    # The coordinator holds the shift: the other volunteer's hours are logged, not again hers.
    services.shift_hold(
        actor=access_of(world.coordinator), shift=Shift.objects.system().get(pk=shift.pk)
    )
    assert _entries(world).count() == 1
    assert HourEntry.objects.system().filter(volunteer=other.volunteer).count() == 1


def test_one_cannot_check_in_long_before_the_shift_or_for_someone_else(world, login, shift):
    later = ShiftFactory(
        rota=shift.rota,
        starts_at=timezone.now() + dt.timedelta(hours=5),
        ends_at=timezone.now() + dt.timedelta(hours=7),
    )
    signup = ShiftSignupFactory(shift=later, volunteer=world.volunteer)
    client = login(world.volunteer_user)
    response = client.post(reverse("volunteers:shift_check", args=[later.pk]), follow=True)
    assert response.status_code == 200
    assert ShiftSignup.objects.system().get(pk=signup.pk).checked_in_at is None
    # Not on the shift: nothing to check in to.
    page = client.post(reverse("volunteers:shift_check", args=[shift.pk]), follow=True)
    assert page.status_code == 200
    assert not _entries(world).exists()
    # Another centre's shift is not found.
    foreign = ShiftFactory(rota=RotaFactory(centre=world.other_centre))
    assert client.get(reverse("volunteers:shift_check", args=[foreign.pk])).status_code == 404
