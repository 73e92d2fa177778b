from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hours.fields import format_hours, parse_hours
from hours.models import HourEntry

from .factories import HourEntryFactory, MatchFactory, TaskFactory


@pytest.mark.parametrize(
    ("text", "hours"),
    [("2:30", "2.50"), ("2,5", "2.50"), ("2.5", "2.50"), ("0:45", "0.75"), ("3", "3.00")],
)
def test_it_reads_hours_as_h_mm_or_decimal(text, hours):
    assert parse_hours(text) == Decimal(hours)


@pytest.mark.parametrize("text", ["", "abc", "2:75", "0", "-1", "25", "nan"])
def test_it_refuses_unreadable_hours(text):
    with pytest.raises(ValidationError):
        parse_hours(text)


def test_it_shows_hours_as_h_mm():
    assert format_hours(Decimal("2.5")) == "2:30"


def test_a_volunteer_sees_only_their_own_profile_tasks_and_hours(world, login):
    own_task = TaskFactory(centre=world.centre, title="Mitt oppdrag")
    other_task = TaskFactory(centre=world.centre, title="Andres oppdrag")
    MatchFactory(task=own_task, volunteer=world.volunteer)
    MatchFactory(task=other_task, volunteer=world.other_volunteer)
    HourEntryFactory(volunteer=world.volunteer, description="Egen innsats")
    HourEntryFactory(volunteer=world.other_volunteer, description="Andres innsats")
    client = login(world.volunteer_user)

    profile = client.get(reverse("volunteers:me")).content.decode()
    assert world.volunteer.last_name in profile
    assert world.other_volunteer.last_name not in profile
    assert "Mitt oppdrag" in profile and "Andres oppdrag" not in profile

    hours = client.get(reverse("volunteers:my_hours")).content.decode()
    assert "Egen innsats" in hours and "Andres innsats" not in hours

    # Other people's pages answer as if they do not exist or are not for this role.
    assert (
        client.get(reverse("volunteers:detail", args=[world.other_volunteer.pk])).status_code == 403
    )
    assert client.get(reverse("volunteers:detail", args=[world.volunteer.pk])).status_code == 403
    assert client.get(reverse("volunteers:list")).status_code == 403
    assert client.get(reverse("volunteers:task_detail", args=[other_task.pk])).status_code == 403


def test_it_logs_own_hours_as_h_mm_pending_approval(world, login):
    task = TaskFactory(centre=world.centre)
    MatchFactory(task=task, volunteer=world.volunteer)
    client = login(world.volunteer_user)
    response = client.post(
        reverse("volunteers:my_hours"), {"date": "2026-01-15", "hours": "2:30", "task": task.pk}
    )
    assert response.status_code == 302
    entry = HourEntry.objects.get(volunteer=world.volunteer)
    assert entry.hours == Decimal("2.50")
    assert entry.status == HourEntry.Status.PENDING
    assert entry.entered_by == world.volunteer_user


def test_it_refuses_hours_for_a_task_that_is_not_theirs(world, login):
    other_task = TaskFactory(centre=world.centre)
    MatchFactory(task=other_task, volunteer=world.other_volunteer)
    client = login(world.volunteer_user)
    response = client.post(
        reverse("volunteers:my_hours"), {"date": "2026-01-15", "hours": "2", "task": other_task.pk}
    )
    assert response.status_code == 200
    assert not HourEntry.objects.filter(volunteer=world.volunteer).exists()


def test_it_explains_unreadable_hours(world, login):
    client = login(world.volunteer_user)
    response = client.post(
        reverse("volunteers:my_hours"),
        {"date": "2026-01-15", "hours": "to timer", "description": "Lunsj"},
    )
    assert "t:mm (2:30)" in response.content.decode()
    assert not HourEntry.objects.exists()


def test_it_lets_the_volunteer_update_their_profile(world, login):
    client = login(world.volunteer_user)
    response = client.post(
        reverse("volunteers:me_edit"),
        {
            "first_name": "Ingrid",
            "last_name": "Hansen",
            "email": "ingrid@example.org",
            "phone": "",
            "postal_code": "8500",
            "available_evenings": "on",
        },
    )
    assert response.status_code == 302
    world.volunteer.refresh_from_db()
    assert world.volunteer.email == "ingrid@example.org"
    assert world.volunteer.available_evenings
    assert world.volunteer.status == "active"  # not the volunteer's to change


def test_the_coordinator_approves_pending_hours(world, login):
    entry = HourEntryFactory(volunteer=world.volunteer, status=HourEntry.Status.PENDING)
    client = login(world.coordinator)
    assert (
        world.volunteer.last_name
        in client.get(reverse("volunteers:hours_pending")).content.decode()
    )
    client.post(reverse("volunteers:hours_decide", args=[entry.pk]), {"decision": "approve"})
    entry.refresh_from_db()
    assert entry.status == HourEntry.Status.APPROVED
    assert entry.decided_by == world.coordinator


def test_it_checks_ownership(world, login):
    foreign = HourEntryFactory(volunteer=world.foreign_volunteer, status="pending")
    client = login(world.coordinator)
    response = client.post(
        reverse("volunteers:hours_decide", args=[foreign.pk]), {"decision": "approve"}
    )
    assert response.status_code == 404


def test_it_requires_rw_access(world, login):
    entry = HourEntryFactory(volunteer=world.volunteer, status="pending")
    client = login(world.municipality_viewer)
    response = client.post(
        reverse("volunteers:hours_decide", args=[entry.pk]), {"decision": "approve"}
    )
    assert response.status_code == 403
    client = login(world.volunteer_user)
    response = client.post(
        reverse("volunteers:hours_decide", args=[entry.pk]), {"decision": "approve"}
    )
    assert response.status_code == 403


def test_the_coordinator_approves_ticked_hours_at_once(world, login):
    first = HourEntryFactory(volunteer=world.volunteer, status=HourEntry.Status.PENDING)
    second = HourEntryFactory(volunteer=world.other_volunteer, status=HourEntry.Status.PENDING)
    untouched = HourEntryFactory(volunteer=world.volunteer, status=HourEntry.Status.PENDING)
    foreign = HourEntryFactory(volunteer=world.foreign_volunteer, status=HourEntry.Status.PENDING)
    response = login(world.coordinator).post(
        reverse("volunteers:hours_approve_selected"),
        {"entry": [first.pk, second.pk, foreign.pk]},
    )
    assert response.status_code == 302
    statuses = {
        e.pk: e.status
        for e in HourEntry.objects.filter(pk__in=[first.pk, second.pk, untouched.pk, foreign.pk])
    }
    assert statuses == {
        first.pk: "approved",
        second.pk: "approved",
        untouched.pk: "pending",
        foreign.pk: "pending",
    }
