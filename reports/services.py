"""Writes of the reports app: requesting, running, failing and deleting report jobs, and
saving narratives."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import jobs
from core.audit import log_action, log_change, snapshot
from core.concurrency import claim_version
from core.models import Centre, User
from core.permissions import Access, check_change, check_coordinate, user_of

from .figures import ReportError
from .models import Narrative, ReportJob, ReportKind
from .rendering import ReportParams, render_pdf

logger = logging.getLogger(__name__)


# The broker refused the job (core.jobs.job_queue); the job has been marked failed.
ReportQueueUnavailable = jobs.JobQueueUnavailable


def params_hash(
    *, centre_id: int, kind: str, year: int, project_id: int | None, language: str
) -> str:
    key = f"{centre_id}|{kind}|{year}|{project_id or ''}|{language}"
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def report_request(
    *,
    actor: Access,
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
    check_coordinate(actor, centre.pk)
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
        requested_by_id=actor.user_id,
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
    transaction.on_commit(lambda: jobs.job_queue(job))
    return job, True


def report_delete(*, actor: Access, job: ReportJob) -> None:
    """Delete a report and its file (the file goes once the deletion is committed)."""
    check_change(actor, job)
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
    logger.info("report %s deleted by %s", job_id, actor)


def report_job_run(*, job_id: int, may_retry: bool = False) -> ReportJob | None:
    """Render the job's PDF and store it, every step inside the job kernel's failure handling
    (core.jobs.job_run): a report that cannot be made, or made but not stored, is failed with
    its reason. Idempotent: a redelivered job that has finished does nothing."""
    return jobs.job_run(ReportJob, job_id, _render_and_store, may_retry=may_retry)


def _render_and_store(job: ReportJob) -> None:
    job = (
        ReportJob.objects.system().select_related("centre__municipality", "project").get(pk=job.pk)
    )
    jobs.job_progress(job, 10)
    params = ReportParams(
        centre=job.centre,
        kind=job.kind,
        year=job.year,
        project=job.project,
        language=job.language,
    )
    try:
        pdf = render_pdf(params, progress=lambda value: jobs.job_progress(job, value))
    except ReportError as exc:
        raise jobs.JobFailed(str(exc)) from exc
    _report_job_store(job, pdf)


@transaction.atomic
def _report_job_store(job: ReportJob, pdf: bytes) -> None:
    # Lock the row: the job may have been deleted, swept or taken over while it rendered.
    current = ReportJob.objects.system().select_for_update().filter(pk=job.pk).first()
    if current is None or (current.status, current.attempts) != ("running", job.attempts):
        return  # this run's PDF is not wanted any more
    old_name = current.file.name if current.file else ""
    try:
        current.file.save(job.download_name, ContentFile(pdf), save=False)
    except Exception as exc:
        logger.exception("report job %s: the PDF could not be stored", job.pk)
        raise jobs.JobFailed(
            _(
                "The report was made, but the file could not be stored (%(reason)s). "
                "Please try again later; if it happens again, contact support."
            )
            % {"reason": str(exc) or type(exc).__name__}
        ) from exc
    if old_name and old_name != current.file.name:
        storage, name = current.file.storage, old_name
        transaction.on_commit(lambda: storage.delete(name))
    log_action(actor=None, action="report.rendered", obj=current, data={"bytes": len(pdf)})
    jobs.job_finish(current, file=current.file.name, size=len(pdf))


def report_job_fail(*, job_id: int, message: str) -> ReportJob | None:
    """Mark a job failed with a message the user can act on."""
    job = ReportJob.objects.system().filter(pk=job_id).first()
    if job is not None:
        jobs.job_fail(job, message)
    return job


def report_queue_annual_for_all_centres(*, year: int) -> list[ReportJob]:
    """Queue the annual evaluation of `year` for every centre (Celery beat, in January), once:
    a centre whose annual evaluation of the year has been made or asked for already (done,
    being made, or failed, which the municipality then sees as failed) is left alone."""
    from .figures import all_centres

    centres = list(all_centres())
    already = set(
        ReportJob.objects.for_centres(centres)
        .filter(kind=ReportKind.ANNUAL, year=year, project__isnull=True)
        .values_list("centre_id", flat=True)
    )
    jobs = []
    for centre in centres:
        if centre.pk in already:
            continue
        try:
            job, _created = report_request(
                actor=Access.system(),
                centre=centre,
                kind=ReportKind.ANNUAL,
                year=year,
                language="nb",
            )
        except ReportQueueUnavailable:
            continue  # marked failed; the other centres are still tried
        jobs.append(job)
    return jobs


@transaction.atomic
def narrative_save(
    *,
    actor: Access,
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
    check_coordinate(actor, centre.pk)
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
    narrative.updated_by_id = actor.user_id
    narrative.full_clean(validate_constraints=False)
    narrative.save()
    log_change(actor=actor, obj=narrative, before=before)
    return narrative


@transaction.atomic
def report_finish_request(*, actor: Access, centre: Centre, year: int) -> int:
    """A municipality viewer asks the centre's coordinators to finish the annual evaluation of
    `year` (write or finish the narrative, or make the report again): an e-mail to each active
    coordinator, recorded in the audit trail. Returns how many were told."""
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.urls import reverse

    from core.mail import mail_queue
    from core.models import Role

    if not (
        actor.is_municipality
        and actor.municipality_id is not None
        and centre.municipality_id == actor.municipality_id
    ):
        raise PermissionDenied
    # The e-mail names who asks: the viewer's User (their name), loaded from the Access.
    asked_by = user_of(actor)
    coordinators = list(
        User.objects.filter(role=Role.COORDINATOR, centre=centre, is_active=True).order_by("pk")
    )
    context = {
        "centre": centre,
        "year": year,
        "asked_by": asked_by,
        "url": settings.SITE_URL + reverse("reports:narrative") + f"?kind=annual&year={year}",
    }
    for user in coordinators:
        mail_queue(
            to=user.email,
            subject=render_to_string("reports/email/finish_subject.txt", context).strip(),
            body=render_to_string("reports/email/finish_body.txt", {**context, "user": user}),
            centre=centre,
        )
    log_action(
        actor=actor,
        action="report.finish_requested",
        obj=centre,
        centre=centre,
        data={"year": year, "told": len(coordinators)},
    )
    return len(coordinators)


def reports_purge(*, now: dt.datetime) -> int:
    """Delete the report jobs, and their stored PDFs, that finished more than
    REPORT_RETENTION_YEARS years before `now` (a report names the centre's people in its
    narrative). Records what it did in the audit trail. Returns how many."""
    from django.conf import settings

    from core.services import retention_record

    years = settings.REPORT_RETENTION_YEARS
    try:
        before = now.replace(year=now.year - years)
    except ValueError:  # 29 February
        before = now.replace(year=now.year - years, day=28)
    old = list(ReportJob.objects.system().filter(finished_at__lt=before))
    for job in old:
        if job.file:
            job.file.delete(save=False)
    ReportJob.objects.system().filter(pk__in=[job.pk for job in old]).delete()
    retention_record("reports", deleted=len(old), before=before.isoformat())
    return len(old)
