"""Without a broker (the embedded default) nothing runs Celery beat: the web process runs the
schedule's jobs itself, after responses, so stuck reports, e-mails due again, old login events,
expired sessions and unconfirmed uploads are dealt with anyway."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from core import maintenance
from core.models import OutgoingMail
from reports.models import ReportJob
from reports.tests.factories import ReportJobFactory


@pytest.fixture(autouse=True)
def fresh_schedule(settings):
    settings.MAINTENANCE_IN_WEB = True
    cache.clear()
    yield
    cache.clear()


def test_the_web_process_runs_the_schedule_when_no_beat_runs(world, client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    # Left running by a worker that died, after its last attempt (else it is queued again).
    stuck = ReportJobFactory(centre=world.centre, status="running", attempts=ReportJob.max_attempts)
    ReportJob.objects.filter(pk=stuck.pk).update(started_at=timezone.now() - dt.timedelta(hours=3))
    mail = OutgoingMail.objects.create(to="a@b.example", subject="Hei", body="Tekst")
    Session.objects.create(
        session_key="x" * 32, session_data="", expire_date=timezone.now() - dt.timedelta(days=1)
    )

    client.get(reverse("healthz"))  # any request; the jobs run after its response

    stuck.refresh_from_db()
    mail.refresh_from_db()
    assert stuck.status == "failed"
    assert mail.status == "sent"
    assert not Session.objects.filter(session_key="x" * 32).exists()


def test_it_looks_at_the_schedule_at_most_every_half_minute(world, client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    client.get(reverse("healthz"))
    mail = OutgoingMail.objects.create(to="a@b.example", subject="Hei", body="Tekst")
    client.get(reverse("healthz"))
    mail.refresh_from_db()
    assert mail.status == "queued"  # the next look is within CHECK_EVERY seconds


def test_calendar_jobs_wait_for_their_time_and_beat_does_the_rest(world, client, settings):
    assert "reports-annual-evaluations" not in maintenance.run_due()
    settings.CELERY_TASK_ALWAYS_EAGER = False  # a broker is configured: beat runs the schedule
    cache.clear()
    mail = OutgoingMail.objects.create(to="a@b.example", subject="Hei", body="Tekst")
    client.get(reverse("healthz"))
    mail.refresh_from_db()
    assert mail.status == "queued"
