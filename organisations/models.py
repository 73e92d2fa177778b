"""Associations (lag og foreninger) in a centre's registry, and the users who keep them."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from stdnum.no import orgnr

from core.concurrency import version_field
from core.i18n import BilingualNameMixin
from core.jobs import Job
from core.models import (
    CENTRE_ONLY,
    SELF,
    CentreScopedModel,
    CentreScopedQuerySet,
    Owners,
    SharedListModel,
)
from core.validators import validate_single_line

# An entry not confirmed for this long is "stale" and its association is asked to confirm it.
CONFIRMATION_INTERVAL = dt.timedelta(days=365)


def validate_organisation_number(value: str) -> None:
    """Nine digits with a valid modulus-11 check digit (the stored form, without spaces)."""
    if not orgnr.is_valid(value or "") or not (value or "").isdigit():
        raise ValidationError(
            _(
                "%(value)s is not a valid organisation number "
                "(nine digits with a correct check digit)."
            ),
            code="invalid_orgnr",
            params={"value": value},
        )


validate_postal_code = RegexValidator(
    r"^\d{4}$", _("A postal code has four digits, e.g. 8500."), code="invalid_postal_code"
)
validate_phone = RegexValidator(
    r"^(\+47)?\d{8}$",
    _("A Norwegian phone number has eight digits, optionally with +47 in front."),
    code="invalid_phone",
)

validate_municipality_number = RegexValidator(
    r"^\d{4}$",
    _("A municipality number has four digits, e.g. 1804."),
    code="invalid_municipality_number",
)


class CooperationArea(BilingualNameMixin, models.Model):
    """An area an association may want to cooperate with the municipality on. Data, not code."""

    name = models.CharField(_("name (Norwegian)"), max_length=160, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=160, blank=True)
    name_nn = models.CharField(_("name (Nynorsk)"), max_length=160, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("cooperation area")
        verbose_name_plural = _("cooperation areas")

    def __str__(self) -> str:
        return self.label


class Category(BilingualNameMixin, SharedListModel):
    """A category of associations (ICNPO). Data: installation-wide rows (the site admin's) and
    a centre's own additions (its coordinators')."""

    name = models.CharField(_("name (Norwegian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    name_nn = models.CharField(_("name (Nynorsk)"), max_length=120, blank=True)
    icnpo_code = models.CharField(_("ICNPO code"), max_length=10, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("association category")
        verbose_name_plural = _("association categories")
        constraints = SharedListModel.Meta.constraints

    def __str__(self) -> str:
        return self.label


class OrganisationKind(models.TextChoices):
    """What kind of organisation an entry is: the registry holds every kind, not only
    associations (lag og foreninger)."""

    ASSOCIATION = "association", _("Association")
    SOCIAL_ENTREPRENEUR = "social_entrepreneur", _("Social entrepreneur")
    FOUNDATION = "foundation", _("Foundation")
    CENTRE = "centre", _("The volunteer centre itself")


# Enhetsregisteret's organisation forms (organisasjonsform.kode) and the kind each one suggests.
# A foundation (STI) may also be a social entrepreneur: the coordinator changes the kind then.
KIND_OF_ORGANISATION_FORM = {
    "FLI": OrganisationKind.ASSOCIATION,  # forening/lag/innretning
    "ORGL": OrganisationKind.ASSOCIATION,
    "STI": OrganisationKind.FOUNDATION,
    "AS": OrganisationKind.SOCIAL_ENTREPRENEUR,
    "ASA": OrganisationKind.SOCIAL_ENTREPRENEUR,
    "SA": OrganisationKind.SOCIAL_ENTREPRENEUR,  # samvirkeforetak
    "ENK": OrganisationKind.SOCIAL_ENTREPRENEUR,
    "ANS": OrganisationKind.SOCIAL_ENTREPRENEUR,
    "DA": OrganisationKind.SOCIAL_ENTREPRENEUR,
}


def kind_for_organisation_form(code: str, default: str) -> str:
    """The kind the register's organisation form suggests (`default` for a form not known)."""
    return str(KIND_OF_ORGANISATION_FORM.get((code or "").strip().upper(), default))


class OrganisationQuerySet(CentreScopedQuerySet):
    def listed_publicly(self) -> OrganisationQuerySet:
        """Associations that consented to the public directory, of every centre: scoped by
        that consent (the directory shows their public fields only)."""
        return self.filter(is_public=True, is_archived=False)._scoped("public")


class Organisation(CentreScopedModel):
    """An association in the registry of a centre."""

    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=9,
        blank=True,
        null=True,
        unique=True,
        validators=[validate_organisation_number],
        error_messages={
            "unique": _("An association with this organisation number is already registered.")
        },
    )
    kind = models.CharField(
        _("kind of organisation"),
        max_length=20,
        choices=OrganisationKind.choices,
        default=OrganisationKind.ASSOCIATION,
        help_text=_(
            "Association, social entrepreneur (AS, SA, foundation or sole proprietorship), "
            "foundation or the centre itself. Suggested by the register's organisation form."
        ),
    )
    categories = models.ManyToManyField(
        Category, through="OrganisationCategory", blank=True, verbose_name=_("categories")
    )
    description = models.TextField(_("purpose and description"), blank=True)
    target_groups = models.TextField(_("target groups"), blank=True)
    offers = models.TextField(_("what it offers"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    postal_address = models.CharField(_("postal address"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=4, blank=True, validators=[validate_postal_code]
    )
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
    in_national_register = models.BooleanField(
        _("registered in the national register of voluntary organisations"), default=False
    )
    # What Enhetsregisteret holds beside the fields above (the register's bulk download, the
    # look-up and the nightly sync fill them; see organisations/registers.py).
    mobile = models.CharField(
        _("mobile phone"), max_length=20, blank=True, validators=[validate_phone]
    )
    business_address = models.CharField(_("business address"), max_length=200, blank=True)
    business_postal_code = models.CharField(
        _("business postal code"), max_length=4, blank=True, validators=[validate_postal_code]
    )
    business_postal_place = models.CharField(_("business postal place"), max_length=100, blank=True)
    business_municipality_number = models.CharField(
        _("business address municipality number"),
        max_length=4,
        blank=True,
        validators=[validate_municipality_number],
    )
    postal_municipality_number = models.CharField(
        _("postal address municipality number"),
        max_length=4,
        blank=True,
        validators=[validate_municipality_number],
    )
    activity = models.TextField(_("activity (as registered)"), blank=True)
    organisation_form = models.CharField(
        _("organisation form"),
        max_length=10,
        blank=True,
        help_text=_("The register's code, e.g. FLI (association), STI (foundation)."),
    )
    founded_date = models.DateField(_("founding date"), null=True, blank=True)
    national_register_date = models.DateField(
        _("registered in the national register of voluntary organisations on"),
        null=True,
        blank=True,
    )
    is_bankrupt = models.BooleanField(_("bankrupt"), default=False)
    under_liquidation = models.BooleanField(_("under liquidation"), default=False)
    under_forced_liquidation = models.BooleanField(
        _("under compulsory liquidation or dissolution"), default=False
    )
    deleted_on = models.DateField(_("deleted from the register on"), null=True, blank=True)
    register_synced_at = models.DateTimeField(
        _("last updated from the register"), null=True, blank=True, editable=False
    )
    cooperation_areas = models.ManyToManyField(
        CooperationArea,
        blank=True,
        related_name="organisations",
        verbose_name=_("wants to cooperate with the municipality on"),
    )
    needs_volunteers = models.BooleanField(_("needs volunteers now"), default=False)
    volunteer_needs = models.TextField(_("what volunteers are needed for"), blank=True)
    is_public = models.BooleanField(_("listed in the public directory"), default=False)
    shows_contact = models.BooleanField(
        _("show e-mail, phone and website in the public directory"),
        default=False,
        help_text=_("Only with the association's consent."),
    )
    # Which of the contact details the association consented to publish (with `shows_contact`;
    # each consent is recorded as a `ContactConsent`).
    shows_email = models.BooleanField(_("publish the e-mail address"), default=True)
    shows_phone = models.BooleanField(_("publish the phone number"), default=True)
    shows_website = models.BooleanField(_("publish the website"), default=True)
    is_archived = models.BooleanField(_("archived"), default=False)
    # When it was archived (the figures engine counts the registry at a year's end from it).
    archived_at = models.DateTimeField(_("archived on"), null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(_("entry last confirmed"), null=True, blank=True)
    notes = models.TextField(_("internal notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Kept by the services so that the audit trail shows category and cooperation changes as
    # text, and search is case-insensitive for æøå on every database (SQLite's LIKE folds
    # only ASCII).
    category_summary = models.CharField(_("categories"), max_length=400, blank=True)
    cooperation_summary = models.TextField(_("cooperation areas"), blank=True)
    search_text = models.TextField(blank=True, editable=False)
    # What the public directory searches: only what it shows, so that a search cannot tell a
    # stranger whether a contact person's name or e-mail belongs to an association.
    public_search_text = models.TextField(blank=True, editable=False)

    # Optimistic locking: two people editing the entry cannot overwrite each other.
    version = version_field()

    # Names of what the audit trail records beside the fields (see core.audit.describe).
    AUDIT_FIELD_LABELS = {"membership": _("login")}

    objects = OrganisationQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713

    # Its users (members) read and change it.
    owners = Owners(association=SELF, association_edits=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        indexes = [models.Index(fields=["centre", "is_archived", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def public_contacts(self) -> dict[str, str]:
        """The contact details the association consented to publish (and has), by kind."""
        if not self.shows_contact:
            return {}
        shown = {
            "email": self.email if self.shows_email else "",
            "phone": self.phone if self.shows_phone else "",
            "website": self.website if self.shows_website else "",
        }
        return {kind: value for kind, value in shown.items() if value}

    @staticmethod
    def in_registry_on(day: dt.date) -> models.Q:
        """Associations in the registry on `day`: registered by then, not archived by then."""
        return models.Q(created_at__date__lte=day) & (
            models.Q(archived_at__isnull=True) | models.Q(archived_at__date__gt=day)
        )

    @property
    def confirmation_due(self) -> bool:
        """Whether the entry has not been confirmed as current within the last year."""
        return (
            self.confirmed_at is None or self.confirmed_at < timezone.now() - CONFIRMATION_INTERVAL
        )

    @property
    def formatted_organisation_number(self) -> str:
        number = self.organisation_number or ""
        return f"{number[:3]} {number[3:6]} {number[6:]}" if len(number) == 9 else number

    def build_search_text(self) -> str:
        """The lowercase text the free-text search looks in (name, description, contact)."""
        parts = [
            self.name,
            self.organisation_number or "",
            self.description,
            self.contact_name,
            self.email,
            self.postal_place,
        ]
        return " ".join(parts).casefold()

    def build_public_search_text(self) -> str:
        """The lowercase text the public directory searches: the fields it displays only."""
        parts = [
            self.name,
            self.description,
            self.offers,
            self.target_groups,
            self.postal_place,
        ]
        return " ".join(parts).casefold()

    def derive_search_columns(self) -> None:
        """Set the derived search columns from the fields they are read from: done by every
        save, and by the writers that insert rows without one (bulk inserts)."""
        self.search_text = self.build_search_text()
        self.public_search_text = self.build_public_search_text()

    def save(self, *args, **kwargs) -> None:
        # Derived columns, kept in step on every save (admin, seed and services alike) so
        # that search never misses a row.
        self.derive_search_columns()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "search_text",
                "public_search_text",
            }
        super().save(*args, **kwargs)


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


class InvitationQuerySet(CentreScopedQuerySet):
    def by_token(self, token: str) -> InvitationQuerySet:
        """The invitation a link's secret token names: the token is the permission to see it
        (whoever holds the e-mailed link), so this is scoped by the token, not by a user."""
        return self.filter(token=token)._scoped("token")

    def pending(self) -> InvitationQuerySet:
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(CentreScopedModel):
    """An e-mailed, single-use, expiring link that binds an account to an association."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("association"),
    )
    email = models.EmailField(_("e-mail"))
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713

    owners = CENTRE_ONLY

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} – {self.organisation}"

    @property
    def is_usable(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )

    @property
    def status(self) -> str:
        if self.accepted_at:
            return str(_("Accepted"))
        if self.revoked_at:
            return str(_("Revoked"))
        if self.expires_at <= timezone.now():
            return str(_("Expired"))
        return str(_("Pending"))


class ImportBatch(CentreScopedModel, Job):
    """One upload of associations: the file waits in storage, the check and the import run as a
    job (organisations.tasks.run_import_batch, on the job kernel core.jobs), and what they found
    is kept here."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        CHECKED = "checked", _("Checked: waiting for confirmation")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    task_name = "organisations.run_import_batch"
    time_limit = 150  # organisations.tasks.run_import_batch's hard limit
    FAILED_LOST = gettext_noop(
        "The import stopped without an answer (the server may have restarted). "
        "Please upload the file again."
    )
    FAILED_TOO_SLOW = gettext_noop("The import took too long and was stopped. Split the file.")
    FAILED_PROGRAM = gettext_noop(
        "The file could not be imported because of an error in the program. The error "
        "has been logged; please try again later or contact support (import number "
        "%(number)s)."
    )
    FAILED_QUEUE_DOWN = gettext_noop(
        "The import could not be started because the job queue was not available. "
        "Please try again in a few minutes."
    )

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        CSV_GZ = "csv.gz", "CSV (gzip)"
        XLSX = "xlsx", "Excel (.xlsx)"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    filename = models.CharField(_("file name"), max_length=200)
    file_path = models.CharField(_("stored file"), max_length=300, blank=True)
    file_size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    source_format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    municipality_numbers = models.CharField(
        _("only these municipality numbers"), max_length=200, blank=True
    )
    only_registered = models.BooleanField(
        _("only organisations registered in the national register"), default=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    confirmed = models.BooleanField(_("confirmed"), default=False)
    good_rows_only = models.BooleanField(_("only the good rows"), default=False)
    rows_scanned = models.PositiveIntegerField(_("rows read"), default=0)
    rows_filtered_out = models.PositiveIntegerField(_("rows left out by the filters"), default=0)
    rows_total = models.PositiveIntegerField(_("rows to import"), default=0)
    rows_good = models.PositiveIntegerField(_("good rows"), default=0)
    rows_bad = models.PositiveIntegerField(_("rows with errors"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    skipped_count = models.PositiveIntegerField(_("skipped"), default=0)
    columns_imported = models.JSONField(_("columns imported"), default=list, blank=True)
    columns_ignored = models.JSONField(_("columns ignored"), default=list, blank=True)
    preview = models.JSONField(_("first rows"), default=list, blank=True)
    flagged = models.JSONField(_("flagged rows"), default=list, blank=True)
    errors = models.JSONField(_("row errors"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("number of cell errors"), default=0)
    created_ids = models.JSONField(_("associations created"), default=list, blank=True)
    updated_ids = models.JSONField(_("associations updated"), default=list, blank=True)

    owners = CENTRE_ONLY

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def municipality_number_list(self) -> list[str]:
        return [n for n in self.municipality_numbers.replace(" ", "").split(",") if n]

    def on_failed(self) -> None:
        # A failed batch is not imported later: its uploaded file (contact data) goes at once.
        from .importing import upload_discard

        upload_discard(self.file_path)


class RegisterChange(CentreScopedModel):
    """A change the register reported for an association, waiting for the coordinator."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        ACCEPTED = "accepted", _("Accepted")
        IGNORED = "ignored", _("Ignored")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="register_changes",
        verbose_name=_("association"),
    )
    field = models.CharField(_("field"), max_length=50)
    old_value = models.TextField(_("now"), blank=True)
    new_value = models.TextField(_("in the register"), blank=True)
    register_date = models.DateTimeField(_("changed in the register"), null=True, blank=True)
    detected_at = models.DateTimeField(_("found"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    owners = CENTRE_ONLY

    class Meta:
        ordering = ["organisation__name", "field"]
        verbose_name = _("change in the register")
        verbose_name_plural = _("changes in the register")
        constraints = [
            # One open proposal per association and field: a newer one replaces it.
            models.UniqueConstraint(
                fields=["organisation", "field"],
                condition=models.Q(status="pending"),
                name="registerchange_one_pending_per_field",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.field}"

    @property
    def field_label(self) -> str:
        return str(cast(models.Field, Organisation._meta.get_field(self.field)).verbose_name)

    def _display(self, text: str) -> str:
        if isinstance(Organisation._meta.get_field(self.field), models.BooleanField):
            return str(_("Yes") if text == "True" else _("No"))
        return text or "–"

    @property
    def old_display(self) -> str:
        return self._display(self.old_value)

    @property
    def new_display(self) -> str:
        return self._display(self.new_value)


class RegisterSyncState(models.Model):
    """Where the nightly read of the register's change feed got to (one row)."""

    synced_until = models.DateTimeField(_("changes read until"), null=True, blank=True)
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("register sync state")

    def __str__(self) -> str:
        return f"{self.synced_until}"


CONTACT_KINDS = ("email", "phone", "website")


class ContactConsent(CentreScopedModel):
    """An association's consent to publish some of its contact details in the public directory
    and on its public page: what it was asked (the text, word for word), what it chose, when
    and by whom. The newest one is what the entry shows (`Organisation.shows_*`)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="contact_consents",
        verbose_name=_("association"),
    )
    published = models.CharField(
        _("published contact details"),
        max_length=40,
        blank=True,
        help_text=_("e-mail, phone, website: those chosen (none withdraws the consent)."),
    )
    text = models.TextField(_("consent text"))
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("given by"),
    )

    owners = Owners(association="organisation")

    class Meta:
        ordering = ["-given_at", "-pk"]
        verbose_name = _("consent to publish contact details")
        verbose_name_plural = _("consents to publish contact details")

    def __str__(self) -> str:
        return f"{self.organisation} – {self.given_at:%Y-%m-%d}"

    @property
    def published_kinds(self) -> list[str]:
        return [kind for kind in self.published.split(",") if kind]


class HelpOffer(CentreScopedModel):
    """A visitor's "I want to help" message to an association, sent through the centre from
    the association's public page (no account). The visitor's e-mail and phone reach the
    association only when they agreed (`share_contact`); otherwise the centre answers."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="help_offers",
        verbose_name=_("association"),
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    message = models.TextField(_("message"), max_length=2000)
    share_contact = models.BooleanField(_("the association may contact me directly"), default=False)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    owners = Owners(association="organisation")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("offer of help")
        verbose_name_plural = _("offers of help")

    def __str__(self) -> str:
        return f"{self.organisation} – {self.created_at:%Y-%m-%d}"
