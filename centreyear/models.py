"""A centre's year for the state grant (its income by source, staff, owner, advisory body,
premises, and the award letter's expectations) and the municipality's grant round.

The tables of `CentreYear` and `CentreIncome` keep the names they had in `core`
(`core_centreyear`, `core_centreincome`): the models moved, the data did not.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import CENTRE_ONLY, FIRST_YEAR, LAST_YEAR, CentreScopedModel

# --- The state grant's conditions, entered once per centre and year ------------------------------


class CentreYear(CentreScopedModel):
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

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
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
