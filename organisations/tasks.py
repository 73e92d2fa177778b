"""Background jobs of the registry. Tasks take ids and call services."""

from __future__ import annotations

import logging

from celery import shared_task

from core import jobs

logger = logging.getLogger(__name__)

# An upload gets at most two minutes of work: the reading stops itself before the soft limit
# (organisations.batches.READ_SECONDS), the soft limit stops the rest (core.jobs).
IMPORT_SOFT_TIME_LIMIT = 120
IMPORT_HARD_TIME_LIMIT = 150


@shared_task(name="organisations.purge_stale_imports", soft_time_limit=300, time_limit=360)
def purge_stale_imports() -> int:
    """Delete uploaded import files nobody confirmed within a day (they hold contact data)."""
    from .importing import uploads_purge

    return uploads_purge()


@shared_task(
    name="organisations.run_import_batch",
    # Idempotent (a batch that has finished is left alone; the import is one transaction), so
    # a batch whose worker died is delivered again rather than lost.
    **jobs.task_options(soft_time_limit=IMPORT_SOFT_TIME_LIMIT, time_limit=IMPORT_HARD_TIME_LIMIT),
)
def run_import_batch(self, batch_id: int) -> None:
    """Check or import the batch `batch_id` (organisations.batches.import_batch_run)."""
    from . import batches

    batches.import_batch_run(batch_id=batch_id, may_retry=self.request.retries < jobs.MAX_RETRIES)


@shared_task(name="organisations.sync_registers", soft_time_limit=1800, time_limit=1900)
def sync_registers() -> int:
    """Read the register's change feed since the last run and propose the changes. When the
    register cannot be reached the marker stays, and the next run reads the same changes."""
    from .registers import RegisterError
    from .services import register_sync

    try:
        return register_sync()
    except RegisterError as exc:
        logger.warning("the register's change feed could not be read: %s", exc)
        return 0
