"""Writes of the import batch: an upload kept in storage, checked and then imported by one job.

The browser, `manage.py import_organisations` and the worker (organisations.tasks) all call
these services; the state the user sees lives in ImportBatch, not in Celery or the session.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.models import Centre, User
from reports.services import BROKER_ERRORS, TRANSIENT_ERRORS

from . import importing
from .models import ImportBatch

logger = logging.getLogger(__name__)

PREVIEW_ROWS = 200  # rows shown in the preview; the rest are counted
MAX_STORED_ERRORS = 1_000  # cell errors kept on the batch; the rest are counted
MAX_STORED_FLAGGED = 500


def _queue(batch: ImportBatch) -> None:
    from .tasks import run_import_batch

    try:
        run_import_batch.apply_async(args=(batch.pk,), task_id=batch.task_id)
    except BROKER_ERRORS as exc:
        logger.warning("import batch %s could not be queued: %s", batch.pk, exc)
        with translation.override(batch.language):
            import_batch_fail(
                batch_id=batch.pk,
                message=_(
                    "The import could not be started because the job queue was not available. "
                    "Please try again in a few minutes."
                ),
            )


def _task_id(batch: ImportBatch) -> str:
    return f"import-{uuid.uuid4().hex[:16]}"


@transaction.atomic
def import_batch_create(
    *,
    actor: User | None,
    centre: Centre,
    filename: str,
    file: Any,
    municipalities: Iterable[str] = (),
    only_registered: bool = False,
    language: str = "nb",
    queue: bool = True,
) -> ImportBatch:
    """Store an uploaded file and queue its check. The header is read at once, so a file that
    cannot be read at all is refused here (ImportFileError) and nothing is kept."""
    kind = importing.source_format(filename)
    if kind is None:
        raise importing.ImportFileError(
            _("The file must be a CSV file (.csv or .csv.gz) or an Excel workbook (.xlsx).")
        )
    municipalities = [m.strip() for m in municipalities if m.strip()]
    path = importing.upload_store(centre_id=centre.pk, filename=filename, content=file)
    opener = importing.upload_opener(path)
    assert opener is not None  # stored just now
    try:
        with importing.open_table(
            opener, filename, municipalities=municipalities, only_registered=only_registered
        ) as table:
            columns_imported, columns_ignored = table.columns_imported, table.columns_ignored
    except importing.ImportFileError:
        importing.upload_discard(path)
        raise
    with opener() as handle:
        size = handle.size if hasattr(handle, "size") else 0
    batch = ImportBatch(
        centre=centre,
        created_by=actor,
        filename=filename[-200:],
        file_path=path,
        file_size=size or 0,
        source_format=kind,
        municipality_numbers=",".join(municipalities),
        only_registered=only_registered,
        columns_imported=columns_imported,
        columns_ignored=columns_ignored,
        language=language,
        queued_at=timezone.now(),
    )
    batch.task_id = _task_id(batch)
    batch.full_clean()
    batch.save()
    if queue:
        transaction.on_commit(lambda: _queue(batch))
    return batch


@transaction.atomic
def import_batch_confirm(
    *, actor: User | None, batch: ImportBatch, good_rows_only: bool, queue: bool = True
) -> ImportBatch:
    """Queue the import of a checked batch. With rows in error only the good rows can be chosen."""
    batch = ImportBatch.objects.for_centre(batch.centre_id).select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.CHECKED:
        raise ValidationError(_("This file has already been imported or is being imported."))
    if batch.rows_bad and not good_rows_only:
        raise ValidationError(_("The file has errors. Nothing was imported."))
    if importing.upload_opener(batch.file_path) is None:
        raise ValidationError(_("The uploaded file has expired. Please upload it again."))
    batch.confirmed = True
    batch.good_rows_only = good_rows_only
    batch.status = ImportBatch.Status.QUEUED
    batch.progress = 0
    batch.queued_at = timezone.now()
    batch.task_id = _task_id(batch)
    batch.save(
        update_fields=["confirmed", "good_rows_only", "status", "progress", "queued_at", "task_id"]
    )
    if queue:
        transaction.on_commit(lambda: _queue(batch))
    return batch


def import_batch_fail(*, batch_id: int, message: str) -> ImportBatch | None:
    """Mark a batch failed with a message the user can act on; its file is deleted."""
    batch = ImportBatch.objects.system().filter(pk=batch_id).first()
    if batch is None:
        return None
    ImportBatch.objects.system().filter(pk=batch_id).exclude(status=ImportBatch.Status.DONE).update(
        status=ImportBatch.Status.FAILED, finished_at=timezone.now(), message=message
    )
    importing.upload_discard(batch.file_path)
    batch.refresh_from_db()
    return batch


def _progress_callback(batch: ImportBatch, handles: list):
    def report(scanned: int) -> None:
        percent = 0
        if handles and batch.file_size and batch.source_format != ImportBatch.Format.XLSX:
            try:
                percent = min(99, int(handles[-1].tell() * 100 / batch.file_size))
            except (OSError, ValueError):
                percent = 0
        ImportBatch.objects.for_centre(batch.centre_id).filter(pk=batch.pk).update(
            rows_scanned=scanned, progress=percent
        )

    return report


def import_batch_run(*, batch_id: int) -> ImportBatch | None:
    """Check the batch's file (first run) or import it (after confirmation). Idempotent: a
    batch that is no longer queued or running is left as it is."""
    batch = (
        ImportBatch.objects.system()
        .select_related("centre", "created_by")
        .filter(pk=batch_id)
        .first()
    )
    if batch is None or batch.status not in ImportBatch.ACTIVE_STATUSES:
        return batch
    ImportBatch.objects.for_centre(batch.centre_id).filter(pk=batch.pk).update(
        status=ImportBatch.Status.RUNNING, started_at=timezone.now(), progress=0, message=""
    )
    with translation.override(batch.language):
        return _run(batch)


def _run(batch: ImportBatch) -> ImportBatch | None:
    opener = importing.upload_opener(batch.file_path)
    if opener is None:
        return import_batch_fail(
            batch_id=batch.pk,
            message=_("The uploaded file has expired. Please upload it again."),
        )
    handles: list = []

    def tracked_opener():
        handle = opener()
        handles.append(handle)
        return handle

    try:
        with importing.open_table(
            tracked_opener,
            batch.filename,
            municipalities=batch.municipality_number_list,
            only_registered=batch.only_registered,
            progress=_progress_callback(batch, handles),
        ) as table:
            checked = importing.check_rows(table.rows(), centre=batch.centre, labels=table.labels)
            counts = {
                "rows_scanned": table.scanned,
                "rows_filtered_out": table.filtered_out,
                "columns_imported": table.columns_imported,
                "columns_ignored": table.columns_ignored,
            }
    except importing.ImportFileError as exc:
        return import_batch_fail(batch_id=batch.pk, message=str(exc))
    except TRANSIENT_ERRORS:
        raise
    except Exception:
        logger.exception("import batch %s failed", batch.pk)
        return import_batch_fail(
            batch_id=batch.pk,
            message=_(
                "The file could not be imported because of an error in the program. The error "
                "has been logged; please try again later or contact support (import number "
                "%(number)s)."
            )
            % {"number": batch.pk},
        )
    errors = [[e.row, e.column, e.reason] for row in checked for e in row.errors]
    flagged = [row for row in checked if row.flags]
    counts.update(
        rows_total=len(checked),
        rows_good=sum(1 for row in checked if row.ok),
        rows_bad=sum(1 for row in checked if not row.ok),
        error_count=len(errors),
        errors=errors[:MAX_STORED_ERRORS],
        preview=[_preview(row) for row in checked[:PREVIEW_ROWS]],
        flagged=[_preview(row) for row in flagged[:MAX_STORED_FLAGGED]],
        progress=100,
        finished_at=timezone.now(),
    )
    if not batch.confirmed:
        ImportBatch.objects.for_centre(batch.centre_id).filter(pk=batch.pk).update(
            status=ImportBatch.Status.CHECKED, **counts
        )
        return ImportBatch.objects.for_centre(batch.centre_id).get(pk=batch.pk)
    if counts["rows_bad"] and not batch.good_rows_only:
        ImportBatch.objects.for_centre(batch.centre_id).filter(pk=batch.pk).update(**counts)
        return import_batch_fail(
            batch_id=batch.pk, message=_("The file has errors. Nothing was imported.")
        )
    result = importing.import_rows(
        checked,
        actor=batch.created_by,
        centre=batch.centre,
        good_rows_only=batch.good_rows_only,
    )
    ImportBatch.objects.for_centre(batch.centre_id).filter(pk=batch.pk).update(
        status=ImportBatch.Status.DONE,
        created_count=result.created,
        updated_count=result.updated,
        skipped_count=result.skipped,
        created_ids=result.created_ids,
        updated_ids=result.updated_ids,
        **counts,
    )
    importing.upload_discard(batch.file_path)
    return ImportBatch.objects.for_centre(batch.centre_id).get(pk=batch.pk)


def _preview(row: importing.CheckedRow) -> dict[str, Any]:
    return {
        "row": row.number,
        "name": row.values.get("name", ""),
        "organisation_number": row.values.get("organisation_number", ""),
        "ok": row.ok,
        "update": row.existing is not None,
        "flags": row.flags,
    }


def import_batches_sweep(*, running_for: dt.timedelta, queued_for: dt.timedelta) -> int:
    """Fail batches left running or queued too long (a worker died, a message was lost)."""
    now = timezone.now()
    stale = ImportBatch.objects.system().filter(
        status=ImportBatch.Status.RUNNING, started_at__lt=now - running_for
    ) | ImportBatch.objects.system().filter(
        status=ImportBatch.Status.QUEUED, queued_at__lt=now - queued_for
    )
    count = 0
    for batch in stale.only("pk", "language", "file_path"):
        with translation.override(batch.language):
            message = _(
                "The import stopped without an answer (the server may have restarted). "
                "Please upload the file again."
            )
        count += (
            ImportBatch.objects.system()
            .filter(pk=batch.pk, status__in=ImportBatch.ACTIVE_STATUSES)
            .update(status=ImportBatch.Status.FAILED, finished_at=now, message=message)
        )
        importing.upload_discard(batch.file_path)
    return count
