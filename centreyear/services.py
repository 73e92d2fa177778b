"""Writes of a centre's year (the state grant's figures), each recorded in the audit trail."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import jobs
from core.audit import log_action, log_change, stored_snapshot
from core.concurrency import EditConflict, claim_version
from core.models import Centre
from core.permissions import Access

from .models import CentreIncome, CentreYear, GrantApplication, GrantDecision
from .permissions import may_decide, may_request_application

# The fields a new year takes over from the year before (everything but year, state and history).
CARRIED_FIELDS = (
    "staff_fte",
    "owner_name",
    "owner_kind",
    "advisory_body",
    "voluntary_sector_on_body",
    "premises",
)


def centre_year_start(
    *, centre: Centre, year: int
) -> tuple[CentreYear, list[CentreIncome], int | None]:
    """What the form of a centre's year starts from: `(centre_year, incomes, carried_from)`.

    The saved year if there is one (carried_from None). Otherwise an unsaved draft copied from
    the most recent earlier year, every field and income line included (carried_from is that
    year), or an empty unsaved draft (carried_from None). Nothing is written here: a copy is
    saved only when the coordinator has checked it and saves it (2 or 3 queries).
    """
    saved = (
        CentreYear.objects.for_centre(centre).select_related("updated_by").filter(year=year).first()
    )
    if saved is not None:
        return saved, list(saved.incomes.all()), None
    draft = CentreYear(centre=centre, year=year, is_draft=True)
    earlier = CentreYear.objects.for_centre(centre).filter(year__lt=year).order_by("-year").first()
    if earlier is None:
        return draft, [], None
    for name in CARRIED_FIELDS:
        setattr(draft, name, getattr(earlier, name))
    incomes = [
        CentreIncome(source=line.source, description=line.description, amount=line.amount)
        for line in earlier.incomes.all()
    ]
    return draft, incomes, earlier.year


def centre_year_conflict() -> ValidationError:
    """The error of a save that lost the race: someone else saved the year first."""
    return ValidationError(
        _(
            "Someone else saved these figures while you were editing them. Reload the page to "
            "see their changes, then enter yours again."
        ),
        code="conflict",
    )


@transaction.atomic
def centre_year_save(
    *,
    actor: Access,
    centre_year: CentreYear,
    incomes: Iterable[CentreIncome] = (),
    deleted: Iterable[CentreIncome] = (),
    expected_version: int,
) -> CentreYear:
    """Save a centre's year with its income lines (new, changed and `deleted` ones).

    Only the centre's coordinator may. `expected_version` is the version the form was shown
    with (0 for a year not yet saved): when the stored version differs, someone else saved in
    the meantime and a ValidationError (code "conflict") is raised, with nothing saved. A saved
    year is claimed with the shared optimistic lock (`core.concurrency.claim_version`, as
    associations, volunteers and activities are): the version moves on only if it is still the
    one the form was shown with. A new year is a conflict when somebody created it meanwhile.
    The actor is recorded. Totals are never stored: see `centreyear.selectors`.
    """
    if not centre_year.is_editable_by(actor):
        raise PermissionDenied
    before = stored_snapshot(centre_year)
    incomes_before = (
        sorted(str(line) for line in CentreIncome.objects.filter(centre_year_id=centre_year.pk))
        if centre_year.pk
        else []
    )
    if centre_year.pk is None:
        if expected_version != 0 or (
            CentreYear.objects.for_centre(centre_year.centre_id)
            .filter(year=centre_year.year)
            .exists()
        ):
            raise centre_year_conflict()
        centre_year.version = 1
    else:
        try:
            claim_version(centre_year, expected_version)
        except (EditConflict, CentreYear.DoesNotExist) as error:
            raise centre_year_conflict() from error

    centre_year.full_clean()
    centre_year.updated_by_id = actor.user_id
    try:
        # A savepoint, so that a row created by someone else at the same moment is a conflict.
        with transaction.atomic():
            centre_year.save()
    except IntegrityError as error:
        raise centre_year_conflict() from error

    for line in deleted:
        if line.pk and line.centre_year_id == centre_year.pk:
            line.delete()
    for line in incomes:
        if line.pk and line.centre_year_id != centre_year.pk:
            raise PermissionDenied
        line.centre_year = centre_year
        line.full_clean()
        line.save()
    incomes_after = sorted(str(line) for line in centre_year.incomes.all())
    log_change(
        actor=actor,
        obj=centre_year,
        before=before,
        related={"incomes": [incomes_before or None, incomes_after or None]}
        if incomes_after != incomes_before
        else None,
    )
    return centre_year


# --- The grant round ------------------------------------------------------------------------------


@transaction.atomic
def grant_decide(
    *,
    actor: Access,
    centre: Centre,
    year: int,
    decision: str,
    reason: str = "",
) -> GrantDecision:
    """Record the municipality's decision about a centre for operating `year`: confirmed (the
    centre meets every condition; refused otherwise) or not applying (a reason is required).
    A later decision replaces the earlier one; both stay in the audit trail with who and when.
    What was confirmed is kept with the decision (`GrantDecision.evidence`)."""
    from . import selectors

    if not may_decide(actor, centre.pk):
        raise PermissionDenied
    reason = (reason or "").strip()
    if decision not in GrantDecision.Decision.values:
        raise ValidationError({"decision": _("Choose a decision.")})
    if decision == GrantDecision.Decision.NOT_APPLYING and not reason:
        raise ValidationError(
            {"reason": _("Give the reason the municipality does not apply for the centre.")}
        )
    (entry,) = selectors.grant_round(centres=[centre], year=year)
    if decision == GrantDecision.Decision.CONFIRMED and not entry.may_be_confirmed:
        raise ValidationError(
            _("%(centre)s cannot be confirmed yet: %(missing)s")
            % {
                "centre": centre.name,
                "missing": "; ".join(f"{c.label} ({c.state_label})" for c in entry.missing),
            }
        )
    row = GrantDecision.objects.for_centre(centre).select_for_update().filter(year=year).first()
    before = (str(row.get_decision_display()), row.reason) if row is not None else (None, None)
    if row is None:
        row = GrantDecision(centre=centre, year=year)
    row.decision = decision
    row.reason = reason if decision == GrantDecision.Decision.NOT_APPLYING else ""
    row.evidence = entry.evidence_snapshot()
    row.decided_by_id = actor.user_id
    row.decided_at = timezone.now()
    row.full_clean()
    row.save()
    after = (str(row.get_decision_display()), row.reason)
    log_action(
        actor=actor,
        action="grant.confirmed"
        if decision == GrantDecision.Decision.CONFIRMED
        else "grant.not_applying",
        obj=row,
        changes={
            name: [old or None, new or None]
            for name, old, new in zip(("decision", "reason"), before, after, strict=True)
            if old != new
        },
        data={"year": year, "local_share": row.evidence.get("local_share")},
    )
    return row


@transaction.atomic
def grant_application_request(
    *, actor: Access, year: int, language: str = "nb"
) -> GrantApplication:
    """Queue the application summary (PDF and CSV) of the actor's municipality for operating
    `year`. Every centre of the municipality must be decided first. The job is queued when the
    transaction commits (core.jobs)."""
    from . import selectors

    if not may_request_application(actor):
        raise PermissionDenied
    centres = list(Centre.objects.filter(id__in=actor.centre_ids))
    undecided = [
        e.centre.name for e in selectors.grant_round(centres=centres, year=year) if not e.decision
    ]
    if undecided:
        raise ValidationError(
            _("Decide about every centre first: %(centres)s.") % {"centres": ", ".join(undecided)}
        )
    active = GrantApplication.objects.of_municipality(actor.municipality_id).filter(year=year)
    existing = active.active().first()
    if existing is not None:
        return existing
    assert actor.municipality_id is not None  # may_request_application checked it
    application = GrantApplication.objects.create(
        municipality_id=actor.municipality_id,
        year=year,
        requested_by_id=actor.user_id,
        language=language,
        task_id=f"grant-{actor.municipality_id}-{year}-{timezone.now():%Y%m%d%H%M%S%f}",
    )
    log_action(
        actor=actor,
        action="grant.application_requested",
        obj=application,
        centre=min(actor.centre_ids),
        data={"year": year},
    )
    transaction.on_commit(lambda: jobs.job_queue(application))
    return application


def grant_application_run(*, job_id: int, may_retry: bool = False) -> GrantApplication | None:
    """Make the application's PDF and CSV inside the job kernel's failure handling."""
    return jobs.job_run(GrantApplication, job_id, _make_application, may_retry=may_retry)


def _make_application(job: GrantApplication) -> None:
    from .application import application_csv, application_pdf

    job = GrantApplication.objects.select_related("municipality", "requested_by").get(pk=job.pk)
    jobs.job_progress(job, 10)
    pdf = application_pdf(job)
    jobs.job_progress(job, 70)
    csv_bytes = application_csv(job)
    with transaction.atomic():
        job.pdf.save(job.download_name("pdf"), ContentFile(pdf), save=False)
        job.csv.save(job.download_name("csv"), ContentFile(csv_bytes), save=False)
        jobs.job_finish(job, pdf=job.pdf.name, csv=job.csv.name)
