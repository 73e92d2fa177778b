"""Background jobs of the reports app. Tasks take ids and call services."""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

from core import jobs

from . import services
from .models import ReportJob

logger = logging.getLogger(__name__)

SOFT_TIME_LIMIT = 120
HARD_TIME_LIMIT = ReportJob.time_limit
MAX_RETRIES = jobs.MAX_RETRIES


@shared_task(
    name="reports.render_report",
    # Rendering is idempotent (a finished job is left alone, the file is simply written again),
    # so a job whose worker died is delivered again rather than lost (core.jobs).
    **jobs.task_options(soft_time_limit=SOFT_TIME_LIMIT, time_limit=HARD_TIME_LIMIT),
)
def render_report(self, job_id: int) -> None:
    """Render the report of job `job_id` and store the PDF on the job."""
    may_retry = self.request.retries < MAX_RETRIES
    services.report_job_run(job_id=job_id, may_retry=may_retry)


@shared_task(
    name="reports.queue_annual_reports", acks_late=True, soft_time_limit=120, time_limit=180
)
def queue_annual_reports(year: int | None = None) -> int:
    """Queue last year's annual evaluation for every centre (run by Celery beat in January)."""
    year = year or timezone.localdate().year - 1
    return len(services.report_queue_annual_for_all_centres(year=year))


@shared_task(name="reports.purge_old_reports", soft_time_limit=240, time_limit=300)
def purge_old_reports() -> int:
    """Delete finished report PDFs (and their jobs) older than REPORT_RETENTION_YEARS."""
    return services.reports_purge(now=timezone.now())
