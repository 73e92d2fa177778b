"""Each retention rule with a time limit is a job; each job does what the rule says and records
what it did in the audit trail (retention.<rule>)."""

from __future__ import annotations

import datetime as dt
import os

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from core import tasks as core_tasks
from core.models import AuditEvent, OutgoingMail
from notifications import tasks as notification_tasks
from notifications.models import Delivery
from organisations import tasks as organisation_tasks
from reports import tasks as report_tasks
from reports.models import ReportJob
from reports.tests.factories import ReportJobFactory
from volunteers import tasks as volunteer_tasks

LONG_AGO = timezone.now() - dt.timedelta(days=4000)


def _recorded(key: str) -> AuditEvent:
    event = AuditEvent.objects.filter(action=f"retention.{key}").latest("created_at")
    assert event.actor is None
    assert event.source == AuditEvent.Source.SYSTEM
    return event


def test_login_records_are_deleted_after_their_time(world, settings):
    settings.AUTH_EVENT_RETENTION_DAYS = 180
    old = AuditEvent.objects.create(source="web", action="auth.login", created_at=LONG_AGO)
    new = AuditEvent.objects.create(source="web", action="auth.login")
    assert core_tasks.purge_auth_events() == 1
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk=new.pk).exists()
    assert _recorded("login_records").data["deleted"] == 1


def test_sent_mail_is_deleted_after_its_time(db):
    old = OutgoingMail.objects.create(to="a@example.org", subject="s", body="b", status="sent")
    OutgoingMail.objects.filter(pk=old.pk).update(created_at=LONG_AGO)
    queued = OutgoingMail.objects.create(to="b@example.org", subject="s", body="b")
    OutgoingMail.objects.filter(pk=queued.pk).update(created_at=LONG_AGO)
    fresh = OutgoingMail.objects.create(to="c@example.org", subject="s", body="b", status="sent")
    assert core_tasks.purge_sent_mail() == 1
    assert set(OutgoingMail.objects.values_list("pk", flat=True)) == {queued.pk, fresh.pk}
    assert _recorded("sent_mail").data["deleted"] == 1


def test_expired_sessions_are_deleted(db):
    store = SessionStore()
    store["x"] = 1
    store.create()
    Session.objects.filter(pk=store.session_key).update(expire_date=LONG_AGO)
    core_tasks.clear_sessions()
    assert not Session.objects.filter(pk=store.session_key).exists()
    assert _recorded("sessions").data["deleted"] == 1


def test_unconfirmed_import_files_are_deleted_after_a_day(world):
    path = default_storage.save(f"imports/{world.centre.pk}/old.csv", ContentFile(b"a;b\n"))
    fresh = default_storage.save(f"imports/{world.centre.pk}/new.csv", ContentFile(b"a;b\n"))
    old_time = (timezone.now() - dt.timedelta(days=2)).timestamp()
    os.utime(default_storage.path(path), (old_time, old_time))
    assert organisation_tasks.purge_stale_imports() == 1
    assert not default_storage.exists(path)
    assert default_storage.exists(fresh)
    assert _recorded("import_files").data["deleted"] == 1


def test_inactive_volunteers_are_counted_for_review_each_month(world, settings):
    from volunteers.models import Volunteer

    settings.VOLUNTEER_INACTIVE_MONTHS = 18
    Volunteer.objects.system().filter(pk=world.volunteer.pk).update(updated_at=LONG_AGO)
    assert volunteer_tasks.review_inactive() >= 1
    centre_event = AuditEvent.objects.get(action="retention.inactive_review", centre=world.centre)
    assert centre_event.data["due_for_review"] == 1
    assert _recorded("inactive_review").data["due_for_review"] >= 1


def test_finished_reports_are_kept_ten_years(world):
    old = ReportJobFactory(centre=world.centre, finished_at=LONG_AGO)
    old.file.save("old.pdf", ContentFile(b"%PDF-1.7 old"), save=True)
    stored = old.file.name
    nine_years = ReportJobFactory(
        centre=world.centre, year=2024, finished_at=timezone.now() - dt.timedelta(days=9 * 365)
    )
    assert report_tasks.purge_old_reports() == 1
    assert not ReportJob.objects.system().filter(pk=old.pk).exists()
    assert ReportJob.objects.system().filter(pk=nine_years.pk).exists()
    assert not default_storage.exists(stored)
    assert _recorded("reports").data["deleted"] == 1


def test_the_log_of_delivered_reminders_is_deleted_after_its_time(world):
    def delivery(subject: str, status: str, when: dt.datetime) -> Delivery:
        return Delivery.objects.create(
            centre=world.centre,
            kind="shift",
            channel="email",
            recipient="volunteer:1",
            subject=subject,
            to="a@example.org",
            status=status,
            created_at=when,
        )

    old = delivery("old", "sent", LONG_AGO)
    queued = delivery("queued", "queued", LONG_AGO)
    fresh = delivery("fresh", "sent", timezone.now())
    assert notification_tasks.purge_deliveries() == 1
    left = set(Delivery.objects.system().values_list("pk", flat=True))
    assert left == {queued.pk, fresh.pk}
    assert old.pk not in left
    assert _recorded("reminders").data["deleted"] == 1
