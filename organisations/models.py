"""Associations (lag og foreninger) in a centre's registry, and the users who keep them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.i18n import BilingualNameMixin
from core.models import CentreScopedModel, CentreScopedQuerySet
from core.permissions import Access


class Category(BilingualNameMixin, models.Model):
    """A category of associations (ICNPO). Data, so the coordinator can extend the list."""

    name = models.CharField(_("name (Norwegian)"), max_length=120, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    icnpo_code = models.CharField(_("ICNPO code"), max_length=10, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("association category")
        verbose_name_plural = _("association categories")

    def __str__(self) -> str:
        return self.label


class OrganisationQuerySet(CentreScopedQuerySet):
    def owned_by(self, access: Access) -> OrganisationQuerySet:
        if access.is_association:
            return self.filter(memberships__user_id=access.user_id)
        return self.none()


class Organisation(CentreScopedModel):
    """An association in the registry of a centre."""

    name = models.CharField(_("name"), max_length=200)
    organisation_number = models.CharField(
        _("organisation number"), max_length=9, blank=True, null=True, unique=True
    )
    categories = models.ManyToManyField(
        Category, through="OrganisationCategory", blank=True, verbose_name=_("categories")
    )
    description = models.TextField(_("purpose and description"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    postal_address = models.CharField(_("postal address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    postal_place = models.CharField(_("postal place"), max_length=100, blank=True)
    district = models.ForeignKey(
        "core.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("district"),
    )
    website = models.URLField(_("website"), blank=True)
    member_count = models.PositiveIntegerField(_("number of members"), null=True, blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("founding year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1600), MaxValueValidator(2100)],
    )
    needs_volunteers = models.BooleanField(_("needs volunteers now"), default=False)
    is_public = models.BooleanField(_("listed in the public directory"), default=False)
    is_archived = models.BooleanField(_("archived"), default=False)
    confirmed_at = models.DateTimeField(_("entry last confirmed"), null=True, blank=True)
    notes = models.TextField(_("internal notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        indexes = [models.Index(fields=["centre", "is_archived", "name"])]

    def __str__(self) -> str:
        return self.name

    def is_editable_by(self, access: Access) -> bool:
        if access.is_association:
            return self.memberships.filter(user_id=access.user_id).exists()
        return super().is_editable_by(access)


class OrganisationCategory(models.Model):
    """One of an association's up to three ranked categories."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="ranked_categories"
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField(
        _("rank"), validators=[MinValueValidator(1), MaxValueValidator(3)]
    )

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "rank"], name="orgcat_unique_rank"),
            models.UniqueConstraint(
                fields=["organisation", "category"], name="orgcat_unique_category"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.category}"


class Membership(models.Model):
    """Binds an association user's account to an association."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("association user")
        verbose_name_plural = _("association users")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"
