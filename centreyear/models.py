"""A centre's year for the state grant (its income by source, staff, owner, advisory body,
premises, and the award letter's expectations) and the municipality's grant round.

The tables of `CentreYear` and `CentreIncome` keep the names they had in `core`
(`core_centreyear`, `core_centreincome`): the models moved, the data did not.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.jobs import ACTIVE_STATUSES, Job
from core.models import (
    CENTRE_ONLY,
    FIRST_YEAR,
    LAST_YEAR,
    CentreScopedModel,
    Municipality,
    YearPart,
)
from organisations.models import validate_organisation_number

DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


def validate_document_size(file) -> None:
    if file and getattr(file, "size", 0) > DOCUMENT_MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="too_large")


# --- The state grant's conditions, entered once per centre and year ------------------------------


class CentreYear(YearPart):
    """What a centre reports for one year so the municipality can confirm the state grant's
    conditions: staff, owner, advisory body, premises, and (in `CentreIncome`) its income.

    Totals and shares are never stored: `centreyear.selectors` computes them. `version` is
    bumped by every save (`centreyear.services.centre_year_save`) so that two people cannot
    overwrite each other.
    A draft may be incomplete; figures marked final must say who owns the centre, its staff and
    its advisory body.
    """

    # Names of what the audit trail records beside the fields (see core.audit.describe).
    AUDIT_FIELD_LABELS = {"incomes": _("income")}

    class OwnerKind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        ASSOCIATION = "association", _("Association (entity in Frivillighetsregisteret)")
        FOUNDATION = "foundation", _("Foundation")
        COOPERATIVE = "cooperative", _("Cooperative of these")

    class AdvisoryBody(models.TextChoices):
        COUNCIL = "council", _("Council")
        BOARD = "board", _("Board (styre)")
        NONE = "none", _("None")

    staff_fte = models.DecimalField(
        _("staff in full-time equivalents"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Paid staff as full-time equivalents, e.g. 1,5."),
    )
    owner_name = models.CharField(_("owner"), max_length=200, blank=True)
    owner_kind = models.CharField(
        _("kind of owner"), max_length=20, choices=OwnerKind.choices, blank=True
    )
    advisory_body = models.CharField(
        _("advisory body"), max_length=20, choices=AdvisoryBody.choices, blank=True
    )
    voluntary_sector_on_body = models.BooleanField(
        _("the voluntary sector is represented on the advisory body"), default=False
    )
    premises = models.TextField(
        _("premises"),
        blank=True,
        help_text=_("The centre's physical premises: address and what they are."),
    )
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=9,
        blank=True,
        validators=[validate_organisation_number],
        help_text=_(
            "The centre's own organisation number, or its owner's: the state grant's "
            "application names it. Nine digits, e.g. 123 456 785."
        ),
    )
    activity_purpose = models.TextField(
        _("how the activity fits the purpose"),
        blank=True,
        help_text=_(
            "In a few sentences: how the centre encourages volunteering, is an open meeting "
            "place and links the municipality with the voluntary sector."
        ),
    )
    advisory_members = models.TextField(
        _("members of the advisory body"),
        blank=True,
        help_text=_("One per line: the name and whom the member represents."),
    )
    accounts_note = models.TextField(
        _("accounts and annual report"),
        blank=True,
        help_text=_(
            "Where the centre's own accounts and annual report are, e.g. \"Approved by the "
            'board 12.03.". Not needed when the annual evaluation is made in Frivillig.'
        ),
    )
    accounts_file = models.FileField(
        _("accounts and annual report (PDF)"),
        upload_to="centreyear/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_document_size],
        help_text=_("The approved accounts and annual report as one PDF, at most 10 MB."),
    )
    # The award letter's expectations: what the centre did about each, in a sentence or two.
    expect_diversity = models.TextField(_("diversity and equality"), blank=True)
    expect_universal_design = models.TextField(_("universal design"), blank=True)
    expect_low_threshold = models.TextField(_("low thresholds and low user fees"), blank=True)
    expect_children_youth = models.TextField(_("children and young people"), blank=True)
    expect_age_friendly = models.TextField(_("an age-friendly community"), blank=True)
    is_draft = models.BooleanField(_("draft"), default=True)
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    EXPECTATIONS = (
        "expect_diversity",
        "expect_universal_design",
        "expect_low_threshold",
        "expect_children_youth",
        "expect_age_friendly",
    )

    owners = CENTRE_ONLY

    class Meta:
        db_table = "core_centreyear"
        ordering = ["centre", "-year"]
        verbose_name = _("centre year")
        verbose_name_plural = _("centre years")
        constraints = [
            models.UniqueConstraint(fields=["centre", "year"], name="centreyear_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.centre} {self.year}"

    def clean(self) -> None:
        super().clean()
        if self.is_draft:
            return
        required = _("Fill this in before you mark the figures as final.")
        errors = {
            name: required
            for name in ("staff_fte", "owner_name", "owner_kind", "advisory_body")
            if getattr(self, name) in (None, "")
        }
        if errors:
            raise ValidationError(errors)


class CentreIncome(models.Model):
    """One line of a centre's operating income for a year, in whole NOK."""

    class Source(models.TextChoices):
        # The labels follow the headings municipalities use for the state grant's figures.
        STATE_GRANT = "state_grant", _("State grant to volunteer centres")
        MUNICIPALITY = "municipality", _("The municipality")
        OTHER_PUBLIC = "other_public", _("Other public funding (county, other state grants)")
        PRIVATE = "private", _("Private foundations and businesses")
        OWN_INCOME = "own_income", _("Own income")

    centre_year = models.ForeignKey(
        CentreYear, on_delete=models.CASCADE, related_name="incomes", verbose_name=_("centre year")
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    amount = models.PositiveIntegerField(_("amount (NOK)"))

    class Meta:
        db_table = "core_centreincome"
        ordering = ["centre_year", "id"]
        verbose_name = _("income")
        verbose_name_plural = _("income")

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.amount}"


# --- The municipality's grant round ---------------------------------------------------------


class GrantDecision(CentreScopedModel):
    """The municipality's decision about one centre in the grant round for an operating year:
    it confirms that the centre meets the eight conditions (and applies for it), or decides
    not to apply, with its reason (an individual decision that can be appealed).

    `evidence` keeps what was confirmed as it stood then (name, organisation number, local
    share, each condition's state and evidence), so a past year reads back as it was decided
    and the application prints what was confirmed. Only a municipality viewer of the
    centre's municipality decides (`centreyear.permissions.may_decide`).
    """

    class Decision(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed: the municipality applies")
        NOT_APPLYING = "not_applying", _("Decided not to apply")

    year = models.PositiveSmallIntegerField(
        _("operating year"),
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    reason = models.TextField(_("reason"), blank=True)
    evidence = models.JSONField(_("what was confirmed"), default=dict, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"))

    owners = CENTRE_ONLY

    class Meta:
        ordering = ["-year", "centre"]
        verbose_name = _("grant decision")
        verbose_name_plural = _("grant decisions")
        constraints = [
            models.UniqueConstraint(fields=["centre", "year"], name="grantdecision_unique_year"),
            models.CheckConstraint(
                condition=~models.Q(decision="not_applying") | ~models.Q(reason=""),
                name="grantdecision_not_applying_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.centre} {self.year}: {self.get_decision_display()}"

    def clean(self) -> None:
        super().clean()
        if self.decision == self.Decision.NOT_APPLYING and not self.reason.strip():
            raise ValidationError(
                {"reason": _("Give the reason the municipality does not apply for the centre.")}
            )


class GrantApplicationQuerySet(models.QuerySet):
    def of_municipality(self, municipality_id: int | None) -> GrantApplicationQuerySet:
        return self.filter(municipality_id=municipality_id) if municipality_id else self.none()

    def active(self) -> GrantApplicationQuerySet:
        return self.filter(status__in=ACTIVE_STATUSES)


class GrantApplication(Job):
    """The application summary of a municipality's grant round (PDF and CSV), made by a job on
    the job kernel once every centre is decided. Read by the municipality's viewers only."""

    task_name = "centreyear.make_grant_application"
    time_limit = 150

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    year = models.PositiveSmallIntegerField(
        _("operating year"),
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    pdf = models.FileField(_("PDF"), upload_to="grant/%Y/", blank=True)
    csv = models.FileField(_("CSV"), upload_to="grant/%Y/", blank=True)

    objects = GrantApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-queued_at", "-pk"]
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")

    def __str__(self) -> str:
        return f"{self.municipality} {self.year} ({self.get_status_display()})"

    def download_name(self, extension: str) -> str:
        from django.utils.text import slugify

        return f"{slugify(str(self.municipality))}-tilskudd-{self.year}.{extension}"
