"""Individual volunteers who belong to no association: the centre's own people.

Also their consent, the tasks (oppdrag) the centre matches them to, the matches, their hours,
and an audit trail of privacy actions (export, erasure) that never holds the erased data.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.concurrency import version_field
from core.i18n import BilingualNameMixin
from core.models import CentreScopedModel, CentreScopedQuerySet, SharedListModel
from core.permissions import Access

postal_code_validator = RegexValidator(r"^\d{4}$", _("A postal code has four digits."))


class _CuratedName(BilingualNameMixin, SharedListModel):
    """A data list: Norwegian name, English name, position. Installation-wide rows are the site
    admin's; a centre's coordinators add and rename their centre's own."""

    name = models.CharField(_("name (Norwegian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta(SharedListModel.Meta):
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.label


class BackgroundGroup(_CuratedName):
    """Pensioner, student, pupil, NAV programme, immigrant, confirmand, ..."""

    class Meta(_CuratedName.Meta):
        verbose_name = _("background group")
        verbose_name_plural = _("background groups")


class Interest(_CuratedName):
    """An interest or skill a volunteer offers and a task asks for."""

    class Meta(_CuratedName.Meta):
        verbose_name = _("interest or skill")
        verbose_name_plural = _("interests and skills")


class Language(_CuratedName):
    class Meta(_CuratedName.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class VolunteerQuerySet(CentreScopedQuerySet):
    def owned_by(self, access: Access) -> VolunteerQuerySet:
        if access.is_volunteer:
            return self.filter(user_id=access.user_id)
        return self.none()


class Volunteer(CentreScopedModel):
    class Status(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        ENDED = "ended", _("Ended")

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    district = models.ForeignKey(
        "core.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("district"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APPLICANT
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer",
        verbose_name=_("login"),
    )
    notes = models.TextField(_("internal notes"), blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    background_groups = models.ManyToManyField(
        BackgroundGroup, blank=True, related_name="+", verbose_name=_("background groups")
    )
    interests = models.ManyToManyField(
        Interest, blank=True, related_name="volunteers", verbose_name=_("interests and skills")
    )
    languages = models.ManyToManyField(
        Language, blank=True, related_name="+", verbose_name=_("languages spoken")
    )
    available_weekdays = models.BooleanField(_("available on weekdays (daytime)"), default=False)
    available_evenings = models.BooleanField(_("available in the evenings"), default=False)
    available_weekends = models.BooleanField(_("available at weekends"), default=False)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_to = models.DateField(_("available until"), null=True, blank=True)
    police_certificate_checked_on = models.DateField(
        _("police certificate checked on"), null=True, blank=True
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("also active in associations"),
    )
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)

    objects = VolunteerQuerySet.as_manager()

    # Optimistic locking: the coordinator and the volunteer cannot overwrite each other.
    version = version_field()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        indexes = [models.Index(fields=["centre", "status"])]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def clean(self) -> None:
        super().clean()
        if not self.erased_at and not (self.email or self.phone):
            raise ValidationError(_("Give an e-mail address or a phone number (or both)."))
        if self.postal_code:
            postal_code_validator(self.postal_code)
        if self.available_from and self.available_to and self.available_to < self.available_from:
            raise ValidationError(
                {"available_to": _("The end of availability is before its start.")}
            )

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    def availability_flags(self) -> set[str]:
        return {
            name
            for name, on in (
                ("weekdays", self.available_weekdays),
                ("evenings", self.available_evenings),
                ("weekends", self.available_weekends),
            )
            if on
        }

    def availability_labels(self) -> list[str]:
        """When the person can help, in words and in the week's order: weekdays, evenings,
        weekends."""
        return [
            str(label)
            for name, label in (
                ("weekdays", _("weekdays")),
                ("evenings", _("evenings")),
                ("weekends", _("weekends")),
            )
            if getattr(self, f"available_{name}")
        ]


class ConsentText(CentreScopedModel):
    """One version of the consent text a volunteer accepts. Versions are never edited."""

    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text (Norwegian)"))
    text_en = models.TextField(_("text (English)"), blank=True)
    created_at = models.DateTimeField(_("published"), auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        constraints = [
            models.UniqueConstraint(fields=["centre", "version"], name="consent_text_version")
        ]

    def __str__(self) -> str:
        return _("Consent text, version %(version)s") % {"version": self.version}

    @property
    def localised_text(self) -> str:
        from django.utils.translation import get_language

        if (get_language() or "nb").startswith("en") and self.text_en:
            return self.text_en
        return self.text


class Consent(models.Model):
    """That a volunteer accepted one version of the consent text, when, and how."""

    class Channel(models.TextChoices):
        SIGNUP_FORM = "signup_form", _("Public sign-up form")
        PAPER = "paper", _("Signed on paper")
        IN_PERSON = "in_person", _("In person, registered by the coordinator")
        PROFILE = "profile", _("In their own profile")

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="consents")
    consent_text = models.ForeignKey(
        ConsentText, on_delete=models.PROTECT, related_name="consents", verbose_name=_("text")
    )
    given_at = models.DateTimeField(_("given"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.consent_text} – {self.given_at:%Y-%m-%d}"


class TaskQuerySet(CentreScopedQuerySet):
    def listed_publicly(self) -> TaskQuerySet:
        """Open tasks the centre made public, of every centre: scoped by that choice (public
        pages show their public fields only, never who was matched)."""
        return self.filter(is_public=True, status="open")._scoped("public")

    def owned_by(self, access: Access) -> TaskQuerySet:
        if access.is_association:
            return self.filter(organisation__memberships__user_id=access.user_id)
        if access.is_volunteer:
            return self.filter(matches__volunteer__user_id=access.user_id).distinct()
        return self.none()


class Task(CentreScopedModel):
    """A need (oppdrag) posted by the coordinator or an association, filled by volunteers."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FILLED = "filled", _("Filled")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("for association"),
    )
    interests = models.ManyToManyField(
        Interest, blank=True, related_name="tasks", verbose_name=_("interests and skills wanted")
    )
    district = models.ForeignKey(
        "core.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("district"),
    )
    when = models.CharField(
        _("when"), max_length=200, blank=True, help_text=_("For example: Tuesdays 11–13.")
    )
    needs_weekdays = models.BooleanField(_("on weekdays (daytime)"), default=False)
    needs_evenings = models.BooleanField(_("in the evenings"), default=False)
    needs_weekends = models.BooleanField(_("at weekends"), default=False)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    volunteers_needed = models.PositiveSmallIntegerField(
        _("volunteers needed"), default=1, validators=[MinValueValidator(1)]
    )
    needs_police_certificate = models.BooleanField(_("police certificate needed"), default=False)
    is_public = models.BooleanField(
        _("shown on the centre's public pages"),
        default=False,
        help_text=_("Title, description, when and where only; never who is matched."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default="open")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = TaskQuerySet.as_manager()

    # Optimistic locking: two people editing the task cannot overwrite each other.
    version = version_field()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The task ends before it starts.")})

    def is_editable_by(self, access: Access) -> bool:
        if access.is_association:
            return (
                self.centre_id in access.centre_ids
                and self.organisation_id is not None
                and self.organisation_id in access.association_ids
            )
        return super().is_editable_by(access)

    def availability_flags(self) -> set[str]:
        return {
            name
            for name, on in (
                ("weekdays", self.needs_weekdays),
                ("evenings", self.needs_evenings),
                ("weekends", self.needs_weekends),
            )
            if on
        }

    def availability_labels(self) -> list[str]:
        """When the person can help, in words and in the week's order: weekdays, evenings,
        weekends."""
        return [
            str(label)
            for name, label in (
                ("weekdays", _("weekdays")),
                ("evenings", _("evenings")),
                ("weekends", _("weekends")),
            )
            if getattr(self, f"available_{name}")
        ]


class MatchQuerySet(CentreScopedQuerySet):
    def owned_by(self, access: Access) -> MatchQuerySet:
        if access.is_volunteer:
            return self.filter(volunteer__user_id=access.user_id)
        if access.is_association:
            return self.filter(task__organisation__memberships__user_id=access.user_id)
        return self.none()


class Match(CentreScopedModel):
    """A volunteer matched to a task, with follow-up dates."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="matches")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="matches")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    started_on = models.DateField(_("started"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    next_follow_up_on = models.DateField(_("next follow-up"), null=True, blank=True)
    follow_up_notes = models.TextField(_("follow-up notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.UniqueConstraint(fields=["task", "volunteer"], name="match_unique_volunteer")
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} – {self.task}"


class HourEntryQuerySet(CentreScopedQuerySet):
    def owned_by(self, access: Access) -> HourEntryQuerySet:
        if access.is_volunteer:
            return self.filter(volunteer__user_id=access.user_id)
        return self.none()


class HourEntry(CentreScopedModel):
    """Hours one volunteer gave on one day, for a task or a described activity."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="hour_entries")
    task = models.ForeignKey(
        Task,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hour_entries",
        verbose_name=_("task"),
    )
    description = models.CharField(_("activity"), max_length=200, blank=True)
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0.01), MaxValueValidator(24)],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)

    objects = HourEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("hour entry")
        verbose_name_plural = _("hour entries")
        indexes = [models.Index(fields=["centre", "status", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.hours}"

    def clean(self) -> None:
        super().clean()
        if not self.task_id and not self.description:
            raise ValidationError(_("Choose a task or describe the activity."))
