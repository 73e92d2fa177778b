"""Reads of the registry: volunteers, consent, privacy events, certificates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.models import (
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

from core.models import AuditEvent
from core.permissions import Access

from .models import Certificate, Consent, ConsentText, Volunteer


def volunteer_list(*, access: Access) -> QuerySet[Volunteer]:
    """The volunteers the user may see, with what a list row shows loaded in bulk."""
    return (
        Volunteer.objects.visible_to(access)
        .select_related("district")
        .prefetch_related("interests", "background_groups")
    )


def volunteer_detail_qs(*, access: Access) -> QuerySet[Volunteer]:
    return (
        Volunteer.objects.visible_to(access)
        .select_related("district", "user")
        .prefetch_related(
            "interests",
            "background_groups",
            "languages",
            "organisations",
            Prefetch("consents", queryset=Consent.objects.select_related("consent_text")),
            "matches__task",
        )
    )


def volunteer_count(*, access: Access, status: str | None = None) -> int:
    qs = Volunteer.objects.visible_to(access).filter(erased_at__isnull=True)
    if status:
        qs = qs.filter(status=status)
    return qs.count()


def volunteer_id_of(access: Access) -> int | None:
    """A volunteer user's own volunteer record: `Access.volunteer_id`, which this app registers
    with core (`core.permissions.register_access_part`). One query."""
    # Found by the account, as the system: the request's scope is built from this Access.
    rows = Volunteer.objects.system().filter(user=access.user_id, centre_id__in=access.centre_ids)
    return rows.values_list("pk", flat=True).first()


def volunteer_of_user(*, access: Access) -> Volunteer | None:
    """The volunteer row of a logged-in volunteer (None for other roles)."""
    if not access.is_volunteer:
        return None
    return volunteer_detail_qs(access=access).filter(user=access.user_id).first()


# What keeps a volunteer from being inactive, from the apps above (`hours`: hours given since the
# cutoff, shown as their last date; `tasks`: a running match), registered in their `ready()`:
# each gives the annotations it needs and the condition a volunteer still counts as inactive.
InactiveRule = Callable[[dt.date], tuple[dict[str, Any], Q]]
_inactive_rules: list[InactiveRule] = []


def register_inactive_rule(rule: InactiveRule) -> None:
    if rule not in _inactive_rules:
        _inactive_rules.append(rule)


def volunteers_inactive(*, access: Access, months: int | None = None) -> QuerySet[Volunteer]:
    """Volunteers with no hours, no running match and no change for `months` months.

    Listed for the coordinator to review (ask, pause, or erase): keep no more than needed.
    """
    months = months if months is not None else settings.VOLUNTEER_INACTIVE_MONTHS
    cutoff = timezone.now() - dt.timedelta(days=round(months * 30.44))
    qs = Volunteer.objects.visible_to(access).filter(erased_at__isnull=True, updated_at__lt=cutoff)
    for rule in _inactive_rules:
        annotations, still_inactive = rule(cutoff.date())
        qs = qs.annotate(**annotations).filter(still_inactive)
    return qs.select_related("district").order_by("updated_at")


def consent_text_list(*, access: Access) -> QuerySet[ConsentText]:
    return ConsentText.objects.visible_to(access).order_by("-version")


# The privacy actions of the audit trail (`core.audit`) a coordinator reviews.
PRIVACY_ACTIONS = (
    "volunteer.exported",
    "volunteer.erased",
    "volunteer.login_invited",
    "consent.given",
    "consent.withdrawn",
    "consent_text.published",
)


def privacy_events(*, access: Access) -> QuerySet[AuditEvent]:
    """Privacy actions on the centre's volunteers, newest first (coordinators only)."""
    if not access.is_coordinator:
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(
        centre_id__in=access.centre_ids, action__in=PRIVACY_ACTIONS
    ).select_related("actor")


# --- Tasks --------------------------------------------------------------------------------------


# --- Hours --------------------------------------------------------------------------------------


# --- Rotas and shifts ----------------------------------------------------------------------------


# --- Paperwork ------------------------------------------------------------------------------------


def certificate_qs(*, access: Access) -> QuerySet[Certificate]:
    return Certificate.objects.visible_to(access).select_related(
        "volunteer", "centre", "centre__municipality"
    )


# What a volunteer did, in words, from the apps above (`tasks`: their matched tasks; `rotas`:
# the rotas of the shifts they were on), registered in their `ready()`.
_done_sources: list[Callable[[Volunteer], list[str]]] = []


def register_done(source: Callable[[Volunteer], list[str]]) -> None:
    if source not in _done_sources:
        _done_sources.append(source)


def tasks_done(*, volunteer: Volunteer) -> list[str]:
    """What the volunteer did, to start a certificate's list of tasks (one query a source)."""
    titles = [title for source in _done_sources for title in source(volunteer)]
    return list(dict.fromkeys(titles))
