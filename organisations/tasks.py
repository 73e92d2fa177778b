from celery import shared_task


@shared_task(name="organisations.purge_stale_imports", soft_time_limit=300, time_limit=360)
def purge_stale_imports() -> int:
    """Delete uploaded import files nobody confirmed within a day (they hold contact data)."""
    from .importing import uploads_purge

    return uploads_purge()
