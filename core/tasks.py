import datetime as dt

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import services


@shared_task(name="core.purge_auth_events", acks_late=True, soft_time_limit=120, time_limit=180)
def purge_auth_events(days: int | None = None) -> int:
    """Delete login records older than the retention period (idempotent)."""
    keep_days = days if days is not None else settings.AUTH_EVENT_RETENTION_DAYS
    return services.auth_events_purge(before=timezone.now() - dt.timedelta(days=keep_days))


@shared_task(name="core.purge_sent_mail", acks_late=True, soft_time_limit=120, time_limit=180)
def purge_sent_mail(days: int | None = None) -> int:
    """Delete e-mails sent longer ago than MAIL_RETENTION_DAYS (idempotent)."""
    keep_days = days if days is not None else settings.MAIL_RETENTION_DAYS
    return services.sent_mail_purge(before=timezone.now() - dt.timedelta(days=keep_days))


@shared_task(name="core.backup_database", soft_time_limit=1800, time_limit=2000)
def backup_database() -> str:
    """The nightly backup to settings.BACKUP_DIR (README: Production, backups)."""
    from .backup import backup_scheduled

    return str(backup_scheduled())


@shared_task(name="core.send_mail", acks_late=True, soft_time_limit=60, time_limit=90)
def send_mail_job(mail_id: int) -> bool:
    """Send one queued e-mail (a failure leaves it queued for `send_due_mail`)."""
    from .mail import mail_send

    return mail_send(mail_id=mail_id)


@shared_task(name="core.send_due_mail", soft_time_limit=240, time_limit=300)
def send_due_mail() -> int:
    """Send the queued e-mails whose next attempt is due (every minute from beat)."""
    from .mail import mail_send_due

    return mail_send_due()


@shared_task(name="core.clear_sessions", soft_time_limit=300, time_limit=360)
def clear_sessions() -> None:
    """Delete expired sessions (they hold who was logged in, and uploads' names)."""
    from django.contrib.sessions.models import Session
    from django.core.management import call_command

    expired = Session.objects.filter(expire_date__lt=timezone.now()).count()
    call_command("clearsessions")
    services.retention_record("sessions", deleted=expired)


@shared_task(name="core.sweep_jobs", acks_late=True, soft_time_limit=60, time_limit=90)
def sweep_jobs() -> int:
    """Queue again or fail every job (report, import) left running past its time limit, and
    fail jobs whose message was lost (core.jobs). Workers and job pages run it too."""
    from .jobs import jobs_sweep

    return jobs_sweep()
