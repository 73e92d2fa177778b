"""The grant round's deadline reminders and the municipality's "report ready" notice: sent
once per person, at the right Europe/Oslo times, never to people who opted out."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from centreyear.models import GrantDecision
from core.models import AuditEvent, OutgoingMail
from notifications import services
from notifications.models import Delivery, OptOut
from reports.tests.factories import ReportJobFactory
from tests import factories as f

OSLO = ZoneInfo("Europe/Oslo")
# The 2027 round: due 1 June 2026 at 13:00 in Oslo (11:00 UTC, summer time).
DEADLINE = dt.datetime(2026, 6, 1, 13, 0, tzinfo=OSLO)


def at(moment: dt.datetime) -> int:
    return services.send_grant_deadline_reminders(now=moment)


def mails_to(user) -> list[OutgoingMail]:
    return list(OutgoingMail.objects.filter(to=user.email).order_by("pk"))


@pytest.fixture
def people(world):
    world.sibling_coordinator = f.coordinator(world.sibling_centre, email="nord@example.org")
    world.opted_out = f.coordinator(world.centre, email="nei.takk@example.org")
    OptOut.objects.create(user=world.opted_out)
    return world


def test_the_deadline_is_1_june_13_00_in_oslo():
    from centreyear.grant import current_round, deadline_for

    assert deadline_for(2027) == DEADLINE
    assert deadline_for(2027).astimezone(dt.UTC).hour == 11
    assert current_round(DEADLINE - dt.timedelta(minutes=1)) == 2027
    assert current_round(DEADLINE) == 2028  # the next round opens at the deadline


def test_coordinators_are_reminded_four_weeks_and_one_week_before_once_each(people):
    world = people
    four_weeks = DEADLINE - dt.timedelta(weeks=4)  # 4 May 2026, 13:00 in Oslo

    assert at(four_weeks - dt.timedelta(minutes=1)) == 0
    assert at(four_weeks) == 3  # two coordinators of Fjordvik's centres, one of Annen's
    assert at(four_weeks + dt.timedelta(hours=1)) == 0  # once
    assert len(mails_to(world.coordinator)) == 1
    assert "2027" in mails_to(world.coordinator)[0].subject
    assert mails_to(world.opted_out) == []
    assert mails_to(world.municipality_viewer) == []  # four weeks is the coordinators' only

    one_week = DEADLINE - dt.timedelta(weeks=1)  # 25 May 2026, 13:00
    assert at(one_week - dt.timedelta(minutes=1)) == 0
    sent = at(one_week)
    assert len(mails_to(world.coordinator)) == 2
    assert len(mails_to(world.municipality_viewer)) == 1  # the municipality's first
    assert sent == 3 + 2  # three coordinators, two municipalities' viewers
    assert at(one_week + dt.timedelta(hours=2)) == 0
    assert mails_to(world.opted_out) == []


def test_the_municipality_is_reminded_one_week_and_one_day_before(people):
    world = people
    OptOut.objects.create(user=world.other_municipality_viewer)
    one_day = DEADLINE - dt.timedelta(days=1)  # 31 May 2026, 13:00 in Oslo
    assert at(one_day - dt.timedelta(seconds=1)) > 0  # the one-week reminders, late
    assert len(mails_to(world.municipality_viewer)) == 1
    assert at(one_day) == 1  # the municipality's one-day reminder; coordinators had theirs
    assert len(mails_to(world.municipality_viewer)) == 2
    assert mails_to(world.other_municipality_viewer) == []
    assert at(DEADLINE) == 0  # the deadline has passed


def test_a_late_run_sends_only_the_latest_reminder(people):
    world = people
    at(DEADLINE - dt.timedelta(days=3))  # the job did not run before
    keys = set(
        Delivery.objects.system()
        .filter(recipient=f"user:{world.coordinator.pk}")
        .values_list("subject", flat=True)
    )
    assert keys == {"grant:2027:coordinator:168h"}


def test_a_decided_centre_and_its_municipality_get_no_reminder(people):
    world = people
    for centre in (world.centre, world.sibling_centre):
        GrantDecision.objects.create(
            centre=centre, year=2027, decision="confirmed", decided_at=timezone.now()
        )
    at(DEADLINE - dt.timedelta(weeks=1))
    assert mails_to(world.coordinator) == []
    assert mails_to(world.municipality_viewer) == []
    assert len(mails_to(world.other_coordinator)) == 1
    assert AuditEvent.objects.filter(action="reminder.sent").count() == 2


def test_the_quiet_period_holds_the_reminders(people, settings):
    settings.GRANT_DEADLINE = "06-01 07:00"
    early = dt.datetime(2026, 5, 4, 7, 0, tzinfo=OSLO)
    assert at(early) == 0
    assert at(early + dt.timedelta(hours=1)) > 0


def test_the_municipality_is_told_once_when_an_annual_evaluation_is_ready(people):
    world = people
    OptOut.objects.create(user=world.other_municipality_viewer)
    now = timezone.now()
    ReportJobFactory(centre=world.centre, kind="annual", year=2025, status="done", finished_at=now)
    ReportJobFactory(
        centre=world.other_centre, kind="annual", year=2025, status="done", finished_at=now
    )
    noon = now.astimezone(OSLO).replace(hour=12)
    assert services.send_report_ready_notices(now=noon) == 1
    assert services.send_report_ready_notices(now=noon) == 0
    (mail,) = mails_to(world.municipality_viewer)
    assert "Fjordvik frivilligsentral" in mail.subject
    assert mails_to(world.other_municipality_viewer) == []
