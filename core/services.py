import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .audit import log_change, stored_snapshot
from .concurrency import EditConflict, claim_version
from .models import AuditEvent, Centre, CentreIncome, CentreYear
from .permissions import Access

# The fields a new year takes over from the year before (everything but year, state and history).
CARRIED_FIELDS = (
    "staff_fte",
    "owner_name",
    "owner_kind",
    "advisory_body",
    "voluntary_sector_on_body",
    "premises",
)


@transaction.atomic
def auth_events_purge(*, before: dt.datetime) -> int:
    """Delete login records older than `before`; keep no more than is needed. Returns the count.
    (Logins are the only events of the trail that expire: the rest is the record of the data.)"""
    deleted, _count = AuditEvent.objects.filter(
        action__startswith="auth.", created_at__lt=before
    ).delete()
    return deleted


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
    The actor is recorded. Totals are never stored: see `core.selectors`.
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
        action="centreyear.created" if before is None else "centreyear.updated",
        obj=centre_year,
        before=before,
        related={"incomes": [incomes_before or None, incomes_after or None]}
        if incomes_after != incomes_before
        else None,
    )
    return centre_year


PUBLIC_SETTINGS = ("activities_public_by_default", "description")


@transaction.atomic
def centre_public_update(*, actor: object, centre: Centre, **fields: object) -> Centre:
    """Change what the centre shows the public: whether new activities, series and tasks start
    public, and the text about the centre on its front page."""
    before = stored_snapshot(centre)
    for name, value in fields.items():
        if name not in PUBLIC_SETTINGS:
            raise ValueError(name)
        setattr(centre, name, value)
    centre.full_clean()
    centre.save(update_fields=list(fields))
    log_change(actor=actor, action="centre.public_updated", obj=centre, before=before)
    return centre
