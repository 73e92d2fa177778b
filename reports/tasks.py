"""Background jobs of the reports app. Tasks take ids and call services."""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from . import services
from .models import ReportJob

logger = logging.getLogger(__name__)

# Below Redis's visibility timeout (3600 s), so a message is never redelivered while it runs.
SOFT_TIME_LIMIT = 240
HARD_TIME_LIMIT = 300
MAX_RETRIES = 3
# A job still running this long after it started has lost its worker; queued ones their message.
STALE_RUNNING = dt.timedelta(seconds=HARD_TIME_LIMIT + 300)
STALE_QUEUED = dt.timedelta(hours=2)

TOO_SLOW = gettext_noop(
    "The report took too long to make and was stopped. Please try again later; "
    "if it happens again, contact support."
)
DATABASE_AWAY = gettext_noop(
    "The report could not be made because the database did not answer. "
    "Please try again in a few minutes."
)


def _fail_with(job_id: int, text: str) -> None:
    job = ReportJob.objects.filter(pk=job_id).only("language").first()
    if job is None:
        return
    with translation.override(job.language):
        services.report_job_fail(job_id=job_id, message=_(text))


@shared_task(
    bind=True,
    name="reports.render_report",
    # Rendering is idempotent (the file is simply written again), so a job whose worker died
    # is delivered again rather than lost.
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=services.TRANSIENT_ERRORS,
    retry_backoff=5,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=HARD_TIME_LIMIT,
)
def render_report(self, job_id: int) -> None:
    """Render the report of job `job_id` and store the PDF on the job."""
    try:
        services.report_job_run(job_id=job_id)
    except SoftTimeLimitExceeded:
        logger.warning("report job %s hit the soft time limit", job_id)
        _fail_with(job_id, TOO_SLOW)
    except services.TRANSIENT_ERRORS:
        if self.request.retries >= MAX_RETRIES:
            logger.exception("report job %s failed after %s retries", job_id, MAX_RETRIES)
            _fail_with(job_id, DATABASE_AWAY)
            return
        raise


@shared_task(name="reports.sweep_stale_jobs", acks_late=True, soft_time_limit=60, time_limit=90)
def sweep_stale_jobs() -> int:
    """Mark jobs stuck in queued/running as failed, so no job says "running" for ever."""
    return services.report_jobs_sweep(running_for=STALE_RUNNING, queued_for=STALE_QUEUED)


@shared_task(
    name="reports.queue_annual_reports", acks_late=True, soft_time_limit=120, time_limit=180
)
def queue_annual_reports(year: int | None = None) -> int:
    """Queue last year's annual evaluation for every centre (run by Celery beat in January)."""
    year = year or timezone.localdate().year - 1
    return len(services.report_queue_annual_for_all_centres(year=year))
