"""Writes of the cooperation app: each validates, saves in one transaction and records who did
it in the audit trail (core.audit)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import jobs
from core.audit import log_action, log_change, save_and_log, snapshot, stored_snapshot
from core.models import Centre
from core.permissions import Access, check_change, check_coordinate

from .models import (
    DOCUMENT_MAX_BYTES,
    DOCUMENT_TYPES,
    BookletJob,
    Contact,
    Contribution,
    MunicipalSupport,
    MunicipalUnit,
    NationalRegisterEntry,
    Outcome,
    Partnership,
    ReportedYear,
    Side,
    Story,
    StoryConsent,
)

logger = logging.getLogger(__name__)


# --- Municipal units --------------------------------------------------------------------------


def _check_centre(actor: Access, centre: Centre) -> None:
    """The writes the centre's coordinators and its municipality's viewers share (units, the
    booklet, municipal money, the national register's fields): one of the actor's centres."""
    if not (actor.is_system or actor.is_coordinator or actor.is_municipality):
        raise PermissionDenied
    if not actor.reaches(centre.pk):
        raise PermissionDenied


@transaction.atomic
def unit_save(
    *, actor: Access, centre: Centre, unit: MunicipalUnit | None, data: dict[str, Any]
) -> MunicipalUnit:
    """Add or change a unit of the centre's municipality (a coordinator's)."""
    _check_centre(actor, centre)
    if unit is None:
        unit = MunicipalUnit(municipality_id=centre.municipality_id)
        before = None
    else:
        if unit.municipality_id != centre.municipality_id:
            raise PermissionDenied
        before = stored_snapshot(unit)
    for name in ("kind", "name", "district", "email"):
        if name in data:
            setattr(unit, name, data[name])
    save_and_log(unit, actor=actor, before=before)
    return unit


# --- Partnerships -----------------------------------------------------------------------------

PARTNERSHIP_FIELDS = ("organisation", "district", "title", "purpose", "start_date", "end_date")


def _names(rows: Iterable[Any]) -> list[str]:
    return sorted(str(row) for row in rows)


@transaction.atomic
def partnership_save(
    *,
    actor: Access,
    centre: Centre,
    partnership: Partnership | None,
    data: dict[str, Any],
    units: Sequence[MunicipalUnit],
    forms: Sequence[str],
    projects: Sequence[Any] = (),
    series: Sequence[Any] = (),
    status: str | None = None,
) -> Partnership:
    """Create or change a partnership of `centre`: its fields, municipal units (at least one,
    of the centre's municipality), forms of cooperation and linked projects and series (the
    centre's own)."""
    if partnership is None:
        check_coordinate(actor, centre.pk)
        partnership = Partnership(centre=centre)
        before = None
        old_units: list[str] = []
        old_projects: list[str] = []
        old_series: list[str] = []
    else:
        check_change(actor, partnership)
        before = stored_snapshot(partnership)
        old_units = _names(partnership.units.all())
        old_projects = _names(partnership.projects.all())
        old_series = _names(partnership.series.all())
    for name in PARTNERSHIP_FIELDS:
        if name in data:
            setattr(partnership, name, data[name])
    if status:
        partnership.status = status
    partnership.forms = ",".join(dict.fromkeys(forms))
    if partnership.organisation.centre_id != centre.pk:
        raise ValidationError({"organisation": _("The organisation belongs to another centre.")})
    if not units:
        raise ValidationError({"units": _("Choose at least one municipal unit.")})
    if any(unit.municipality_id != centre.municipality_id for unit in units):
        raise ValidationError({"units": _("A unit of another municipality cannot be chosen.")})
    if any(p.centre_id != centre.pk for p in [*projects, *series]):
        raise ValidationError({"projects": _("Projects and activities must be the centre's own.")})
    partnership.full_clean()
    partnership.save()
    partnership.units.set(units)
    partnership.projects.set(projects)
    partnership.series.set(series)
    related = {}
    for label, old, new in (
        ("units", old_units, _names(units)),
        ("projects", old_projects, _names(projects)),
        ("series", old_series, _names(series)),
    ):
        if old != new:
            related[label] = [", ".join(old), ", ".join(new)]
    log_change(
        actor=actor,
        obj=partnership,
        before=before,
        related=related,
    )
    return partnership


def validate_document(upload: UploadedFile) -> tuple[str, str]:
    """A signed agreement: a PDF, PNG or JPEG (read from its first bytes, not its name) of at
    most DOCUMENT_MAX_BYTES. Returns (content type, extension)."""
    if upload.size is None or upload.size > DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is too large: at most %(mb)s MB.") % {"mb": DOCUMENT_MAX_BYTES // 2**20},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for magic, (content_type, extension) in DOCUMENT_TYPES.items():
        if head.startswith(magic):
            return content_type, extension
    raise ValidationError(_("The agreement must be a PDF, PNG or JPEG file."), code="wrong_type")


@transaction.atomic
def partnership_document_store(
    *, actor: Access, partnership: Partnership, upload: UploadedFile
) -> Partnership:
    """Store the signed agreement (replacing an earlier one once the change is committed)."""
    check_change(actor, partnership)
    _content_type, extension = validate_document(upload)
    old_name = partnership.document.name if partnership.document else ""
    original = (upload.name or "agreement").rsplit("/", 1)[-1][:150]
    partnership.document.save(
        f"partnership-{partnership.pk}{extension}", ContentFile(upload.read()), save=False
    )
    partnership.document_name = original
    partnership.document_size = upload.size or 0
    partnership.save(update_fields=["document", "document_name", "document_size", "updated_at"])
    if old_name and old_name != partnership.document.name:
        storage = partnership.document.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    log_action(
        actor=actor,
        action="partnership.document_stored",
        obj=partnership,
        changes={"document": [old_name or None, original]},
        data={"bytes": partnership.document_size},
    )
    return partnership


def _child_save(actor: Access, row: Any, action: str, before: dict | None) -> None:
    row.full_clean()
    row.save()
    log_change(actor=actor, action=action, obj=row, before=before)


@transaction.atomic
def contribution_add(
    *, actor: Access, partnership: Partnership, data: dict[str, Any]
) -> Contribution:
    """What one side gives the partnership in a year."""
    check_change(actor, partnership)
    row = Contribution(partnership=partnership, centre_id=partnership.centre_id, **data)
    _child_save(actor, row, "contribution.created", None)
    return row


@transaction.atomic
def contact_add(*, actor: Access, partnership: Partnership, data: dict[str, Any]) -> Contact:
    check_change(actor, partnership)
    row = Contact(partnership=partnership, centre_id=partnership.centre_id, **data)
    if row.unit_id and not partnership.units.filter(pk=row.unit_id).exists():
        raise ValidationError({"unit": _("Choose one of the partnership's units.")})
    _child_save(actor, row, "partnershipcontact.created", None)
    return row


@transaction.atomic
def outcome_add(*, actor: Access, partnership: Partnership, data: dict[str, Any]) -> Outcome:
    check_change(actor, partnership)
    row = Outcome(partnership=partnership, centre_id=partnership.centre_id, **data)
    _child_save(actor, row, "partnershipoutcome.created", None)
    return row


@transaction.atomic
def partnership_part_delete(*, actor: Access, row: Contribution | Contact | Outcome) -> None:
    """Remove a contribution, contact or outcome of a partnership."""
    check_change(actor, row)
    log_action(
        actor=actor,
        action=f"{row._meta.model_name}.deleted",
        obj=row,
        changes={name: [value, None] for name, value in snapshot(row).items()},
    )
    row.delete()


# --- Stories ----------------------------------------------------------------------------------

STORY_FIELDS = ("title", "theme", *Story.QUESTIONS)


def may_draft(access: Access, story_or_partnership: Story | Partnership) -> bool:
    """The organisation's users and the centre's coordinators draft a partnership's stories
    (an approved story changes only through a new approval)."""
    partnership = (
        story_or_partnership.partnership
        if isinstance(story_or_partnership, Story)
        else story_or_partnership
    )
    if partnership.centre_id not in access.centre_ids:
        return False
    if access.is_coordinator:
        return True
    return access.is_association and partnership.organisation_id in access.association_ids


def may_approve(access: Access, story: Story) -> bool:
    """The municipality side approves: a municipality viewer of the story's municipality."""
    return access.is_municipality and story.centre_id in access.centre_ids


@transaction.atomic
def story_save(
    *,
    actor: Access,
    partnership: Partnership,
    story: Story | None,
    data: dict[str, Any],
    submit: bool = False,
) -> Story:
    """Draft (or change) a story. A change to an approved story takes it back to a draft and
    off the public page until it is approved again."""
    if not may_draft(actor, story or partnership):
        raise PermissionDenied
    if story is None:
        story = Story(partnership=partnership, centre_id=partnership.centre_id)
        before = None
    else:
        before = stored_snapshot(story)
    for name in STORY_FIELDS:
        if name in data:
            setattr(story, name, data[name])
    if before is not None and story.status == Story.Status.APPROVED:
        story.status = Story.Status.DRAFT
        story.approved_at = None
        story.approved_by = None
        story.published_at = None
    if submit:
        missing = [name for name in Story.QUESTIONS if not getattr(story, name).strip()]
        if missing:
            raise ValidationError(
                dict.fromkeys(missing, _("Answer each of the six questions before you send it."))
            )
        story.status = Story.Status.SUBMITTED
    save_and_log(story, actor=actor, before=before)
    return story


def _active_consents(story: Story) -> dict[str, StoryConsent]:
    return {c.side: c for c in story.consents.filter(withdrawn_at__isnull=True)}


def _refresh_publication(actor: Access, story: Story) -> None:
    """Published exactly while approved and consented by both sides."""
    consents = _active_consents(story)
    should = story.status == Story.Status.APPROVED and set(consents) == set(Side.values)
    if should and story.published_at is None:
        story.published_at = timezone.now()
        story.save(update_fields=["published_at", "updated_at"])
        log_action(actor=actor, action="story.published", obj=story)
    elif not should and story.published_at is not None:
        story.published_at = None
        story.save(update_fields=["published_at", "updated_at"])
        log_action(actor=actor, action="story.unpublished", obj=story)


@transaction.atomic
def story_consent_give(
    *,
    actor: Access,
    story: Story,
    side: str,
    shows_name: bool,
    shows_contact: bool,
    contact_name: str = "",
    contact_email: str = "",
) -> StoryConsent:
    """Record one side's consent to what the public story shows. The organisation's side is
    given by its users or the coordinator on its behalf; the municipality's by its viewer."""
    if side == Side.ORGANISATION and not may_draft(actor, story):
        raise PermissionDenied
    if side == Side.MUNICIPALITY and not may_approve(actor, story):
        raise PermissionDenied
    if shows_contact and not contact_name:
        raise ValidationError({"contact_name": _("Name the contact person to be shown.")})
    for old in story.consents.filter(side=side, withdrawn_at__isnull=True):
        old.withdrawn_at = timezone.now()
        old.save(update_fields=["withdrawn_at"])
    consent = StoryConsent(
        story=story,
        centre_id=story.centre_id,
        side=side,
        shows_name=shows_name,
        shows_contact=shows_contact,
        contact_name=contact_name if shows_contact else "",
        contact_email=contact_email if shows_contact else "",
        given_by_id=actor.user_id,
        given_at=timezone.now(),
    )
    consent.full_clean()
    consent.save()
    log_change(actor=actor, action="storyconsent.given", obj=consent, before=None)
    _refresh_publication(actor, story)
    return consent


@transaction.atomic
def story_consent_withdraw(*, actor: Access, story: Story, side: str) -> None:
    """Withdraw one side's consent: the story leaves the public pages at once."""
    if side == Side.ORGANISATION and not may_draft(actor, story):
        raise PermissionDenied
    if side == Side.MUNICIPALITY and not may_approve(actor, story):
        raise PermissionDenied
    for consent in story.consents.filter(side=side, withdrawn_at__isnull=True):
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
        log_action(actor=actor, action="storyconsent.withdrawn", obj=consent)
    _refresh_publication(actor, story)


@transaction.atomic
def story_approve(
    *,
    actor: Access,
    story: Story,
    shows_name: bool = True,
    shows_contact: bool = False,
    contact_name: str = "",
    contact_email: str = "",
) -> Story:
    """The municipality side approves a submitted story and gives its consent to what is shown
    of it; the story is published once the organisation's consent is recorded too."""
    if not may_approve(actor, story):
        raise PermissionDenied
    if story.status != Story.Status.SUBMITTED:
        raise ValidationError(_("Only a story sent for approval can be approved."))
    before = stored_snapshot(story)
    story.status = Story.Status.APPROVED
    story.approved_at = timezone.now()
    story.approved_by_id = actor.user_id
    story.save()
    log_change(actor=actor, action="story.approved", obj=story, before=before)
    story_consent_give(
        actor=actor,
        story=story,
        side=Side.MUNICIPALITY,
        shows_name=shows_name,
        shows_contact=shows_contact,
        contact_name=contact_name,
        contact_email=contact_email,
    )
    story.refresh_from_db()
    return story


@transaction.atomic
def story_return(*, actor: Access, story: Story) -> Story:
    """The municipality sends a submitted story back to the drafters."""
    if not may_approve(actor, story):
        raise PermissionDenied
    before = stored_snapshot(story)
    story.status = Story.Status.DRAFT
    story.save()
    log_change(actor=actor, action="story.rejected", obj=story, before=before)
    return story


# --- The booklet ------------------------------------------------------------------------------


def booklet_request(*, actor: Access, centre: Centre, language: str = "nb") -> BookletJob:
    """Queue the booklet of the centre's published stories (a job: cooperation.tasks)."""
    _check_centre(actor, centre)
    with transaction.atomic():
        job = BookletJob(
            centre=centre,
            requested_by_id=actor.user_id,
            language=language,
            task_id=f"booklet-{centre.pk}-{timezone.now():%Y%m%d%H%M%S%f}",
        )
        job.full_clean()
        job.save()
        log_action(actor=actor, action="booklet.requested", obj=job)
        transaction.on_commit(lambda: jobs.job_queue(job))
    return job


def booklet_job_run(*, job_id: int, may_retry: bool = False) -> BookletJob | None:
    """Render the booklet and store it, inside the job kernel's failure handling."""
    return jobs.job_run(BookletJob, job_id, _render_and_store, may_retry=may_retry)


def _render_and_store(job: BookletJob) -> None:
    from .booklet import render_booklet

    job = BookletJob.objects.system().select_related("centre__municipality").get(pk=job.pk)
    jobs.job_progress(job, 10)
    pdf, count = render_booklet(job.centre, language=job.language)
    jobs.job_progress(job, 80)
    _booklet_store(job, pdf, count)


@transaction.atomic
def _booklet_store(job: BookletJob, pdf: bytes, count: int) -> None:
    current = BookletJob.objects.system().select_for_update().filter(pk=job.pk).first()
    if current is None or (current.status, current.attempts) != ("running", job.attempts):
        return
    current.file.save(f"samarbeid-{current.centre.slug}.pdf", ContentFile(pdf), save=False)
    log_action(actor=None, action="booklet.rendered", obj=current, data={"bytes": len(pdf)})
    jobs.job_finish(current, file=current.file.name, size=len(pdf), stories=count)


# --- An organisation's own yearly figures ---------------------------------------------------

REPORTED_FIELDS = ("year", *ReportedYear.FIGURE_KEYS, "comment")


@transaction.atomic
def reported_year_save(*, actor: Access, organisation: Any, data: dict[str, Any]) -> ReportedYear:
    """Enter (or correct) an organisation's own figures of a year. Its users enter their own;
    the coordinator may enter them on its behalf."""
    if organisation.centre_id not in actor.centre_ids or not (
        actor.is_coordinator or (actor.is_association and organisation.pk in actor.association_ids)
    ):
        raise PermissionDenied
    row = (
        ReportedYear.objects.for_centre(organisation.centre_id)
        .filter(organisation=organisation, year=int(data.get("year") or 0))
        .first()
    )
    before = stored_snapshot(row) if row is not None else None
    if row is None:
        row = ReportedYear(organisation=organisation, centre_id=organisation.centre_id)
    for name in REPORTED_FIELDS:
        if name in data:
            setattr(row, name, data[name])
    save_and_log(row, actor=actor, before=before)
    return row


# --- Municipal money per activity line; the national register ---------------------------------


@transaction.atomic
def support_add(*, actor: Access, centre: Centre, data: dict[str, Any]) -> MunicipalSupport:
    """Record the municipality's money to one of the centre's projects for a year."""
    _check_centre(actor, centre)
    row = MunicipalSupport(centre=centre, **data)
    if row.project.centre_id != centre.pk:
        raise ValidationError({"project": _("The project belongs to another centre.")})
    if row.partnership is not None and row.partnership.centre_id != centre.pk:
        raise ValidationError({"partnership": _("The partnership belongs to another centre.")})
    row.full_clean()
    row.save()
    log_change(actor=actor, action="municipalsupport.created", obj=row, before=None)
    return row


@transaction.atomic
def support_delete(*, actor: Access, row: MunicipalSupport) -> None:
    check_change(actor, row)
    log_action(
        actor=actor,
        action="municipalsupport.deleted",
        obj=row,
        changes={name: [value, None] for name, value in snapshot(row).items()},
    )
    row.delete()


@transaction.atomic
def national_register_save(
    *, actor: Access, centre: Centre, data: dict[str, Any]
) -> NationalRegisterEntry:
    """The centre's entry in Norges Frivilligsentraler's national register."""
    _check_centre(actor, centre)
    entry = NationalRegisterEntry.objects.for_centre(centre).first()
    before = stored_snapshot(entry) if entry is not None else None
    if entry is None:
        entry = NationalRegisterEntry(centre=centre)
    for name in ("ownership", "network", "manager_position", "daily_manager", "chair"):
        if name in data:
            setattr(entry, name, data[name])
    entry.full_clean()
    entry.save()
    log_change(
        actor=actor,
        action="nationalregisterentry.created"
        if before is None
        else "nationalregisterentry.updated",
        obj=entry,
        before=before,
    )
    return entry
