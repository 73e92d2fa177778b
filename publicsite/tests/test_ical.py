"""The iCalendar feeds, parsed back with the icalendar library: the right events, at the right
local time on both sides of a change to or from summer time."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
from django.urls import reverse
from django.utils import timezone

from tests import factories as f

OSLO = ZoneInfo("Europe/Oslo")
UTC = dt.UTC


def _last_sunday_of_march(year: int) -> dt.date:
    day = dt.date(year, 3, 31)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def _events(client, url: str) -> list:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return calendar, list(calendar.walk("VEVENT"))


def test_it_keeps_local_time_across_the_change_to_summer_time(client, world):
    change = _last_sunday_of_march(timezone.localdate().year + 1)
    project = f.ProjectFactory(centre=world.centre)
    for day in (change - dt.timedelta(days=1), change + dt.timedelta(days=6)):
        f.ActivityFactory(
            project=project,
            title=f"Kveldstur {day:%d.%m}",
            is_public=True,
            date=day,
            start_time=dt.time(18, 0),
            end_time=dt.time(19, 30),
        )
    calendar, events = _events(client, reverse("public:centre_feed", args=[world.centre.slug]))
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    before, after = sorted(events, key=lambda e: e.decoded("dtstart"))
    for event in (before, after):
        start = event.decoded("dtstart")
        assert (start.hour, start.minute) == (18, 0)
        assert event["DTSTART"].params["TZID"] == "Europe/Oslo"
        assert event.decoded("dtend") - start == dt.timedelta(minutes=90)
    # 18:00 is 17:00 UTC in winter and 16:00 UTC in summer.
    assert before.decoded("dtstart").astimezone(UTC).hour == 17
    assert after.decoded("dtstart").astimezone(UTC).hour == 16


def test_it_keeps_local_time_across_the_change_back_to_winter_time(client, world):
    year = timezone.localdate().year
    october = dt.date(year, 10, 31)
    change = october - dt.timedelta(days=(october.weekday() + 1) % 7)
    if change - dt.timedelta(days=1) < timezone.localdate() - dt.timedelta(days=80):
        change = dt.date(year + 1, 10, 31)
        change -= dt.timedelta(days=(change.weekday() + 1) % 7)
    project = f.ProjectFactory(centre=world.centre)
    for day in (change - dt.timedelta(days=1), change + dt.timedelta(days=6)):
        f.ActivityFactory(project=project, is_public=True, date=day, start_time=dt.time(10, 0))
    _calendar, events = _events(client, reverse("public:centre_feed", args=[world.centre.slug]))
    before, after = sorted(events, key=lambda e: e.decoded("dtstart"))
    assert before.decoded("dtstart").astimezone(UTC).hour == 8
    assert after.decoded("dtstart").astimezone(UTC).hour == 9


def test_it_carries_only_public_activities_with_their_public_fields(client, public_world):
    url = reverse("public:centre_feed", args=[public_world.centre.slug])
    _calendar, events = _events(client, url)
    assert [str(e["SUMMARY"]) for e in events] == ["Åpen turgruppe"]
    event = events[0]
    assert str(event["LOCATION"]) == "Fjordvik bibliotek"
    assert str(event["DESCRIPTION"]) == public_world.listed.name
    assert event["UID"] == f"activity-{public_world.walk.pk}@testserver"
    assert "PRIVAT-NOTAT-AKTIVITET" not in client.get(url).content.decode()


def test_it_marks_cancelled_and_all_day_activities(client, world):
    project = f.ProjectFactory(centre=world.centre)
    f.ActivityFactory(project=project, title="Avlyst", is_public=True, cancelled=True)
    f.ActivityFactory(project=project, title="Heldags", is_public=True, start_time=None)
    _calendar, events = _events(client, reverse("public:centre_feed", args=[world.centre.slug]))
    by_title = {str(e["SUMMARY"]): e for e in events}
    assert by_title["Avlyst"]["STATUS"] == "CANCELLED"
    assert type(by_title["Heldags"].decoded("dtstart")) is dt.date


def test_it_has_a_feed_per_association_and_per_project(client, public_world):
    centre = public_world.centre
    other_project = f.ProjectFactory(centre=centre, slug="annet")
    f.ActivityFactory(project=other_project, title="Strikkekafé", is_public=True)
    association_url = reverse("public:association_feed", args=[centre.slug, public_world.listed.pk])
    _c, events = _events(client, association_url)
    assert [str(e["SUMMARY"]) for e in events] == ["Åpen turgruppe"]
    _c, events = _events(client, reverse("public:project_feed", args=[centre.slug, "annet"]))
    assert [str(e["SUMMARY"]) for e in events] == ["Strikkekafé"]


def test_it_answers_404_for_what_is_not_public(client, public_world):
    centre = public_world.centre
    hidden = f.OrganisationFactory(centre=centre, is_public=False)
    private_project = f.ProjectFactory(centre=centre, slug="privat")
    f.ActivityFactory(project=private_project)
    assert (
        client.get(reverse("public:association_feed", args=[centre.slug, hidden.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("public:project_feed", args=[centre.slug, "privat"])).status_code == 404
    )
    foreign = public_world.foreign_organisation
    foreign.is_public = True
    foreign.save()
    url = reverse("public:association_feed", args=[centre.slug, foreign.pk])
    assert client.get(url).status_code == 404
