"""Writes to the association registry. Views, the import and the command all call these."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Sequence
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.concurrency import claim_version
from core.mail import mail_queue
from core.models import Centre, Role, User

from .models import (
    Category,
    CooperationArea,
    Invitation,
    Membership,
    Organisation,
    OrganisationCategory,
)

INVITATION_LIFETIME = dt.timedelta(days=14)

# Fields an association user may change on its own entry; the rest are the coordinator's.
ASSOCIATION_EDITABLE_FIELDS = (
    "name",
    "organisation_number",
    "description",
    "target_groups",
    "offers",
    "contact_name",
    "email",
    "phone",
    "postal_address",
    "postal_code",
    "postal_place",
    "district",
    "website",
    "member_count",
    "founded_year",
    "in_national_register",
    "needs_volunteers",
    "volunteer_needs",
    "is_public",
)
COORDINATOR_EDITABLE_FIELDS = (*ASSOCIATION_EDITABLE_FIELDS, "notes")


def normalise_organisation_number(value: str | None) -> str | None:
    """Strip spaces (and dots/dashes people type) from an organisation number; None if empty.

    Raises ValidationError when what is left is not a valid organisation number.
    """
    from .models import validate_organisation_number

    if value is None:
        return None
    digits = "".join(ch for ch in str(value) if ch not in " .-\u00a0\t")
    if not digits:
        return None
    validate_organisation_number(digits)
    return digits


def normalise_phone(value: str | None) -> str:
    """Remove the spaces people write in phone numbers ("+47 900 00 000" -> "+4790000000")."""
    return "".join((value or "").split())


def _save(organisation: Organisation, *, actor: User | None) -> None:
    organisation.full_clean()
    # simple_history takes the author from the request middleware; commands pass the actor.
    if actor is not None:
        organisation._history_user = actor
    organisation.save()


def _set_categories(organisation: Organisation, categories: Sequence[Category | None]) -> None:
    ranked = [c for c in categories if c is not None]
    unique: list[Category] = []
    for category in ranked:
        if category not in unique:
            unique.append(category)
    if len(unique) > 3:
        raise ValidationError(_("An association can have at most three categories."))
    OrganisationCategory.objects.filter(organisation=organisation).delete()
    OrganisationCategory.objects.bulk_create(
        OrganisationCategory(organisation=organisation, category=category, rank=rank)
        for rank, category in enumerate(unique, start=1)
    )
    organisation.category_summary = ", ".join(c.name for c in unique)


def _set_cooperation_areas(organisation: Organisation, areas: Iterable[CooperationArea]) -> None:
    areas = sorted(areas, key=lambda a: (a.position, a.name))
    organisation.cooperation_areas.set(areas)
    organisation.cooperation_summary = ", ".join(a.name for a in areas)


def _apply(organisation: Organisation, data: dict[str, Any], allowed: Iterable[str]) -> None:
    allowed = set(allowed)
    for field, value in data.items():
        if field not in allowed:
            continue
        if field == "organisation_number":
            value = normalise_organisation_number(value)
        elif field == "phone":
            value = normalise_phone(value)
        setattr(organisation, field, value)


@transaction.atomic
def organisation_create(
    *,
    actor: User | None,
    centre: Centre,
    data: dict[str, Any],
    categories: Sequence[Category | None] = (),
    cooperation_areas: Iterable[CooperationArea] = (),
) -> Organisation:
    """Register a new association in `centre`."""
    organisation = Organisation(centre=centre)
    _apply(organisation, data, COORDINATOR_EDITABLE_FIELDS)
    _save(organisation, actor=actor)
    _set_categories(organisation, categories)
    _set_cooperation_areas(organisation, cooperation_areas)
    # The summaries are written once more so the creation record in the history shows them.
    organisation.history.filter(history_type="+").update(
        category_summary=organisation.category_summary,
        cooperation_summary=organisation.cooperation_summary,
    )
    Organisation.objects.filter(pk=organisation.pk).update(
        category_summary=organisation.category_summary,
        cooperation_summary=organisation.cooperation_summary,
    )
    return organisation


@transaction.atomic
def organisation_update(
    *,
    actor: User | None,
    organisation: Organisation,
    data: dict[str, Any],
    categories: Sequence[Category | None] | None = None,
    cooperation_areas: Iterable[CooperationArea] | None = None,
    by_association: bool = False,
    expected_version: int | None = None,
    confirm: bool = False,
) -> Organisation:
    """Change an association's entry. Association users cannot change the coordinator's fields:
    anything else in `data` is ignored. With `expected_version` (the version the editor loaded)
    a save over somebody else's newer save raises `core.concurrency.EditConflict`. With
    `confirm`, the same save records that the entry is confirmed as current (the yearly
    confirmation in one step, as `organisation_confirm` does on its own)."""
    claim_version(organisation, expected_version)
    if confirm:
        organisation.confirmed_at = timezone.now()
    _apply(
        organisation,
        data,
        ASSOCIATION_EDITABLE_FIELDS if by_association else COORDINATOR_EDITABLE_FIELDS,
    )
    if categories is not None:
        _set_categories(organisation, categories)
    if cooperation_areas is not None:
        _set_cooperation_areas(organisation, cooperation_areas)
    _save(organisation, actor=actor)
    return organisation


@transaction.atomic
def organisation_archive(*, actor: User | None, organisation: Organisation) -> Organisation:
    """Archive an association (it leaves the active list; nothing is deleted)."""
    organisation.is_archived = True
    _save(organisation, actor=actor)
    return organisation


@transaction.atomic
def organisation_restore(*, actor: User | None, organisation: Organisation) -> Organisation:
    """Bring an archived association back into the active list."""
    organisation.is_archived = False
    _save(organisation, actor=actor)
    return organisation


@transaction.atomic
def organisation_confirm(*, actor: User | None, organisation: Organisation) -> Organisation:
    """Record that the entry was confirmed as current now."""
    organisation.confirmed_at = timezone.now()
    _save(organisation, actor=actor)
    return organisation


# --- Categories ------------------------------------------------------------------------------


@transaction.atomic
def category_save(*, actor: User | None, category: Category) -> Category:
    """Create or change an association category (the list is data the coordinator curates)."""
    category.full_clean()
    category.save()
    return category


# --- Invitations and association users --------------------------------------------------------


def invitation_url(invitation: Invitation) -> str:
    path = reverse("organisations:invitation_accept", args=[invitation.token])
    return settings.SITE_URL.rstrip("/") + path


@transaction.atomic
def invitation_create(*, actor: User, organisation: Organisation, email: str) -> Invitation:
    """Invite `email` to keep `organisation`'s entry; sends the link by e-mail."""
    invitation = Invitation(
        centre=organisation.centre,
        organisation=organisation,
        email=email.strip().lower(),
        token=secrets.token_urlsafe(32),
        created_by=actor,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    invitation.full_clean()
    invitation.save()
    context = {
        "invitation": invitation,
        "organisation": organisation,
        "url": invitation_url(invitation),
        "centre": organisation.centre,
    }
    subject = _("Invitation to keep %(name)s's entry current") % {"name": organisation.name}
    body = render_to_string("organisations/email/invitation.txt", context)
    mail_queue(to=invitation.email, subject=subject, body=body, centre=organisation.centre_id)
    return invitation


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    """Make an unused invitation link stop working."""
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def invitation_accept(*, user: User, invitation: Invitation) -> Membership:
    """Bind `user` to the invitation's association, once; the e-mail link proves the address."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValidationError(_("This invitation has already been used, revoked or has expired."))
    if user.role and user.role != Role.ASSOCIATION:
        raise ValidationError(
            _("This account already has another role. Log in with another e-mail address.")
        )
    if user.role == Role.ASSOCIATION and user.centre_id != invitation.centre_id:
        raise ValidationError(_("This account belongs to another volunteer centre."))
    user.role = Role.ASSOCIATION
    user.centre_id = invitation.centre_id
    user.full_clean()
    user.save(update_fields=["role", "centre"])
    membership, _created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    EmailAddress.objects.filter(user=user, email__iexact=invitation.email).update(verified=True)
    return membership


@transaction.atomic
def membership_revoke(*, actor: User, membership: Membership) -> None:
    """Remove a user's access to an association (the account itself is kept)."""
    membership.delete()
