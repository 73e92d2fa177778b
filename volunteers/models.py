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
from core.models import (
    CENTRE_ONLY,
    SELF,
    CentreScopedModel,
    CentreScopedQuerySet,
    Owners,
    SharedListModel,
)
from core.validators import validate_single_line

postal_code_validator = RegexValidator(r"^\d{4}$", _("A postal code has four digits."))


class AvailabilityMixin:
    """When a volunteer can help, or when a task needs help: three week slots (weekdays,
    evenings, weekends) held in three boolean fields named ``<availability_prefix><slot>``.

    One implementation for both, so matching compares like with like."""

    availability_prefix: str

    # In the week's order.
    SLOTS = (
        ("weekdays", _("weekdays")),
        ("evenings", _("evenings")),
        ("weekends", _("weekends")),
    )

    def availability_flags(self) -> set[str]:
        return {
            name for name, _label in self.SLOTS if getattr(self, self.availability_prefix + name)
        }

    def availability_labels(self) -> list[str]:
        """The slots in words and in the week's order: weekdays, evenings, weekends."""
        return [
            str(label)
            for name, label in self.SLOTS
            if getattr(self, self.availability_prefix + name)
        ]


class _CuratedName(BilingualNameMixin, SharedListModel):
    """A data list: Norwegian name, English name, position. Installation-wide rows are the site
    admin's; a centre's coordinators add and rename their centre's own."""

    name = models.CharField(_("name (Norwegian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    name_nn = models.CharField(_("name (Nynorsk)"), max_length=120, blank=True)
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
    def by_calendar_token(self, token: str) -> VolunteerQuerySet:
        """The volunteer whose private shift feed a secret address names: the token is the
        permission (whoever holds the address), so this is scoped by the token."""
        if not token:
            return self.none()
        return self.filter(calendar_token=token, erased_at__isnull=True)._scoped("token")


class Volunteer(AvailabilityMixin, CentreScopedModel):
    class Status(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        ENDED = "ended", _("Ended")

    first_name = models.CharField(
        _("first name"), max_length=100, validators=[validate_single_line]
    )
    last_name = models.CharField(_("last name"), max_length=100, validators=[validate_single_line])
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
    # Dated facts the figures engine counts "registered at the end of the year" from (set by
    # the services when the status changes), so a past year's count does not read today's state.
    approved_on = models.DateField(_("approved"), null=True, blank=True, editable=False)
    ended_on = models.DateField(_("ended"), null=True, blank=True, editable=False)

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
    availability_prefix = "available_"
    police_certificate_checked_on = models.DateField(
        _("police certificate checked on"), null=True, blank=True
    )
    # Only the dates: the certificate itself is never stored.
    police_certificate_requested_on = models.DateField(
        _("police certificate requested on"), null=True, blank=True
    )
    wants_reminders = models.BooleanField(
        _("send me reminders"),
        default=True,
        help_text=_("Reminders of your shifts, by e-mail (and SMS where the centre sends SMS)."),
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("also active in associations"),
    )
    # The secret in the address of the volunteer's own shift calendar (empty: no feed yet).
    calendar_token = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)

    objects = VolunteerQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713

    # The volunteer reads their own record; changing it is the centre's.
    owners = Owners(volunteer=SELF)

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


class ConsentText(CentreScopedModel):
    """One version of the consent text a volunteer accepts. Versions are never edited."""

    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text (bokmål)"))
    text_nn = models.TextField(
        _("text (nynorsk)"), blank=True, help_text=_("Shown on pages in nynorsk when filled in.")
    )
    text_en = models.TextField(_("text (English)"), blank=True)
    created_at = models.DateTimeField(_("published"), auto_now_add=True)

    owners = CENTRE_ONLY

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

        return self.localised[0]

    @property
    def localised_language(self) -> str:
        """The language `localised_text` is written in (marked on a page in another one)."""
        return self.localised[1]

    @property
    def localised(self) -> tuple[str, str]:
        from django.utils.translation import get_language

        language = (get_language() or "nb")[:2]
        if language == "en" and self.text_en:
            return self.text_en, "en"
        if language == "nn" and self.text_nn:
            return self.text_nn, "nn"
        return self.text, "nb"


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


# A row of one volunteer (their hours, shift sign-ups, certificates): the volunteer reads it.
VOLUNTEER_OWNERS = Owners(volunteer="volunteer")


# --- Paperwork ------------------------------------------------------------------------------------


class CertificateQuerySet(CentreScopedQuerySet):
    pass


class Certificate(CentreScopedModel):
    """A volunteer certificate ("Attest for frivillig innsats") the coordinator made: the
    period, the tasks in words and who signs. The approved hours per year are read from the
    hour log when the PDF is made, so they are always the log's."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="certificates")
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    tasks = models.TextField(_("tasks"), help_text=_("One task a line, as the volunteer did it."))
    signer_name = models.CharField(_("signed by"), max_length=200)
    signer_title = models.CharField(_("title"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)

    objects = CertificateQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713
    owners = VOLUNTEER_OWNERS

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("volunteer certificate")
        verbose_name_plural = _("volunteer certificates")

    def __str__(self) -> str:
        return f"{self.volunteer} {self.period_start:%Y}–{self.period_end:%Y}"

    def clean(self) -> None:
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period ends before it starts.")})

    @property
    def task_lines(self) -> list[str]:
        return [line.strip() for line in self.tasks.splitlines() if line.strip()]
