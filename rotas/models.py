"""Rotas (vaktlister): recurring needs with shifts that volunteers sign up for themselves."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import (
    CENTRE_ONLY,
    CentreScopedModel,
    CentreScopedQuerySet,
)
from core.permissions import Access
from core.validators import validate_single_line
from hours.models import HourEntry
from volunteers.models import VOLUNTEER_OWNERS, Interest, Volunteer


class RotaQuerySet(CentreScopedQuerySet):
    def owned_by(self, access: Access) -> RotaQuerySet:
        # Not ownership, so not an `Owners` path: every volunteer of the centre sees the active
        # rotas (their open shifts are what they sign up to).
        if access.is_volunteer:
            return self.filter(is_active=True)
        return self.none()


class Rota(CentreScopedModel):
    """A recurring need (the café every Tuesday, the lending store, an escort service) whose
    shifts volunteers sign up for themselves, until `signup_closes_hours` before a shift."""

    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    description = models.TextField(_("description"), blank=True)
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project"),
        help_text=_("The hours of held shifts count towards this project's figures."),
    )
    district = models.ForeignKey(
        "core.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("district"),
    )
    interests = models.ManyToManyField(
        Interest, blank=True, related_name="+", verbose_name=_("interests and skills wanted")
    )
    needs_police_certificate = models.BooleanField(_("police certificate needed"), default=False)
    signup_closes_hours = models.PositiveSmallIntegerField(
        _("sign-up closes (hours before the shift)"),
        default=24,
        validators=[MaxValueValidator(24 * 30)],
        help_text=_("Volunteers sign up and cancel themselves until this many hours before."),
    )
    is_active = models.BooleanField(_("open for sign-up"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RotaQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713
    owners = CENTRE_ONLY  # no owner: the queryset opens the active ones to volunteers

    class Meta:
        # The table keeps the name it had in the `volunteers` app.
        db_table = "volunteers_rota"
        ordering = ["title"]
        verbose_name = _("rota")
        verbose_name_plural = _("rotas")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.project is not None and self.project.centre_id != self.centre_id:
            raise ValidationError({"project": _("Choose one of your centre's projects.")})


class ShiftQuerySet(CentreScopedQuerySet):
    def owned_by(self, access: Access) -> ShiftQuerySet:
        # Not ownership, as for rotas: every volunteer of the centre sees the active rotas' shifts.
        if access.is_volunteer:
            return self.filter(rota__is_active=True)
        return self.none()


class Shift(CentreScopedModel):
    """One shift of a rota with its number of places. `held_at` is set once, when the
    coordinator turns the shift into logged hours."""

    rota = models.ForeignKey(Rota, on_delete=models.CASCADE, related_name="shifts")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveSmallIntegerField(
        _("places"), default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    held_at = models.DateTimeField(_("hours logged"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ShiftQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713
    owners = CENTRE_ONLY  # no owner: the queryset opens the active ones to volunteers

    if TYPE_CHECKING:  # set on the shifts a page reads (volunteers.selectors)
        all_signups: list[ShiftSignup]
        own: ShiftSignup | None

    class Meta:
        # The table keeps the name it had in the `volunteers` app.
        db_table = "volunteers_shift"
        ordering = ["starts_at", "pk"]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        indexes = [models.Index(fields=["centre", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="shift_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        from django.utils import timezone
        from django.utils.formats import date_format

        start = timezone.localtime(self.starts_at)
        return f"{self.rota} {date_format(start, 'SHORT_DATETIME_FORMAT')}"

    def clean(self) -> None:
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The shift ends before it starts.")})
        if (
            self.starts_at
            and self.ends_at
            and self.ends_at - self.starts_at > dt.timedelta(hours=24)
        ):
            raise ValidationError({"ends_at": _("A shift lasts at most 24 hours.")})

    @property
    def hours(self) -> Decimal:
        seconds = Decimal((self.ends_at - self.starts_at).total_seconds())
        return (seconds / Decimal(3600)).quantize(Decimal("0.01"))

    @property
    def signup_closes_at(self) -> dt.datetime:
        return self.starts_at - dt.timedelta(hours=self.rota.signup_closes_hours)


class ShiftSignupQuerySet(CentreScopedQuerySet):
    pass


class ShiftSignup(CentreScopedModel):
    """A volunteer on a shift: coming, on the waiting list (in order of `listed_at`), or
    cancelled. One row per volunteer and shift; signing up again reuses it."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Coming")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="signups")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="shift_signups")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    listed_at = models.DateTimeField(_("signed up"))
    # The hours a held shift became: set once, so they are logged once.
    hour_entry = models.OneToOneField(
        HourEntry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shift_signup",
        verbose_name=_("hour entry"),
    )
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)

    objects = ShiftSignupQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713
    owners = VOLUNTEER_OWNERS

    class Meta:
        # The table keeps the name it had in the `volunteers` app.
        db_table = "volunteers_shiftsignup"
        ordering = ["listed_at", "pk"]
        verbose_name = _("shift sign-up")
        verbose_name_plural = _("shift sign-ups")
        constraints = [
            models.UniqueConstraint(fields=["shift", "volunteer"], name="shiftsignup_unique")
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} – {self.shift}"
