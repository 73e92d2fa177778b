"""The one place that decides who may see and change what.

Every view starts here: `role_required` gates a page by role, `get_object_for_user` looks an
object up through the user's centre (and association or own person) and answers 404 for what
the user may not see, 403 when a read-only user tries to change it. Querysets for lists come from
`Model.objects.visible_to(access)` (see `core.models.CentreScopedQuerySet`).

Who owns a row besides its centre is declared once, on the model (`owners = Owners(...)`, or
`CENTRE_ONLY`; see `core.models.Owners`): the association and/or the volunteer it belongs to,
as field paths. The rows an association or volunteer user sees (`owned_by`) and whether a user
may change a row (`is_editable_by`) are derived from it; a test holds every centre model to it.

The guard against unscoped queries (`core.scopes`). A query of a centre-owned model (every
`CentreScopedModel`) must say whose rows it reads: `visible_to(access)` (a user's),
`for_centre(centre)` / `for_centres(...)` (a centre the code already holds, checked against the
request's centres), `objects.system()` / `visible_to(Access.system())` (the system's), or be
reached from a centre-owned row (`volunteer.hour_entries`). Where it is on:

- In every request, web pages and the admin alike, in tests, DEBUG and production:
  `core.middleware.ScopeMiddleware` enters the request's scope once. An unscoped query there
  raises `ScopeError` (a 500), because a page that fails is better than a page that shows
  another centre's people; the URL permission test requests every page as every role, so a
  forgotten scope fails the suite before it ships. `SCOPE_GUARD=log` (settings) only logs, as
  an emergency switch while a fix ships.
- Code that works across centres on purpose says so where it does it: the admin
  (`core.admin.admin_view_across_centres`), Celery jobs (`frivillig.celery.SystemTask`, also
  when they run in-process), uniqueness checks (`CentreScopedModel.validate_unique`), and any
  other `with scopes_disabled():` or `.system()`; grep for those two names to review them.
- Outside a request (management commands, migrations, the shell, seed data, test factories and
  fixtures) there is no user to scope by and the guard is off: that code runs as the system.

What a role reads beyond scoping is decided here too: `Access.reads_free_text` (the
municipality reads figures, not the centre's free-text notes: the activity export asks it) and
`Access.reads_internal_notes` (the coordinator's notes about an association). Lists people
choose from (categories, interests, languages) follow `may_change_shared_row` below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from .models import (
    Centre,
    CentreScopedModel,
    CentreScopedQuerySet,
    Role,
    SharedListModel,
    User,
)
from .scopes import ScopeError, request_scope, scopes_disabled

__all__ = ["Access", "ScopeError", "request_scope", "scopes_disabled"]

M = TypeVar("M", bound=CentreScopedModel)
S = TypeVar("S", bound=SharedListModel)

# Roles that may change data at all; municipality viewers only read.
WRITE_ROLES = frozenset({Role.COORDINATOR, Role.ASSOCIATION, Role.VOLUNTEER})


@dataclass(frozen=True)
class Access:
    """What the current user is: role, user id and the centres they may see."""

    user_id: int | None
    role: str = ""
    centre_ids: frozenset[int] = field(default_factory=frozenset)
    municipality_id: int | None = None
    is_site_admin: bool = False
    is_system: bool = False
    # A municipality viewer reading one district (`?district=`): `centre_ids` are then the
    # centres of that district only, so every page reads the district's figures and rows.
    district_id: int | None = None
    # The districts the viewer's centres belong to (those a page can be narrowed to).
    district_ids: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def system(cls, centres: Iterable[Centre | int] | None = None) -> Access:
        """The system itself (report rendering, jobs, management commands): reads every centre,
        or only `centres` (a report of one centre), writes nothing through views (no role),
        and is shown as "system" where an actor is. Its empty `centre_ids` means every centre.
        """
        if centres is None:
            return SYSTEM
        ids = frozenset(c if isinstance(c, int) else c.pk for c in centres)
        return cls(user_id=None, centre_ids=ids, is_system=True)

    def __str__(self) -> str:
        if self.is_system:
            return "system"
        return "anonymous" if self.is_anonymous else f"user {self.user_id} ({self.role or '-'})"

    # What a limited role owns, read at most once per Access (and so per request: get_access
    # caches it) when a check first needs it, so edit checks need no query of their own. The app
    # that holds it says how it is found (`register_access_part` below).
    @cached_property
    def association_ids(self) -> frozenset[int]:
        """The associations an association user belongs to (their memberships)."""
        if not self.is_association:
            return frozenset()
        return frozenset(_access_part("association_ids", self) or ())

    @cached_property
    def volunteer_id(self) -> int | None:
        """A volunteer's own volunteer record."""
        if not self.is_volunteer:
            return None
        return _access_part("volunteer_id", self)

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None and not self.is_system

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    @property
    def is_association(self) -> bool:
        return self.role == Role.ASSOCIATION

    @property
    def is_municipality(self) -> bool:
        return self.role == Role.MUNICIPALITY

    @property
    def reads_free_text(self) -> bool:
        """Whether the user may read what staff and associations wrote in free text (notes).
        The municipality reads figures, not the centre's notes, which can name people."""
        return not self.is_municipality

    @property
    def reads_internal_notes(self) -> bool:
        """Whether the user reads the centre staff's internal notes about an association: the
        coordinator only (not the association itself, nor the municipality)."""
        return self.is_coordinator

    @property
    def is_volunteer(self) -> bool:
        return self.role == Role.VOLUNTEER

    @property
    def can_write(self) -> bool:
        return self.role in WRITE_ROLES

    def reaches(self, centre_id: int | None) -> bool:
        """Whether `centre_id` is one of this Access's centres; the system without named
        centres reaches every centre."""
        if self.is_system and not self.centre_ids:
            return True
        return centre_id in self.centre_ids

    @property
    def centre_id(self) -> int | None:
        """The user's own centre, for roles that have exactly one."""
        return next(iter(self.centre_ids)) if len(self.centre_ids) == 1 else None


ANONYMOUS = Access(user_id=None)
SYSTEM = Access(user_id=None, is_system=True)


# --- Access parts: what a limited role owns, found by the app that owns it ---------------------

AccessPart = Callable[[Access], Any]
_access_parts: dict[str, AccessPart] = {}


def register_access_part(name: str, resolver: AccessPart) -> None:
    """Called from an app's `ready()`: how an Access finds a part that the app's models hold
    ("association_ids": organisations' memberships; "volunteer_id": volunteers' own record),
    so core imports no app. `resolver(access)` is called at most once per Access, and only for
    the role the part belongs to."""
    _access_parts[name] = resolver


def _access_part(name: str, access: Access) -> Any:
    resolver = _access_parts.get(name)
    return resolver(access) if resolver is not None else None


def access_for_user(user: Any, *, district: int | None = None) -> Access:
    """Build the Access of a user (anonymous users see nothing).

    A municipality viewer may narrow it to one `district` of the municipality that has a
    centre: the centres of that district. Another district is not a narrowing the viewer may
    ask for, and is ignored."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    district_id = None
    district_ids: frozenset[int] = frozenset()
    if user.role == Role.MUNICIPALITY and user.municipality_id:
        rows = list(
            Centre.objects.filter(municipality_id=user.municipality_id).values_list(
                "id", "district_id"
            )
        )
        district_ids = frozenset(d for _c, d in rows if d is not None)
        if district is not None and district in district_ids:
            district_id = district
            rows = [(c, d) for c, d in rows if d == district]
        centre_ids = frozenset(c for c, _d in rows)
    elif user.role and user.centre_id:
        centre_ids = frozenset({user.centre_id})
    else:
        centre_ids = frozenset()
    return Access(
        user_id=user.pk,
        role=user.role if centre_ids else "",
        centre_ids=centre_ids,
        municipality_id=user.municipality_id,
        is_site_admin=user.is_superuser,
        district_id=district_id,
        district_ids=district_ids,
    )


def user_of(access: Access) -> User:
    """The account behind an Access, for the few writes that need the User itself rather than
    who it is (the acting user's own opt-out, their name in an e-mail they send). The system
    and anonymous visitors have no account: PermissionDenied."""
    if access.user_id is None:
        raise PermissionDenied
    return User.objects.get(pk=access.user_id)


def requested_district(request: HttpRequest) -> int | None:
    """The district a page is asked for (`?district=<id>`), if any."""
    value = request.GET.get("district", "")
    return int(value) if value.isdigit() and len(value) < 10 else None


def get_access(request: HttpRequest) -> Access:
    """The Access of the request's user, computed once per request (a municipality viewer's
    narrowed to the district the page asks for, see `access_for_user`)."""
    cached = getattr(request, "_frivillig_access", None)
    if cached is None:
        user = getattr(request, "user", None)
        district = None
        if getattr(user, "role", "") == Role.MUNICIPALITY:
            district = requested_district(request)
        cached = access_for_user(user, district=district)
        request._frivillig_access = cached  # type: ignore[attr-defined]  # our cache on it
    return cached


def role_required(*roles: str) -> Callable:
    """Gate a view by role: anonymous users go to the login page, other roles get 403."""
    allowed = frozenset(roles)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if get_access(request).role not in allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.allowed_roles = allowed  # type: ignore[attr-defined]
        return wrapper

    return decorator


# Every signed-in user, including site admins and users who have no role yet.
ALL_ROLES = (*Role.values, "")


def signed_in_required(view: Callable) -> Callable:
    """Gate a view to any signed-in user (declared, so the URL permission test sees it)."""
    return role_required(*ALL_ROLES)(view)


def own_centre(request: HttpRequest) -> Centre:
    """The one centre the user works in, for views that create rows there (1 query).

    Only roles tied to one centre have one; a municipality viewer (several centres) or a user
    without a role gets 403 (such views are gated to coordinators and associations anyway).
    """
    centre_id = get_access(request).centre_id
    if centre_id is None:
        raise PermissionDenied
    return Centre.objects.select_related("municipality").get(pk=centre_id)


def visible(
    request: HttpRequest, queryset_or_model: type[M] | models.QuerySet[M, Any]
) -> models.QuerySet[M, Any]:
    """The rows of a centre-scoped model (or queryset) that the request's user may see."""
    qs = (
        queryset_or_model._default_manager.all()
        if isinstance(queryset_or_model, type)
        else queryset_or_model
    )
    return cast(CentreScopedQuerySet, qs).visible_to(get_access(request))


def get_object_for_user(
    request: HttpRequest,
    queryset_or_model: type[M] | models.QuerySet[M, Any],
    *,
    edit: bool = False,
    **lookup: Any,
) -> M:
    """Look an object up through the user's scope.

    Raises Http404 when the user may not see it (never confirming that it exists) and
    PermissionDenied (403) when `edit` is asked for and the user may only read it.
    """
    obj = get_object_or_404(visible(request, queryset_or_model), **lookup)
    if edit and not obj.is_editable_by(get_access(request)):
        raise PermissionDenied
    return obj


# --- What a write service checks, from the Access it is given as its `actor` -----------------


def may_change(access: Access, obj: CentreScopedModel) -> bool:
    """Whether a write service may change `obj` for `access`: a user as `is_editable_by` says
    (the centre's coordinators, an association's users where its model lets them); the system
    (a job, a command, the seed) the rows of its centres, every centre's when it names none."""
    if access.is_system:
        return access.reaches(obj.centre_id)
    return obj.is_editable_by(access)


def check_change(access: Access, obj: CentreScopedModel) -> None:
    """PermissionDenied unless `may_change(access, obj)`: the first line of a write service."""
    if not may_change(access, obj):
        raise PermissionDenied


def may_coordinate(access: Access, centre_id: int | None) -> bool:
    """Whether `access` does the centre's own work in `centre_id` (settings, texts, rotas):
    its coordinators, or the system."""
    return (access.is_system or access.is_coordinator) and access.reaches(centre_id)


def check_coordinate(access: Access, centre_id: int | None) -> None:
    """PermissionDenied unless `may_coordinate(access, centre_id)`."""
    if not may_coordinate(access, centre_id):
        raise PermissionDenied


def require_edit(request: HttpRequest, obj: CentreScopedModel) -> None:
    """403 unless the user may change `obj` (which must already be looked up through scope)."""
    if not obj.is_editable_by(get_access(request)):
        raise PermissionDenied


# --- Lists people choose from: installation-wide rows and a centre's own -------------------------


def may_change_shared_row(access: Access, row: SharedListModel) -> bool:
    """The rule for lists such as association categories, interests and languages.

    An installation-wide row (no centre) is used by every centre's data, so renaming it would
    change them all: only the site admin changes it (in the Django admin). A coordinator adds
    and renames rows of their own centre, and sees both kinds; other centres never see a
    centre's own rows. Municipality viewers, associations and volunteers change none.
    """
    if access.is_site_admin:
        return True
    return (
        access.is_coordinator and row.centre_id is not None and row.centre_id in access.centre_ids
    )


def shared_rows(access: Access, model: type[S]) -> models.QuerySet[S]:
    """The rows of a shared list that the user may see and choose from."""
    if access.is_site_admin or access.is_system:
        return cast(models.QuerySet[S], model._default_manager.all())
    return cast(models.QuerySet[S], model._default_manager.usable_in(access.centre_ids))


def get_shared_row_for_user(request: HttpRequest, model: type[S], *, pk: int, edit: bool) -> S:
    """404 for another centre's own row; 403 when `edit` and the user may not change it."""
    row = get_object_or_404(shared_rows(get_access(request), model), pk=pk)
    if edit and not may_change_shared_row(get_access(request), row):
        raise PermissionDenied
    return row


def roles_label(roles: Iterable[str]) -> str:
    return ", ".join(str(Role(r).label) for r in roles)
