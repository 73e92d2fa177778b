"""Background jobs of the grant round. Tasks take ids and call services."""

from celery import shared_task

from core import jobs

from . import services
from .models import GrantApplication


@shared_task(
    name="centreyear.make_grant_application",
    # Idempotent (a finished job is left alone), so a job whose worker died is delivered again.
    **jobs.task_options(soft_time_limit=120, time_limit=GrantApplication.time_limit),
)
def make_grant_application(self, job_id: int) -> None:
    """Make the application summary (PDF and CSV) of job `job_id`."""
    services.grant_application_run(job_id=job_id, may_retry=self.request.retries < jobs.MAX_RETRIES)
