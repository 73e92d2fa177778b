"""Writes of the reports app: requesting, running, failing and deleting report jobs, and
saving narratives."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from kombu.exceptions import OperationalError as BrokerOperationalError

from core.audit import log_action, log_change, snapshot
from core.concurrency import claim_version
from core.models import Centre, User

from .figures import ReportError
from .models import Narrative, ReportJob, ReportKind
from .rendering import ReportParams, render_pdf

logger = logging.getLogger(__name__)


# Errors worth another try: the database or broker was briefly away.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    ConnectionError,
    TimeoutError,
)


# Errors of the broker (Redis) when a job is published: it is down or unreachable.
BROKER_ERRORS: tuple[type[BaseException], ...] = (BrokerOperationalError, ConnectionError, OSError)
try:
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError
except ImportError:  # pragma: no cover - redis is installed with celery[redis]
    pass
else:
    BROKER_ERRORS += (RedisConnectionError, RedisTimeoutError)

QUEUE_DOWN = gettext_noop(
    "The report could not be queued because the report queue was not available. "
    "Please request the report again in a few minutes."
)


class ReportQueueUnavailable(Exception):
    """The broker did not accept the job; the job has been marked failed."""


def params_hash(
    *, centre_id: int, kind: str, year: int, project_id: int | None, language: str
) -> str:
    key = f"{centre_id}|{kind}|{year}|{project_id or ''}|{language}"
    return hashlib.sha256(key.encode()).hexdigest()


def _queue(job: ReportJob) -> None:
    """Publish the job. If the broker is away the job is marked failed at once (never left
    "queued" for ever) and ReportQueueUnavailable tells the caller to say so."""
    from .tasks import render_report

    try:
        render_report.apply_async(args=(job.pk,), task_id=job.task_id)
    except BROKER_ERRORS as exc:
        logger.warning("report job %s could not be queued: %s", job.pk, exc)
        with translation.override(job.language):
            report_job_fail(job_id=job.pk, message=_(QUEUE_DOWN))
        raise ReportQueueUnavailable from exc


@transaction.atomic
def report_request(
    *,
    actor: User | None,
    centre: Centre,
    kind: str,
    year: int,
    project: Any = None,
    language: str = "nb",
) -> tuple[ReportJob, bool]:
    """Queue a report, or return the job already queued or running with the same parameters.

    Returns (job, created). The task is queued when the transaction commits, so the worker
    always finds the row; if the broker refuses it, the job is marked failed and
    ReportQueueUnavailable is raised once the transaction has committed.
    """
    if project is not None and project.centre_id != centre.pk:
        raise ValidationError({"project": _("The project belongs to another centre.")})
    digest = params_hash(
        centre_id=centre.pk,
        kind=kind,
        year=year,
        project_id=project.pk if project else None,
        language=language,
    )
    existing = ReportJob.objects.for_centre(centre).active().filter(params_hash=digest).first()
    if existing is not None:
        return existing, False
    job = ReportJob(
        centre=centre,
        kind=kind,
        year=year,
        project=project,
        language=language,
        requested_by=actor,
        params_hash=digest,
        task_id=f"report-{digest[:16]}-{timezone.now():%Y%m%d%H%M%S%f}",
    )
    if kind == ReportKind.FINAL and project is None:
        raise ValidationError({"project": _("A final report needs a project.")})
    job.full_clean()
    try:
        # A savepoint, so a lost race on the unique constraint leaves the transaction usable.
        with transaction.atomic():
            job.save()
    except IntegrityError:
        existing = ReportJob.objects.for_centre(centre).active().filter(params_hash=digest).first()
        if existing is None:
            raise
        return existing, False
    log_action(
        actor=actor,
        action="report.requested",
        obj=job,
        data={"kind": kind, "year": year, "project": project.pk if project else None},
    )
    transaction.on_commit(lambda: _queue(job))
    return job, True


def report_delete(*, actor: User, job: ReportJob) -> None:
    """Delete a report and its file (the file goes once the deletion is committed)."""
    job_id = job.pk
    with transaction.atomic():
        file_name = job.file.name if job.file else ""
        storage = job.file.storage
        log_action(
            actor=actor,
            action="report.deleted",
            obj=job,
            data={"kind": job.kind, "year": job.year, "project": job.project_id},
        )
        job.delete()
        if file_name:
            transaction.on_commit(lambda: storage.delete(file_name))
    logger.info("report %s deleted by user %s", job_id, actor.pk)


def _set_progress(job_id: int, value: int) -> None:
    ReportJob.objects.filter(pk=job_id, status=ReportJob.Status.RUNNING).update(progress=value)


def report_job_run(*, job_id: int) -> ReportJob | None:
    """Render the job's PDF and store it. Idempotent: a redelivered job is simply rendered again.

    A report that cannot be made is marked failed with a message for the user; transient errors
    (the database went away) are raised so the task retries.
    """
    job = (
        ReportJob.objects.select_related("centre__municipality", "project")
        .filter(pk=job_id)
        .first()
    )
    if job is None or job.status not in ReportJob.ACTIVE_STATUSES:
        return job  # deleted, or already finished by an earlier delivery
    ReportJob.objects.filter(pk=job.pk).update(
        status=ReportJob.Status.RUNNING, started_at=timezone.now(), progress=10, error=""
    )
    if delay := getattr(settings, "REPORTS_TEST_RENDER_DELAY", 0):
        time.sleep(delay)  # only the fault tests set this (frivillig/settings_test.py)
    params = ReportParams(
        centre=job.centre,
        kind=job.kind,
        year=job.year,
        project=job.project,
        language=job.language,
    )
    try:
        pdf = render_pdf(params, progress=lambda value: _set_progress(job.pk, value))
    except TRANSIENT_ERRORS:
        raise
    except ReportError as exc:
        return report_job_fail(job_id=job.pk, message=str(exc))
    except Exception:
        logger.exception("report job %s failed", job.pk)
        with translation.override(job.language):
            message = _(
                "The report could not be made because of an error in the program. "
                "The error has been logged; please try again later or contact support "
                "(report number %(number)s)."
            ) % {"number": job.pk}
        return report_job_fail(job_id=job.pk, message=message)
    return _report_job_store(job, pdf)


@transaction.atomic
def _report_job_store(job: ReportJob, pdf: bytes) -> ReportJob | None:
    # Lock the row: the job may have been deleted or swept while it rendered.
    current = ReportJob.objects.select_for_update().filter(pk=job.pk).first()
    if current is None:
        return None
    if current.file:
        current.file.delete(save=False)
    current.file.save(job.download_name, ContentFile(pdf), save=False)
    log_action(actor=None, action="report.rendered", obj=current, data={"bytes": len(pdf)})
    current.size = len(pdf)
    current.status = ReportJob.Status.DONE
    current.progress = 100
    current.finished_at = timezone.now()
    current.error = ""
    current.save(update_fields=["file", "size", "status", "progress", "finished_at", "error"])
    return current


def report_job_fail(*, job_id: int, message: str) -> ReportJob | None:
    """Mark a job failed with a message the user can act on."""
    # The job's own bookkeeping, also after a request's commit (the broker refused it).
    jobs = ReportJob.objects.system().filter(pk=job_id)
    jobs.exclude(status=ReportJob.Status.DONE).update(
        status=ReportJob.Status.FAILED, finished_at=timezone.now(), error=message
    )
    return jobs.first()


def report_jobs_sweep(*, running_for: dt.timedelta, queued_for: dt.timedelta) -> int:
    """Fail jobs left running or queued too long (a worker died, a message was lost)."""
    now = timezone.now()
    stale = ReportJob.objects.filter(
        status=ReportJob.Status.RUNNING, started_at__lt=now - running_for
    ) | ReportJob.objects.filter(status=ReportJob.Status.QUEUED, queued_at__lt=now - queued_for)
    count = 0
    for job in stale.only("pk", "language"):
        with translation.override(job.language):
            message = _(
                "The report was not finished: the job stopped without an answer (the server "
                "may have restarted). Please request the report again."
            )
        count += ReportJob.objects.filter(pk=job.pk, status__in=ReportJob.ACTIVE_STATUSES).update(
            status=ReportJob.Status.FAILED, finished_at=now, error=message
        )
    return count


def report_queue_annual_for_all_centres(*, year: int) -> list[ReportJob]:
    """Queue the annual evaluation of `year` for every centre (Celery beat, in January)."""
    from .figures import all_centres

    jobs = []
    for centre in all_centres():
        try:
            job, _created = report_request(
                actor=None, centre=centre, kind=ReportKind.ANNUAL, year=year, language="nb"
            )
        except ReportQueueUnavailable:
            continue  # marked failed; the other centres are still tried
        jobs.append(job)
    return jobs


@transaction.atomic
def narrative_save(
    *,
    actor: User,
    centre: Centre,
    kind: str,
    year: int,
    project: Any = None,
    texts: dict[str, str],
    is_draft: bool = True,
    expected_version: int | None = None,
) -> Narrative:
    """Save the coordinator's narrative of a report (a draft until marked final). With
    `expected_version` a save over somebody else's newer save raises EditConflict."""
    if project is not None and project.centre_id != centre.pk:
        raise ValidationError({"project": _("The project belongs to another centre.")})
    if kind == ReportKind.FINAL:
        if project is None:
            raise ValidationError({"project": _("A final report needs a project.")})
        year = 0
    narrative = (
        Narrative.objects.for_centre(centre).filter(kind=kind, year=year, project=project).first()
    )
    if narrative is None:
        narrative = Narrative(centre=centre, kind=kind, year=year, project=project)
        before = None
    else:
        before = snapshot(narrative)
        claim_version(narrative, expected_version)
    for name in Narrative.section_names(kind):
        setattr(narrative, name, (texts.get(name) or "").strip())
    narrative.is_draft = is_draft
    narrative.updated_by = actor
    narrative.full_clean(validate_constraints=False)
    narrative.save()
    log_change(
        actor=actor,
        action="narrative.created" if before is None else "narrative.updated",
        obj=narrative,
        before=before,
    )
    return narrative
