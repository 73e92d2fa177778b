"""Centres, municipalities, districts and users: the shared ground every app stands on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Self, cast

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .scopes import ScopeError, guard_active, report_unscoped, scope_centre_ids, scopes_disabled

if TYPE_CHECKING:
    from .permissions import Access


class Municipality(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name"), unique=True)
    number = models.CharField(_("municipality number"), max_length=4, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class Centre(models.Model):
    """A volunteer centre (frivillighetssentral). One installation may host several."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="centres",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name"), unique=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    description = models.TextField(
        _("about the centre"),
        blank=True,
        help_text=_("What the centre is and does, shown on its public front page."),
    )
    description_nn = models.TextField(
        _("about the centre (nynorsk)"),
        blank=True,
        help_text=_(
            "The same in nynorsk (or bokmål, when the text above is in nynorsk), shown to "
            "visitors who read the pages in that language."
        ),
    )
    website = models.URLField(_("website"), blank=True)
    district = models.ForeignKey(
        "District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="centres",
        verbose_name=_("district"),
        help_text=_("The district (bydel) the centre serves, where it serves one."),
    )
    default_language = models.CharField(
        _("default language"),
        max_length=5,
        choices=[("nb", "Bokmål"), ("nn", "Nynorsk"), ("en", "English")],
        default="nb",
        help_text=_(
            "The language of the centre's pages for visitors who have not chosen one "
            "(a nynorsk municipality's centre chooses Nynorsk)."
        ),
    )

    activities_public_by_default = models.BooleanField(
        _("new activities are public"),
        default=False,
        help_text=_(
            "Whether a new activity, series or task starts out marked public (shown on the "
            "centre's front page, calendar and feed). An activity category can say otherwise; "
            "each form has the box to change it."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("volunteer centre")
        verbose_name_plural = _("volunteer centres")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        district = self.district
        if district is not None and district.municipality_id != self.municipality_id:
            raise ValidationError(
                {"district": _("The district must be in the centre's municipality.")}
            )

    @property
    def content_language(self) -> str:
        """The language the centre's staff write its texts in (titles, needs, consent texts):
        nynorsk for a centre whose pages speak nynorsk, else bokmål. Pages in another language
        mark such text with it (WCAG 2.1 3.1.2, `{% written %}` in core.templatetags)."""
        return "nn" if self.default_language == "nn" else "nb"

    @property
    def localised_description(self) -> tuple[str, str]:
        """The public description and its language: the other written standard's version
        (`description_nn`) when the visitor reads that one and it is filled in."""
        from django.utils.translation import get_language

        language = (get_language() or "nb")[:2]
        other = "nb" if self.content_language == "nn" else "nn"
        if language == other and self.description_nn:
            return self.description_nn, other
        return self.description, self.content_language


class District(models.Model):
    """A district (bydel) of a municipality: centres, associations, volunteers, tasks and
    partnerships belong to one; the municipality's pages can be read per district."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="districts",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="district_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    ASSOCIATION = "association", _("Association user")
    MUNICIPALITY = "municipality", _("Municipality viewer")
    VOLUNTEER = "volunteer", _("Volunteer")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who logs in with an e-mail address. One role, tied to a centre or municipality."""

    username = None  # type: ignore[assignment]  # the e-mail address is the login
    email = models.EmailField(_("e-mail address"), unique=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    centre = models.ForeignKey(
        Centre,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("volunteer centre"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("municipality"),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="municipality") | models.Q(municipality__isnull=False),
                name="user_municipality_viewer_has_municipality",
            ),
            models.CheckConstraint(
                condition=~models.Q(role__in=["coordinator", "association", "volunteer"])
                | models.Q(centre__isnull=False),
                name="user_centre_role_has_centre",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def clean(self) -> None:
        super().clean()
        if self.role == Role.MUNICIPALITY and not self.municipality_id:
            raise ValidationError(
                {"municipality": _("A municipality viewer needs a municipality.")}
            )
        if self.role in {Role.COORDINATOR, Role.ASSOCIATION, Role.VOLUNTEER} and not self.centre_id:
            raise ValidationError({"centre": _("This role needs a volunteer centre.")})


# How an owner's users are reached from the owner's row: an association's through its
# memberships (organisations.Membership), a volunteer through their own user. Named as field
# paths, so core imports no app.
ASSOCIATION_USER_PATH = "memberships__user_id"
VOLUNTEER_USER_PATH = "user_id"
SELF = "self"


@dataclass(frozen=True)
class Owners:
    """Who a centre's row belongs to besides the centre: declared once on each model
    (`owners = Owners(...)`), and the one source of `CentreScopedQuerySet.owned_by` (the rows a
    limited role sees) and `CentreScopedModel.is_editable_by` (who may change a row).

    - `association`: the field path from the row to the association (`organisations.
      Organisation`) whose users see it; `SELF` when the row is the association.
    - `volunteer`: the field path to the volunteer (`volunteers.Volunteer`) whose user sees
      it; `SELF` when the row is the volunteer. A volunteer only reads through ownership.
    - `association_edits`: the association's users may also change the row. The path must
      then be one foreign key (or `SELF`), so the check reads a column and runs no query.
    - `association_reads_unowned`: a row without an association (the centre's own) is read by
      every association user of the centre.

    `CENTRE_ONLY` (no owner): the centre's coordinators, and the municipality reading, only.
    """

    association: str | None = None
    volunteer: str | None = None
    association_edits: bool = False
    association_reads_unowned: bool = False

    def __post_init__(self) -> None:
        if (self.association_edits or self.association_reads_unowned) and (
            self.association is None or "__" in self.association
        ):
            raise ValueError(
                "association_edits and association_reads_unowned need an association "
                "reached through one foreign key (or SELF)."
            )
        if self.association_reads_unowned and self.association == SELF:
            raise ValueError("An association is never without itself.")

    @property
    def is_centre_only(self) -> bool:
        return self.association is None and self.volunteer is None


CENTRE_ONLY = Owners()


def _users_path(owner_path: str, users_path: str) -> str:
    return users_path if owner_path == SELF else f"{owner_path}__{users_path}"


def _crosses_many(model: type[models.Model], path: str) -> bool:
    """Whether the path crosses a relation to many rows (then one row can match twice)."""
    if path == SELF:
        return False
    meta = model._meta
    for name in path.split("__"):
        field = meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        assert field.related_model is not None, f"{path} is not a path of relations"
        meta = field.related_model._meta
    return False


class CentreScopedQuerySet(models.QuerySet):
    """The one scoping mechanism: every centre-owned model's queryset goes through this.

    `visible_to(access)` first restricts rows to the centres the user may see, then keeps the
    rows a user of a limited role (association, volunteer) owns, as the model's `owners` says.
    `for_centre(centre)` is for code that acts in one known centre, `system()` for code that
    reads across centres on purpose. Any other query of the model fails while the guard is on
    (see `core.scopes`).
    """

    # How the queryset was scoped: None (not yet), "access", "centre", "system", "none".
    _scoped_by: str | None = None

    def _clone(self):
        clone = super()._clone()
        clone._scoped_by = self._scoped_by
        return clone

    def _scoped(self, how: str) -> Self:
        clone = self._chain()  # type: ignore[attr-defined]  # QuerySet's own, not in the stubs
        clone._scoped_by = how
        return clone

    @property
    def is_scoped(self) -> bool:
        if self._scoped_by is not None:
            return True
        # Reached from a centre-owned row (a related manager or a prefetch): bound to its centre.
        return isinstance(self._hints.get("instance"), CentreScopedModel)  # type: ignore[attr-defined]

    def _check_scope(self, operation: str) -> None:
        if not self.is_scoped and guard_active():
            report_unscoped(self.model, operation)

    def visible_to(self, access: Access) -> Self:
        if access.is_system:
            qs = self.filter(centre_id__in=access.centre_ids) if access.centre_ids else self
            return qs._scoped("system")
        if access.is_anonymous:
            return self.none()
        qs = self.filter(centre_id__in=access.centre_ids)._scoped("access")
        if access.is_coordinator or access.is_municipality:
            return qs
        return qs.owned_by(access)

    def owned_by(self, access: Access) -> Self:
        """Rows a user with a limited role may see: those their association or their own
        volunteer record owns, as the model's `owners` declares (none without an owner)."""
        owners = cast("type[CentreScopedModel]", self.model).owners
        if owners is None:
            return self.none()
        if access.is_association and owners.association is not None:
            path = owners.association
            rule = models.Q(**{_users_path(path, ASSOCIATION_USER_PATH): access.user_id})
            if owners.association_reads_unowned:
                rule = models.Q(**{f"{path}__isnull": True}) | rule
        elif access.is_volunteer and owners.volunteer is not None:
            path = owners.volunteer
            rule = models.Q(**{_users_path(path, VOLUNTEER_USER_PATH): access.user_id})
        else:
            return self.none()
        qs = self.filter(rule)
        return qs.distinct() if _crosses_many(self.model, path) else qs

    def for_centre(self, centre: Centre | int) -> Self:
        """The rows of one centre, for code that acts in a centre it already holds (a service
        given a checked row, the user's own centre). Inside a request the centre must be one
        the user may see."""
        centre_id = centre if isinstance(centre, int) else centre.pk
        allowed = scope_centre_ids()
        if allowed is not None and centre_id not in allowed:
            raise ScopeError(f"Centre {centre_id} is outside the request's scope.")
        return self.filter(centre_id=centre_id)._scoped("centre")

    def for_centres(self, centres: Iterable[Centre | int]) -> Self:
        """The rows of several centres (a municipality's), each checked as in `for_centre`."""
        ids = {c if isinstance(c, int) else c.pk for c in centres}
        allowed = scope_centre_ids()
        if allowed is not None and not ids <= allowed:
            raise ScopeError(f"Centres {sorted(ids - allowed)} are outside the request's scope.")
        return self.filter(centre_id__in=ids)._scoped("centre")

    def system(self) -> Self:
        """Every row of every centre, for the system's own work (reports, tasks, commands)."""
        return self._scoped("system")

    def none(self) -> Self:
        return super().none()._scoped("none")

    # The operations that run a query: each checks the scope first.
    def _fetch_all(self) -> None:
        if self._result_cache is None:
            self._check_scope("select")
        super()._fetch_all()

    def _iterator(self, use_chunked_fetch, chunk_size):
        self._check_scope("iterator")
        yield from super()._iterator(use_chunked_fetch, chunk_size)

    def count(self) -> int:
        if self._result_cache is None:
            self._check_scope("count")
        return super().count()

    def exists(self) -> bool:
        if self._result_cache is None:
            self._check_scope("exists")
        return super().exists()

    def aggregate(self, *args, **kwargs) -> dict:
        self._check_scope("aggregate")
        return super().aggregate(*args, **kwargs)

    def update(self, **kwargs) -> int:
        self._check_scope("update")
        return super().update(**kwargs)

    def delete(self):
        self._check_scope("delete")
        return super().delete()

    def in_bulk(self, *args, **kwargs) -> dict:
        self._check_scope("in_bulk")
        return super().in_bulk(*args, **kwargs)

    def explain(self, *args, **kwargs) -> str:
        self._check_scope("explain")
        return super().explain(*args, **kwargs)


class CentreScopedModel(models.Model):
    """Abstract base for every record that belongs to a centre."""

    centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, related_name="+", verbose_name=_("volunteer centre")
    )

    # A model that brings its own queryset (`objects = XQuerySet.as_manager()`) replaces this;
    # django-stubs reads that as an instance variable overriding a class variable, so those
    # lines carry `type: ignore[misc]` (typeddjango/django-stubs#1713).
    objects = CentreScopedQuerySet.as_manager()

    # Who the row belongs to besides the centre: every concrete model declares it (`Owners`,
    # or `CENTRE_ONLY`); a test holds each to it, so a new model cannot forget.
    owners: ClassVar[Owners | None] = None

    class Meta:
        abstract = True

    def is_editable_by(self, access: Access) -> bool:
        """Whether this row may be changed by the user: coordinators change their centre's
        rows, association users those their association owns where `owners` lets it edit."""
        if self.centre_id not in access.centre_ids:
            return False
        if access.is_coordinator:
            return True
        owners = self.owners
        if access.is_association and owners is not None and owners.association_edits:
            association_id = self._owner_id(owners.association or SELF)
            return association_id is not None and association_id in access.association_ids
        return False

    def _owner_id(self, path: str) -> int | None:
        if path == SELF:
            return self.pk
        return getattr(self, f"{path}_id")  # a foreign key (`Owners` allows no other)

    # Uniqueness is checked across every centre (a clash anywhere is a clash in the database),
    # so these checks read as the system.
    def validate_unique(self, exclude=None) -> None:
        with scopes_disabled():
            super().validate_unique(exclude=exclude)

    def validate_constraints(self, exclude=None) -> None:
        with scopes_disabled():
            super().validate_constraints(exclude=exclude)


class SharedListQuerySet(models.QuerySet):
    def usable_in(self, centre_ids: Iterable[int]) -> SharedListQuerySet:
        """The installation-wide rows and the own rows of the given centres."""
        return self.filter(models.Q(centre__isnull=True) | models.Q(centre_id__in=list(centre_ids)))


class SharedListModel(models.Model):
    """A row of a list people choose from (association categories, interests, languages...).

    Without a centre the row is installation-wide: every centre's data uses it, so only the site
    admin changes it. With a centre it is that centre's own addition, which its coordinators
    add and rename, and which other centres never see. `core.permissions` holds the rule.
    """

    centre = models.ForeignKey(
        Centre,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("volunteer centre"),
        help_text=_("Empty for an entry every centre uses (only the site admin changes those)."),
    )

    objects = SharedListQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "name"], name="%(app_label)s_%(class)s_unique_centre_name"
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(centre__isnull=True),
                name="%(app_label)s_%(class)s_unique_shared_name",
            ),
        ]

    @property
    def is_installation_wide(self) -> bool:
        return self.centre_id is None

    def clean(self) -> None:
        super().clean()
        name = getattr(self, "name", "")
        if (
            self.centre_id is not None
            and name
            and type(self)
            ._default_manager.filter(centre__isnull=True, name__iexact=name)  # type: ignore[misc]
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError({"name": _("Every centre's list has this entry already.")})


# The years a yearly figure, report or grant round may be of.
FIRST_YEAR = 1990
LAST_YEAR = 2100
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


class YearPart(CentreScopedModel):
    """A centre's row for one year: a project's target or grant, a partnership's contribution,
    the centre's own year. What it is a part of, and whether there is one a year (its unique
    constraint), are the model's own."""

    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)

    class Meta(CentreScopedModel.Meta):
        abstract = True


class YearCount(YearPart):
    """A named result counted in a year ("had contact with a time-giver: 35", "about 10 in
    ordinary work"): named counters, not fixed fields."""

    name = models.CharField(_("what was counted"), max_length=200)
    value = models.PositiveIntegerField(_("number"))
    is_approximate = models.BooleanField(_("approximate (about)"), default=False)

    class Meta(YearPart.Meta):
        abstract = True


# --- Outgoing e-mail, held in the database until the mail server takes it ------------------------


class OutgoingMail(models.Model):
    """An e-mail waiting for, or given to, the mail server.

    Written in the same transaction as the change that causes it, so a saved change never fails
    because the mail server is down, and no mail goes out for a change rolled back. A job sends
    it after the commit and again, with growing pauses, until the server takes it or the
    attempts run out; a mail that finally fails is listed for the coordinator.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Could not be sent")

    centre = models.ForeignKey(
        Centre,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("volunteer centre"),
    )
    to = models.EmailField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    html = models.TextField(_("HTML version"), blank=True)
    from_email = models.CharField(_("from"), max_length=254, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


# --- The one audit trail --------------------------------------------------------------------------


class AuditEvent(models.Model):
    """One write, one row: who did what to which object, when, and which fields changed.

    Every write service records its action here through `core.audit.log_action` (the change
    history of an association, the privacy log of a volunteer, login records and the site
    admin's trail all read from this one table). `changes` maps a field to `[old, new]` as text;
    `data` holds what an event needs beyond that (the address typed at a failed login, the
    client address and browser). Erasing a person goes through `core.audit.audit_forget`.
    """

    class Source(models.TextChoices):
        WEB = "web", _("In the app")
        IMPORT = "import", _("Import")
        REGISTER = "register", _("The national register")
        COMMAND = "command", _("A command")
        SYSTEM = "system", _("The system")

    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    centre = models.ForeignKey(
        Centre,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("volunteer centre"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    action = models.CharField(_("action"), max_length=60)
    # The object as "app_label.model" and its primary key: text, not a foreign key, so an event
    # outlives its object and no process holds a cached id that a restore could change.
    object_type = models.CharField(_("kind of object"), max_length=100, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["object_type", "object_id", "created_at"]),
            models.Index(fields=["centre", "action", "created_at"]),
            models.Index(fields=["action", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"
