"""The volunteer's own shifts as a calendar feed at a secret address they can reset."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from core.audit import events_of
from rotas.models import Rota, Shift, ShiftSignup
from tests.factories import access_of
from volunteers import services

OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture
def shifts(world):
    """The volunteer is on a summer and a winter shift (each side of a clock change), on the
    waiting list of a third, and cancelled a fourth."""
    rota = Rota.objects.create(centre=world.centre, title="Kafé tirsdag")
    year = timezone.localdate().year + 1
    starts = [
        dt.datetime(year, 3, 24, 11, tzinfo=OSLO),  # before summer time
        dt.datetime(year, 4, 7, 11, tzinfo=OSLO),  # summer time
        dt.datetime(year, 4, 14, 11, tzinfo=OSLO),
        dt.datetime(year, 4, 21, 11, tzinfo=OSLO),
    ]
    statuses = ["confirmed", "confirmed", "waiting", "cancelled"]
    made = []
    for start, status in zip(starts, statuses, strict=True):
        shift = Shift.objects.create(
            centre=world.centre, rota=rota, starts_at=start, ends_at=start + dt.timedelta(hours=3)
        )
        ShiftSignup.objects.create(
            centre=world.centre,
            shift=shift,
            volunteer=world.volunteer,
            status=status,
            listed_at=timezone.now(),
        )
        made.append(shift)
    return made


def _feed(client, volunteer):
    response = client.get(reverse("volunteers:shift_feed", args=[volunteer.calendar_token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_the_feed_holds_the_volunteers_own_shifts_in_oslo_time(client, world, shifts):
    services.volunteer_calendar_reset(
        actor=access_of(world.volunteer_user), volunteer=world.volunteer
    )
    events = list(_feed(client, world.volunteer).walk("VEVENT"))
    starts = [event.decoded("dtstart") for event in events]
    # 11:00 local time on both sides of the change to summer time; the cancelled one is gone.
    assert [(s.hour, s.utcoffset()) for s in starts] == [
        (11, dt.timedelta(hours=1)),
        (11, dt.timedelta(hours=2)),
        (11, dt.timedelta(hours=2)),
    ]
    assert [str(event["status"]) for event in events] == ["CONFIRMED", "CONFIRMED", "TENTATIVE"]
    assert {str(event["summary"]) for event in events} == {"Kafé tirsdag"}


def test_a_new_address_stops_the_old_one(client, world, shifts):
    services.volunteer_calendar_reset(
        actor=access_of(world.volunteer_user), volunteer=world.volunteer
    )
    old = world.volunteer.calendar_token
    services.volunteer_calendar_reset(
        actor=access_of(world.volunteer_user), volunteer=world.volunteer
    )
    assert client.get(reverse("volunteers:shift_feed", args=[old])).status_code == 404
    assert _feed(client, world.volunteer)
    event = events_of(world.volunteer).first()
    assert event.action == "volunteer.calendar_reset"
    assert old not in str(event.changes) + str(event.data)


def test_an_unknown_or_empty_address_shows_nothing(client, db):
    assert client.get("/volunteers/calendar/feil.ics").status_code == 404


def test_the_volunteer_makes_the_address_on_their_profile(world, login):
    client = login(world.volunteer_user)
    page = client.get(reverse("volunteers:me")).content.decode()
    assert "calendar-address" not in page
    response = client.post(reverse("volunteers:me_calendar_reset"))
    assert response.status_code == 302
    world.volunteer.refresh_from_db()
    page = client.get(reverse("volunteers:me")).content.decode()
    assert world.volunteer.calendar_token in page


def test_erasure_ends_the_feed(client, world, shifts):
    services.volunteer_calendar_reset(
        actor=access_of(world.volunteer_user), volunteer=world.volunteer
    )
    token = world.volunteer.calendar_token
    services.volunteer_erase(actor=access_of(world.coordinator), volunteer=world.volunteer)
    assert client.get(reverse("volunteers:shift_feed", args=[token])).status_code == 404
