"""Background jobs of the registry. Tasks take ids and call services."""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Below Redis's visibility timeout (3600 s): the national file filtered takes about a minute.
IMPORT_SOFT_TIME_LIMIT = 900
IMPORT_HARD_TIME_LIMIT = 960
STALE_RUNNING = dt.timedelta(seconds=IMPORT_HARD_TIME_LIMIT + 300)
STALE_QUEUED = dt.timedelta(hours=2)


@shared_task(name="organisations.purge_stale_imports", soft_time_limit=300, time_limit=360)
def purge_stale_imports() -> int:
    """Delete uploaded import files nobody confirmed within a day (they hold contact data)."""
    from .importing import uploads_purge

    return uploads_purge()


@shared_task(
    name="organisations.run_import_batch",
    soft_time_limit=IMPORT_SOFT_TIME_LIMIT,
    time_limit=IMPORT_HARD_TIME_LIMIT,
)
def run_import_batch(batch_id: int) -> None:
    """Check or import the batch `batch_id` (organisations.batches.import_batch_run)."""
    from . import batches
    from .models import ImportBatch

    try:
        batches.import_batch_run(batch_id=batch_id)
    except SoftTimeLimitExceeded:
        batch = ImportBatch.objects.system().filter(pk=batch_id).only("language").first()
        if batch is not None:
            with translation.override(batch.language):
                batches.import_batch_fail(
                    batch_id=batch_id,
                    message=_("The import took too long and was stopped. Split the file."),
                )


@shared_task(name="organisations.sweep_stale_import_batches", soft_time_limit=60, time_limit=90)
def sweep_stale_import_batches() -> int:
    """Mark import batches stuck in queued/running as failed."""
    from .batches import import_batches_sweep

    return import_batches_sweep(running_for=STALE_RUNNING, queued_for=STALE_QUEUED)


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
