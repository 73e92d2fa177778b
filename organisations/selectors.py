"""Reads of the association registry. Other apps (and reports) read through these."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from core.audit import describe, events_of
from core.permissions import Access

from .filters import OrganisationFilter
from .models import (
    CONFIRMATION_INTERVAL,
    Category,
    HelpOffer,
    Invitation,
    Membership,
    Organisation,
    OrganisationCategory,
    OrganisationKind,
)


def association_ids_of(access: Access) -> list[int]:
    """The associations an association user belongs to: `Access.association_ids`, which this
    app registers with core (`core.permissions.register_access_part`). One query."""
    return list(
        Membership.objects.filter(user=access.user_id).values_list("organisation_id", flat=True)
    )


def _with_list_relations(qs: QuerySet[Organisation]) -> QuerySet[Organisation]:
    return qs.select_related("district").prefetch_related(
        Prefetch(
            "ranked_categories",
            queryset=OrganisationCategory.objects.select_related("category"),
        )
    )


def organisation_list(*, access: Access) -> QuerySet[Organisation]:
    """The associations the user may see, with what a list row shows loaded in bulk."""
    return _with_list_relations(Organisation.objects.visible_to(access))


def organisation_filter(*, access: Access, params: Any) -> OrganisationFilter:
    """The coordinator's filtered, sorted list (scoped first, then filtered)."""
    return OrganisationFilter(params, queryset=organisation_list(access=access), access=access)


def organisation_detail(*, access: Access) -> QuerySet[Organisation]:
    """The associations the user may open, with what the detail page shows."""
    return organisation_list(access=access).prefetch_related("cooperation_areas")


def organisation_history(*, organisation: Organisation) -> list[dict[str, Any]]:
    """Every change of an entry, newest first: who, when, what was done and each field's old and
    new value (read from the audit trail, `core.audit`)."""
    return describe(events_of(organisation), Organisation)


def organisations_of_user(*, access: Access) -> QuerySet[Organisation]:
    """The associations an association user belongs to (empty for other roles)."""
    if not access.is_association:
        return Organisation.objects.none()
    return Organisation.objects.visible_to(access).order_by("name")


def organisation_count(*, access: Access, include_archived: bool = False) -> int:
    qs = Organisation.objects.visible_to(access)
    if not include_archived:
        qs = qs.filter(is_archived=False)
    return qs.count()


def organisation_counts(*, access: Access) -> tuple[int, int]:
    """(active associations, of them due for their yearly confirmation) in one query: the
    start page's card and work list; the same rules as `organisation_count` and
    `confirmation_due_count`."""
    limit = timezone.now() - CONFIRMATION_INTERVAL
    due = Q(confirmed_at__isnull=True) | Q(confirmed_at__lt=limit)
    row = (
        Organisation.objects.visible_to(access)
        .filter(is_archived=False)
        .aggregate(active=Count("pk"), due=Count("pk", filter=due))
    )
    return row["active"], row["due"]


def confirmation_due_count(*, access: Access) -> int:
    """Active associations whose entry was not confirmed as current within a year (the list's
    `stale` filter). One query."""
    limit = timezone.now() - CONFIRMATION_INTERVAL
    return (
        organisation_list(access=access)
        .filter(is_archived=False)
        .filter(Q(confirmed_at__isnull=True) | Q(confirmed_at__lt=limit))
        .count()
    )


def members_of(*, organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("user__email")


def invitations_of(*, organisation: Organisation) -> QuerySet[Invitation]:
    return organisation.invitations.select_related("created_by").order_by("-created_at")


def help_offers_of(*, access: Access, organisation: Organisation) -> QuerySet[HelpOffer]:
    """The visitors' offers of help to an association (its users and the coordinators)."""
    return HelpOffer.objects.visible_to(access).filter(organisation=organisation)


def public_param(params: Any, name: str) -> str:
    """A text parameter of the public directory, without NUL characters (PostgreSQL refuses
    them in a query, which would answer a 500) and surrounding white space."""
    return str(params.get(name) or "").replace("\x00", "").strip()


def public_directory(*, params: Any) -> QuerySet[Organisation]:
    """Associations that consented to be listed, across the installation (no login needed).

    Filters: `q` (words in the displayed fields), `category`, `centre` (short name),
    `district` (id), `kind` (OrganisationKind), `needs` (only those that need volunteers now)."""
    qs = _with_list_relations(Organisation.objects.listed_publicly()).select_related("centre")
    query = public_param(params, "q")
    for word in query.casefold().split():
        # Only the displayed fields, never the contact data (see Organisation.public_search_text).
        qs = qs.filter(public_search_text__contains=word)
    category = public_param(params, "category")
    if category.isdigit() and len(category) < 10:
        qs = qs.filter(ranked_categories__category_id=int(category)).distinct()
    centre = public_param(params, "centre")
    if centre:
        qs = qs.filter(centre__slug=centre)
    district = public_param(params, "district")
    if district.isdigit() and len(district) < 10:
        qs = qs.filter(district_id=int(district))
    kind = public_param(params, "kind")
    if kind in OrganisationKind.values:
        qs = qs.filter(kind=kind)
    if public_param(params, "needs") in {"1", "true", "on"}:
        qs = qs.filter(needs_volunteers=True)
    return qs.order_by("name", "pk")


def public_districts() -> QuerySet:
    """Districts of at least one association in the public directory."""
    from core.models import District

    return District.objects.filter(
        pk__in=Organisation.objects.listed_publicly().values("district_id")
    ).order_by("name")


def public_page_url(organisation: Organisation) -> str:
    """The address of an association's public page (contacts, activities, "I want to help")."""
    path = reverse("public:association", args=[organisation.centre.slug, organisation.pk])
    return settings.SITE_URL.rstrip("/") + path


def public_directory_rows(organisations: Iterable[Organisation]) -> list[dict[str, Any]]:
    """The open-data form of the directory: public fields only, and e-mail, phone and website
    only those the association consented to publish (`Organisation.public_contacts`), and
    the address of its public page."""
    rows = []
    for organisation in organisations:
        contact = organisation.public_contacts
        rows.append(
            {
                "id": organisation.pk,
                "name": organisation.name,
                "kind": organisation.kind,
                "organisation_number": organisation.organisation_number or "",
                "centre": organisation.centre.slug,
                "categories": [r.category.label for r in organisation.ranked_categories.all()],
                "description": organisation.description,
                "offers": organisation.offers,
                "target_groups": organisation.target_groups,
                "postal_place": organisation.postal_place,
                "district": organisation.district.name if organisation.district else "",
                "needs_volunteers": organisation.needs_volunteers,
                "volunteer_needs": organisation.volunteer_needs
                if organisation.needs_volunteers
                else "",
                "email": contact.get("email", ""),
                "phone": contact.get("phone", ""),
                "website": contact.get("website", ""),
                "page": public_page_url(organisation),
            }
        )
    return rows


def public_centres() -> QuerySet:
    """Centres that list at least one association in the public directory."""
    from core.models import Centre

    return Centre.objects.filter(
        pk__in=Organisation.objects.listed_publicly().values("centre_id")
    ).order_by("name")


def categories() -> QuerySet[Category]:
    """The public directory's categories: the installation-wide ones."""
    return Category.objects.filter(centre__isnull=True)


@dataclass
class Statistics:
    total: int
    needs_volunteers: int
    stale: int
    archived: int
    by_category: list[tuple[str, int]]
    by_district: list[tuple[str, int]]
    new_per_year: list[tuple[str, int]]
    by_centre: list[tuple[str, int]]


def registry_by_category(*, access: Access, as_of: dt.date) -> list[tuple[str, int]]:
    """The associations in the registry on `as_of` (registered by then, not archived by then),
    each counted once under its first-ranked category, in the categories' order; "No category"
    for the rest. The same rule as the figures engine's `associations.registered`. Two queries.
    """
    in_registry = Organisation.objects.visible_to(access).filter(Organisation.in_registry_on(as_of))
    first_rank = (
        OrganisationCategory.objects.filter(organisation=OuterRef("organisation"))
        .order_by("rank")
        .values("rank")[:1]
    )
    main = (
        OrganisationCategory.objects.filter(organisation__in=in_registry, rank=Subquery(first_rank))
        .values("category_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {row["category_id"]: row["n"] for row in main}
    rows = [(c.label, counts[c.pk]) for c in Category.objects.all() if c.pk in counts]
    total = in_registry.count()
    uncategorised = total - sum(n for _label, n in rows)
    if uncategorised:
        rows.append((gettext("No category"), uncategorised))
    return rows


def organisation_statistics(*, access: Access) -> Statistics:
    """Figures for the statistics page, over the active associations the user may see.

    `by_category` is the registry's count by main category (`registry_by_category`), the same
    as the annual report prints."""
    visible = Organisation.objects.visible_to(access)
    active = visible.filter(is_archived=False)
    limit = timezone.now() - CONFIRMATION_INTERVAL
    totals = active.aggregate(
        total=Count("pk"),
        needs=Count("pk", filter=Q(needs_volunteers=True)),
        stale=Count("pk", filter=Q(confirmed_at__isnull=True) | Q(confirmed_at__lt=limit)),
    )
    archived = visible.filter(is_archived=True).count()
    by_category = registry_by_category(access=access, as_of=timezone.localdate())
    district_counts: Counter[str] = Counter()
    for row in active.values("district__name").annotate(n=Count("pk")):
        district_counts[row["district__name"] or "–"] += row["n"]
    by_district = sorted(district_counts.items(), key=lambda item: -item[1])
    years = (
        visible.annotate(year=ExtractYear("created_at"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )
    new_per_year = [(str(row["year"]), row["n"]) for row in years]
    by_centre = [
        (row["centre__name"], row["n"])
        for row in active.values("centre__name").annotate(n=Count("pk")).order_by("centre__name")
    ]
    return Statistics(
        total=totals["total"],
        needs_volunteers=totals["needs"],
        stale=totals["stale"],
        archived=archived,
        by_category=by_category,
        by_district=by_district,
        new_per_year=new_per_year,
        by_centre=by_centre,
    )


def import_batches(*, access: Access):
    """The centre's import batches, newest first."""
    from .models import ImportBatch

    return ImportBatch.objects.visible_to(access).select_related("created_by")


def register_changes(*, access: Access):
    """Changes the register reported that wait for a decision, by association (one query)."""
    from .models import RegisterChange

    return (
        RegisterChange.objects.visible_to(access)
        .filter(status=RegisterChange.Status.PENDING)
        .select_related("organisation")
    )


def register_sync_state():
    from .models import RegisterSyncState

    return RegisterSyncState.objects.first()
