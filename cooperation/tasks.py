"""Background jobs of the cooperation app. Tasks take ids and call services."""

from __future__ import annotations

from celery import shared_task

from core import jobs

from . import services
from .models import BookletJob

SOFT_TIME_LIMIT = 120
HARD_TIME_LIMIT = BookletJob.time_limit


@shared_task(
    name="cooperation.render_booklet",
    # Rendering is idempotent (a finished job is left alone), so a job whose worker died is
    # delivered again rather than lost (core.jobs).
    **jobs.task_options(soft_time_limit=SOFT_TIME_LIMIT, time_limit=HARD_TIME_LIMIT),
)
def render_booklet(self, job_id: int) -> None:
    """Render the story booklet of job `job_id` and store the PDF on the job."""
    services.booklet_job_run(job_id=job_id, may_retry=self.request.retries < jobs.MAX_RETRIES)
