"""Reads of the association registry. Other apps (and reports) read through these."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from core.permissions import Access

from .models import Organisation, OrganisationCategory


def organisation_list(*, access: Access) -> QuerySet[Organisation]:
    """The associations the user may see, with what a list row shows loaded in bulk."""
    return (
        Organisation.objects.visible_to(access)
        .select_related("district")
        .prefetch_related(
            Prefetch(
                "ranked_categories",
                queryset=OrganisationCategory.objects.select_related("category"),
            )
        )
    )


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
