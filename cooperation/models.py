"""Partnerships between organisations and the municipality's units, what each side gives per
year, and the stories told about them."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.jobs import Job
from core.models import (
    CENTRE_ONLY,
    CentreScopedModel,
    CentreScopedQuerySet,
    Owners,
    YearCount,
    YearPart,
)
from core.validators import validate_single_line


class MunicipalUnit(models.Model):
    """A part of the municipality an organisation cooperates with: the municipality as a whole,
    a district (bydel), an agency (etat), a NAV office, a school or an institution. "15 districts
    feel like 15 municipalities": cooperation happens at every level, so each is a unit.

    Municipality-wide (not a centre's): every centre of the municipality uses the same units;
    their coordinators add and rename them (`cooperation.services`)."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("The municipality")
        DISTRICT = "district", _("District")
        AGENCY = "agency", _("Agency")
        NAV = "nav", _("NAV office")
        INSTITUTION = "institution", _("School or institution")

    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.CASCADE,
        related_name="units",
        verbose_name=_("municipality"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    district = models.ForeignKey(
        "core.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("district"),
        help_text=_("The district the unit belongs to (a district's own units, its schools)."),
    )
    email = models.EmailField(_("e-mail (the unit's)"), blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("municipal unit")
        verbose_name_plural = _("municipal units")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unit_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        district = self.district
        if district is not None and district.municipality_id != self.municipality_id:
            raise ValidationError({"district": _("The district must be in the same municipality.")})


class CooperationForm(models.TextChoices):
    """The forms of cooperation the cookbook's cases show (a partnership may have several)."""

    GRANT = "grant", _("Grant")
    PURCHASE = "purchase", _("Purchase of services or jobs")
    PREMISES = "premises", _("Premises or co-location")
    STAFF_TIME = "staff_time", _("Staff time")
    REFERRAL = "referral", _("Referral of participants")
    PROJECT_OWNER = "project_owner", _("The municipality owns the project")
    AGREEMENT = "agreement", _("Partnership agreement")
    IN_KIND = "in_kind", _("In kind")


class Side(models.TextChoices):
    ORGANISATION = "organisation", _("The organisation")
    MUNICIPALITY = "municipality", _("The municipality")


class PartnershipQuerySet(CentreScopedQuerySet):
    def active_in(self, year: int) -> PartnershipQuerySet:
        """Partnerships whose period touches `year` and that were not only planned."""
        return self.exclude(status=Partnership.Status.PLANNED).filter(
            models.Q(start_date__isnull=True) | models.Q(start_date__lte=dt.date(year, 12, 31)),
            models.Q(end_date__isnull=True) | models.Q(end_date__gte=dt.date(year, 1, 1)),
        )


# Signed agreements: a PDF or a scan, at most this size.
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
DOCUMENT_TYPES = {
    b"%PDF": ("application/pdf", ".pdf"),
    b"\x89PNG": ("image/png", ".png"),
    b"\xff\xd8\xff": ("image/jpeg", ".jpg"),
}


class Partnership(CentreScopedModel):
    """A cooperation agreement (samarbeidsavtale) between an organisation and one or more
    municipal units: purpose, period, status, forms of cooperation, each side's contributions
    per year, contacts, the activities and projects it covers, its outcomes and the signed
    agreement. The organisation's users read their own partnerships; the centre changes them;
    the municipality reads all of its centres'."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name=_("organisation"),
    )
    units = models.ManyToManyField(
        MunicipalUnit, related_name="partnerships", verbose_name=_("municipal units")
    )
    district = models.ForeignKey(
        "core.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("district"),
    )
    title = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    purpose = models.TextField(_("purpose"))
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("to"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    # The forms of cooperation, as their values separated by commas (no value is part of
    # another, so a filter by one is a `contains`).
    forms = models.CharField(_("forms of cooperation"), max_length=200, blank=True)
    projects = models.ManyToManyField(
        "projects.Project",
        blank=True,
        related_name="+",
        verbose_name=_("projects"),
    )
    series = models.ManyToManyField(
        "activities.ActivitySeries",
        blank=True,
        related_name="+",
        verbose_name=_("activities (weekly series)"),
    )
    document = models.FileField(_("signed agreement"), upload_to="partnerships/%Y/", blank=True)
    document_name = models.CharField(_("file name"), max_length=200, blank=True)
    document_size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    end_reminder_sent_on = models.DateField(
        _("end reminder sent"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PartnershipQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713

    # The organisation's users read their partnerships (and draft their stories); the centre
    # changes them.
    owners = Owners(association="organisation")

    AUDIT_FIELD_LABELS = {
        "units": _("municipal units"),
        "contributions": _("contributions"),
        "contacts": _("contact persons"),
        "outcomes": _("outcomes"),
    }

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        indexes = [models.Index(fields=["centre", "status"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The end date must be on or after the start date.")}
            )
        unknown = set(self.form_list) - set(CooperationForm.values)
        if unknown:
            raise ValidationError({"forms": _("Unknown form of cooperation.")})

    @property
    def form_list(self) -> list[str]:
        return [value for value in self.forms.split(",") if value]

    @property
    def form_labels(self) -> list[str]:
        labels = dict(CooperationForm.choices)
        return [str(labels.get(value, value)) for value in self.form_list]

    def ends_within(self, days: int, today: dt.date) -> bool:
        return (
            self.status == self.Status.ACTIVE
            and self.end_date is not None
            and today <= self.end_date <= today + dt.timedelta(days=days)
        )


PARTNERSHIP_PART_OWNERS = Owners(association="partnership__organisation")


class Contribution(YearPart):
    """What one side gives a partnership in one year: money (NOK), hours, premises or other
    (their value in NOK where known, and what they are)."""

    class Kind(models.TextChoices):
        MONEY = "money", _("Money (NOK)")
        HOURS = "hours", _("Hours")
        PREMISES = "premises", _("Premises (value in NOK)")
        OTHER = "other", _("Other (value in NOK)")

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("partnership"),
    )
    side = models.CharField(_("given by"), max_length=20, choices=Side.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    amount = models.PositiveIntegerField(_("amount"))
    description = models.CharField(_("what"), max_length=200, blank=True)

    owners = PARTNERSHIP_PART_OWNERS

    class Meta:
        ordering = ["year", "side", "kind"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self) -> str:
        return f"{self.year} {self.get_side_display()}: {self.get_kind_display()} {self.amount}"


class Contact(CentreScopedModel):
    """A contact person of one side of a partnership (the reminder before it ends goes to
    both sides' contacts)."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("partnership"),
    )
    side = models.CharField(_("side"), max_length=20, choices=Side.choices)
    unit = models.ForeignKey(
        MunicipalUnit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipal unit"),
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    owners = PARTNERSHIP_PART_OWNERS

    class Meta:
        ordering = ["side", "name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return self.name


class Outcome(YearCount):
    """A result the partnership counts in a year ("16 in work training", "about 10 in
    ordinary work"): named counters, not fixed fields."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="outcomes",
        verbose_name=_("partnership"),
    )

    owners = PARTNERSHIP_PART_OWNERS

    class Meta:
        ordering = ["year", "name"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return f"{self.year} {self.name}: {'~' if self.is_approximate else ''}{self.value}"


# --- Stories: the cookbook ------------------------------------------------------------------


class Theme(models.TextChoices):
    WORK = "work", _("Work inclusion")
    ADDICTION = "addiction", _("Addiction")
    INTEGRATION = "integration", _("Integration")
    CHILDREN = "children", _("Children and young people")
    PUBLIC_HEALTH = "public_health", _("Public health")
    ELDERLY = "elderly", _("Older people")
    CULTURE = "culture", _("Culture and meeting places")
    OTHER = "other", _("Other")


class StoryQuerySet(CentreScopedQuerySet):
    def listed_publicly(self) -> StoryQuerySet:
        """Published stories of every centre (approved, and consented by both sides): scoped
        by that publication."""
        return self.filter(published_at__isnull=False)._scoped("public")


class Story(CentreScopedModel):
    """A partnership told by the cookbook's six questions. The organisation (or the
    coordinator) drafts it, the municipality side approves it; it is public only while it is
    approved and both sides' consent to what is shown (names, contacts) holds. Withdrawing a
    consent unpublishes it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for the municipality's approval")
        APPROVED = "approved", _("Approved")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="stories", verbose_name=_("partnership")
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    idea = models.TextField(
        _("What was the idea? Which need or problem did it answer?"), blank=True
    )
    what_happened = models.TextField(
        _(
            "What happened? Where did the idea come from, who contacted whom, how was it "
            "anchored and formalised?"
        ),
        blank=True,
    )
    success = models.TextField(
        _("What made it succeed, and what did the municipality contribute?"), blank=True
    )
    barriers = models.TextField(_("What were the barriers?"), blank=True)
    helped_most = models.TextField(_("What did the municipality do that helped most?"), blank=True)
    lessons = models.TextField(_("What can others learn?"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = StoryQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713

    owners = Owners(association="partnership__organisation")

    QUESTIONS = ("idea", "what_happened", "success", "barriers", "helped_most", "lessons")

    class Meta:
        ordering = ["-published_at", "-updated_at"]
        verbose_name = _("cooperation story")
        verbose_name_plural = _("cooperation stories")

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def answers(self) -> list[tuple[str, str]]:
        """(question, answer) for each of the six questions, in order."""
        return [
            (str(cast(models.Field, Story._meta.get_field(name)).verbose_name), getattr(self, name))
            for name in self.QUESTIONS
        ]


class StoryConsent(CentreScopedModel):
    """One side's consent to what the published story shows: its name, and its contact
    person's name and address. Recorded with who gave it and when; withdrawn, not deleted,
    so the record stays."""

    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, related_name="consents", verbose_name=_("story")
    )
    side = models.CharField(_("side"), max_length=20, choices=Side.choices)
    shows_name = models.BooleanField(_("the name may be shown"), default=True)
    shows_contact = models.BooleanField(_("the contact person may be shown"), default=False)
    contact_name = models.CharField(_("contact person shown"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail shown"), blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("given by"),
    )
    given_at = models.DateTimeField(_("given"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    owners = Owners(association="story__partnership__organisation")

    class Meta:
        ordering = ["story", "side", "-given_at"]
        verbose_name = _("consent to publish")
        verbose_name_plural = _("consents to publish")
        constraints = [
            models.UniqueConstraint(
                fields=["story", "side"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="storyconsent_one_active_per_side",
            )
        ]

    def __str__(self) -> str:
        return f"{self.story}: {self.get_side_display()}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class BookletJob(CentreScopedModel, Job):
    """The booklet of a centre's published stories as a PDF, made by a job (core.jobs)."""

    task_name = "cooperation.render_booklet"
    time_limit = 150
    FAILED_PROGRAM = gettext_noop(
        "The booklet could not be made because of an error in the program. The error has "
        "been logged; please try again later or contact support (job number %(number)s)."
    )

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    file = models.FileField(_("file"), upload_to="booklets/%Y/", blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    stories = models.PositiveSmallIntegerField(_("stories"), default=0)

    owners = CENTRE_ONLY

    class Meta:
        ordering = ["-queued_at", "-pk"]
        verbose_name = _("story booklet")
        verbose_name_plural = _("story booklets")

    def __str__(self) -> str:
        return f"{self.centre} ({self.get_status_display()})"


# --- An organisation's own yearly figures ---------------------------------------------------


class ReportedYear(YearPart):
    """The figures of one year as an organisation reports them itself: for an organisation that
    does not log its work in Frivillig (888 volunteers in 2002, 4 437 in 2006; 105 volunteer
    årsverk and 50 staff årsverk). Pages label them as reported; the figures engine reads them
    under the catalogue's keys (`FIGURE_KEYS`). Every field may be left empty."""

    # Field -> the catalogue key it reports.
    FIGURE_KEYS = {
        "volunteers_active": "volunteers.active",
        "volunteers_new": "volunteers.new",
        "volunteers_registered": "volunteers.registered",
        "volunteer_fte": "fte.total",
        "staff_fte": "staff.fte",
        "activities": "activities.held",
        "participants": "participants.total",
        "volunteer_hours": "volunteer_hours.total",
        "income_total": "income.total",
        "income_municipality": "income.municipality",
    }

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="reported_years",
        verbose_name=_("organisation"),
    )
    volunteers_active = models.PositiveIntegerField(_("active volunteers"), null=True, blank=True)
    volunteers_new = models.PositiveIntegerField(_("new volunteers"), null=True, blank=True)
    volunteers_registered = models.PositiveIntegerField(
        _("volunteers registered at the end of the year"), null=True, blank=True
    )
    volunteer_fte = models.DecimalField(
        _("volunteer full-time equivalents"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    staff_fte = models.DecimalField(
        _("staff full-time equivalents"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    activities = models.PositiveIntegerField(_("activities held"), null=True, blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    volunteer_hours = models.PositiveIntegerField(_("volunteer hours"), null=True, blank=True)
    income_total = models.PositiveBigIntegerField(
        _("operating income in total (NOK)"), null=True, blank=True
    )
    income_municipality = models.PositiveBigIntegerField(
        _("of it from the municipality (NOK)"), null=True, blank=True
    )
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # The organisation enters its own figures; the centre may enter them on its behalf.
    owners = Owners(association="organisation", association_edits=True)

    class Meta:
        ordering = ["organisation", "-year"]
        verbose_name = _("reported year")
        verbose_name_plural = _("reported years")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"],
                name="reportedyear_unique_year",
                violation_error_message=_("The organisation has reported this year already."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"

    def clean(self) -> None:
        super().clean()
        if (
            self.income_total is not None
            and self.income_municipality is not None
            and self.income_municipality > self.income_total
        ):
            raise ValidationError(
                {"income_municipality": _("The municipality's part cannot exceed the total.")}
            )


# --- Municipal money per activity line --------------------------------------------------------


class MunicipalSupport(YearPart):
    """What the municipality gives one project (an activity line: the visiting service, the
    activity house) in a year: operating money or activity money, and what the line cost in
    all that year, so the pages can say "16 of 31 activities supported, 3 fully financed,
    self-financed share N %" (the figures engine counts it)."""

    class Kind(models.TextChoices):
        OPERATING = "operating", _("Operating money")
        ACTIVITY = "activity", _("Activity money")

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("project (activity line)"),
    )
    kind = models.CharField(_("kind of money"), max_length=10, choices=Kind.choices)
    amount = models.PositiveIntegerField(_("amount from the municipality (NOK)"))
    cost_total = models.PositiveIntegerField(
        _("the line's total cost that year (NOK)"),
        null=True,
        blank=True,
        help_text=_("For the self-financed share; empty when not known."),
    )
    unit = models.ForeignKey(
        MunicipalUnit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from the municipal unit"),
    )
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supports",
        verbose_name=_("under the partnership"),
    )
    comment = models.CharField(_("comment"), max_length=300, blank=True)

    owners = Owners(association="project__organisation")

    class Meta:
        ordering = ["-year", "project"]
        verbose_name = _("municipal support")
        verbose_name_plural = _("municipal support")

    def __str__(self) -> str:
        return f"{self.project} {self.year}: {self.get_kind_display()} {self.amount}"


# --- The national register of volunteer centres ------------------------------------------------


class NationalRegisterEntry(CentreScopedModel):
    """What Norges Frivilligsentraler keeps for every centre ("Min enhet"): ownership form,
    network, the daily manager's position size, the daily manager and the chair of the board
    or advisory body (names of persons: see cooperation.privacy)."""

    class Ownership(models.TextChoices):
        MUNICIPAL = "municipal", _("Municipal")
        ASSOCIATION = "association", _("Association (forening/lag)")
        FOUNDATION = "foundation", _("Foundation")
        COOPERATIVE = "cooperative", _("Cooperative (samvirkeforetak)")
        COMPANY = "company", _("Limited company (AS)")
        OTHER = "other", _("Other")

    class Position(models.TextChoices):
        OVER_100 = "over_100", _("Over 100 %")
        FULL = "100", _("100 %")
        P75_100 = "75_100", _("75–100 %")
        P50_75 = "50_75", _("50–75 %")
        P50 = "50", _("50 %")
        UNDER_50 = "under_50", _("Under 50 %")

    ownership = models.CharField(_("ownership form"), max_length=20, choices=Ownership.choices)
    network = models.CharField(_("network"), max_length=200, blank=True)
    manager_position = models.CharField(
        _("the daily manager's position"), max_length=10, choices=Position.choices, blank=True
    )
    daily_manager = models.CharField(_("daily manager"), max_length=200, blank=True)
    chair = models.CharField(_("chair of the board or advisory body"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    owners = CENTRE_ONLY

    class Meta:
        verbose_name = _("entry in the national register")
        verbose_name_plural = _("entries in the national register")
        constraints = [
            models.UniqueConstraint(fields=["centre"], name="nationalregister_one_per_centre")
        ]

    def __str__(self) -> str:
        return str(self.centre)
