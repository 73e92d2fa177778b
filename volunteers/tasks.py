"""Background jobs of the volunteers app."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="volunteers.review_inactive", soft_time_limit=240, time_limit=300)
def review_inactive() -> int:
    """Monthly: record per centre how many volunteers are due for review after
    VOLUNTEER_INACTIVE_MONTHS without hours, task or change (the coordinator's list of them
    asks, pauses or erases). Returns how many are due in all."""
    from .services import inactive_review_record

    return inactive_review_record()
