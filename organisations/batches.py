"""Writes of the import batch: an upload kept in storage, checked and then imported by one job.

The browser, `manage.py import_organisations` and the worker (organisations.tasks) all call
these services; the state the user sees lives in ImportBatch, not in Celery or the session.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import jobs
from core.models import Centre
from core.permissions import Access, access_for_user, check_coordinate

from . import importing
from .models import ImportBatch

logger = logging.getLogger(__name__)

PREVIEW_ROWS = 200  # rows shown in the preview; the rest are counted
MAX_STORED_ERRORS = 1_000  # cell errors kept on the batch; the rest are counted
MAX_STORED_FLAGGED = 500


# Seconds of reading and checking a file may take in one run: below the task's soft time limit
# (organisations.tasks), so a hostile file is refused with a message, not killed.
READ_SECONDS = 100
HEADER_READ_SECONDS = 10  # the upload's first look at the header, in the web request


def _queue(batch: ImportBatch) -> None:
    jobs.job_queue(batch, raise_if_down=False)


def _actor_of(batch: ImportBatch) -> Access:
    """Who the import runs for: the Access of the user who uploaded the file (so the trail
    names them, and the import writes what they may write), or the system for a batch that a
    command or the bench made."""
    if batch.created_by is None:
        return Access.system()
    return access_for_user(batch.created_by)


def _task_id(batch: ImportBatch) -> str:
    return f"import-{uuid.uuid4().hex[:16]}"


@transaction.atomic
def import_batch_create(
    *,
    actor: Access,
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
    check_coordinate(actor, centre.pk)
    kind = importing.source_format(filename)
    if kind is None:
        raise importing.ImportFileError(
            _("The file must be a CSV file (.csv or .csv.gz) or an Excel workbook (.xlsx).")
        )
    municipalities = [m.strip() for m in municipalities if m.strip()]
    path = importing.upload_store(centre_id=centre.pk, filename=filename, content=file)
    opener = importing.upload_opener(path)
    if opener is None:  # the store lost the file it was just given
        raise importing.ImportFileError(_("The file could not be stored. Please try again."))
    try:
        with importing.open_table(
            opener,
            filename,
            municipalities=municipalities,
            only_registered=only_registered,
            deadline=time.monotonic() + HEADER_READ_SECONDS,
        ) as table:
            columns_imported, columns_ignored = table.columns_imported, table.columns_ignored
    except importing.ImportFileError:
        importing.upload_discard(path)
        raise
    with opener() as handle:
        size = handle.size if hasattr(handle, "size") else 0
    batch = ImportBatch(
        centre=centre,
        created_by_id=actor.user_id,
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
    *, actor: Access, batch: ImportBatch, good_rows_only: bool, queue: bool = True
) -> ImportBatch:
    """Queue the import of a checked batch. With rows in error only the good rows can be chosen."""
    check_coordinate(actor, batch.centre_id)
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
    batch.attempts = 0  # the import's own runs, counted afresh after the check's
    batch.queued_at = timezone.now()
    batch.task_id = _task_id(batch)
    batch.save(
        update_fields=[
            "confirmed",
            "good_rows_only",
            "status",
            "progress",
            "attempts",
            "queued_at",
            "task_id",
        ]
    )
    if queue:
        transaction.on_commit(lambda: _queue(batch))
    return batch


def import_batch_fail(*, batch_id: int, message: str) -> ImportBatch | None:
    """Mark a batch failed with a message the user can act on (also a checked batch that will
    not be imported); its file is deleted."""
    batch = ImportBatch.objects.system().filter(pk=batch_id).first()
    if batch is None:
        return None
    active_or_checked = (*jobs.ACTIVE_STATUSES, ImportBatch.Status.CHECKED)
    jobs.job_fail(batch, message, statuses=active_or_checked)
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
        ImportBatch.objects.system().filter(
            pk=batch.pk, status=ImportBatch.Status.RUNNING, attempts=batch.attempts
        ).update(rows_scanned=scanned, progress=percent)

    return report


def import_batch_run(*, batch_id: int, may_retry: bool = False) -> ImportBatch | None:
    """Check the batch's file (first run) or import it (after confirmation), every step inside
    the job kernel's failure handling (core.jobs.job_run). Idempotent: a batch that is no
    longer queued or running is left as it is."""
    return jobs.job_run(ImportBatch, batch_id, _run, may_retry=may_retry)


def _run(batch: ImportBatch) -> None:
    batch = ImportBatch.objects.system().select_related("centre", "created_by").get(pk=batch.pk)
    try:
        opener = importing.upload_opener(batch.file_path)
    except Exception as exc:
        raise jobs.JobFailed(
            _("The uploaded file could not be read from storage (%(reason)s). Please try again.")
            % {"reason": str(exc) or type(exc).__name__}
        ) from exc
    if opener is None:
        raise jobs.JobFailed(_("The uploaded file has expired. Please upload it again."))
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
            deadline=time.monotonic() + READ_SECONDS,
        ) as table:
            checked = importing.check_rows(table.rows(), centre=batch.centre, labels=table.labels)
            counts: dict[str, Any] = {
                "rows_scanned": table.scanned,
                "rows_filtered_out": table.filtered_out,
                "columns_imported": table.columns_imported,
                "columns_ignored": table.columns_ignored,
            }
    except importing.ImportFileError as exc:
        raise jobs.JobFailed(str(exc)) from exc
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
    )
    if not batch.confirmed:
        jobs.job_finish(batch, status=ImportBatch.Status.CHECKED, **counts)
        return
    if counts["rows_bad"] and not batch.good_rows_only:
        ImportBatch.objects.system().filter(pk=batch.pk).update(**counts)
        raise jobs.JobFailed(_("The file has errors. Nothing was imported."))
    with transaction.atomic():
        try:
            result = importing.import_rows(
                checked,
                actor=_actor_of(batch),
                centre=batch.centre,
                good_rows_only=batch.good_rows_only,
            )
        except jobs.TRANSIENT_ERRORS:
            raise  # the import is one transaction: nothing was saved, so it is tried again
        except ValidationError as exc:
            raise jobs.JobFailed(
                _("The associations could not be saved (%(reason)s). Nothing was imported.")
                % {"reason": " ".join(exc.messages)}
            ) from exc
        except Exception as exc:
            logger.exception("import batch %s: the associations could not be saved", batch.pk)
            raise jobs.JobFailed(
                _("The associations could not be saved (%(reason)s). Nothing was imported.")
                % {"reason": str(exc) or type(exc).__name__}
            ) from exc
        finished = jobs.job_finish(
            batch,
            created_count=result.created,
            updated_count=result.updated,
            skipped_count=result.skipped,
            created_ids=result.created_ids,
            updated_ids=result.updated_ids,
            **counts,
        )
        if not finished:  # swept or taken over meanwhile: that run imports, not this one
            transaction.set_rollback(True)
            return
    importing.upload_discard(batch.file_path)


def _preview(row: importing.CheckedRow) -> dict[str, Any]:
    return {
        "row": row.number,
        "name": row.values.get("name", ""),
        "organisation_number": row.values.get("organisation_number", ""),
        "ok": row.ok,
        "update": row.existing is not None,
        "flags": row.flags,
    }
