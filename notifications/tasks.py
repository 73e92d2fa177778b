"""Reminder jobs for Celery beat (settings.CELERY_BEAT_SCHEDULE). Each is safe to run again:
a reminder already sent is never sent twice (notifications.services)."""

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task(name="notifications.shift_reminders", soft_time_limit=240, time_limit=300)
def shift_reminders() -> int:
    return services.send_shift_reminders(now=timezone.now())


@shared_task(name="notifications.follow_up_reminders", soft_time_limit=240, time_limit=300)
def follow_up_reminders() -> int:
    return services.send_follow_up_reminders(now=timezone.now())


@shared_task(name="notifications.confirmation_requests", soft_time_limit=240, time_limit=300)
def confirmation_requests() -> int:
    return services.send_confirmation_requests(now=timezone.now())


@shared_task(name="notifications.hours_digests", soft_time_limit=240, time_limit=300)
def hours_digests() -> int:
    return services.send_hours_digests(now=timezone.now())


@shared_task(name="notifications.partnership_end_reminders", soft_time_limit=240, time_limit=300)
def partnership_end_reminders() -> int:
    return services.send_partnership_end_reminders(now=timezone.now())


@shared_task(name="notifications.retry_sms", soft_time_limit=240, time_limit=300)
def retry_sms() -> int:
    return services.retry_due_sms(now=timezone.now())


@shared_task(name="notifications.grant_deadline_reminders", soft_time_limit=240, time_limit=300)
def grant_deadline_reminders() -> int:
    return services.send_grant_deadline_reminders(now=timezone.now())


@shared_task(name="notifications.report_ready_notices", soft_time_limit=240, time_limit=300)
def report_ready_notices() -> int:
    return services.send_report_ready_notices(now=timezone.now())


@shared_task(name="notifications.purge_deliveries", soft_time_limit=240, time_limit=300)
def purge_deliveries() -> int:
    """Delete the log of reminders sent longer ago than REMINDER_LOG_RETENTION_DAYS."""
    return services.deliveries_purge(now=timezone.now())
