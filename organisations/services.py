"""Writes to the association registry. Views, the import and the command all call these."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Sequence
from typing import Any, cast

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import creation, log_action, log_change, save_and_log, snapshot, stored_snapshot
from core.concurrency import claim_version
from core.mail import mail_queue
from core.models import Centre, Role, User
from core.permissions import Access, check_change, check_coordinate, may_change_shared_row

from .models import (
    CONTACT_KINDS,
    Category,
    ContactConsent,
    CooperationArea,
    HelpOffer,
    Invitation,
    Membership,
    Organisation,
    OrganisationCategory,
    kind_for_organisation_form,
)

INVITATION_LIFETIME = dt.timedelta(days=14)

# Fields an association user may change on its own entry; the rest are the coordinator's.
ASSOCIATION_EDITABLE_FIELDS = (
    "name",
    "kind",
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
    "shows_contact",
    "mobile",
    "business_address",
    "business_postal_code",
    "business_postal_place",
    "activity",
    "founded_date",
)
# What the national register says about the entity: the coordinator's (and the register's).
REGISTER_STATUS_FIELDS = (
    "business_municipality_number",
    "postal_municipality_number",
    "organisation_form",
    "national_register_date",
    "is_bankrupt",
    "under_liquidation",
    "under_forced_liquidation",
    "deleted_on",
)
COORDINATOR_EDITABLE_FIELDS = (*ASSOCIATION_EDITABLE_FIELDS, *REGISTER_STATUS_FIELDS, "notes")
# Where a write came from; the change history shows it (the register's own changes included).
SOURCES = ("web", "import", "register", "command")


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


def _save(
    organisation: Organisation,
    *,
    actor: Access,
    action: str,
    before: dict[str, Any] | None,
    source: str | None = None,
) -> None:
    """Validate, save and record the change in the audit trail (`before` is None for a new
    entry)."""
    organisation.full_clean()
    organisation.save()
    log_change(
        actor=actor,
        action=f"organisation.{action}",
        obj=organisation,
        before=before,
        source=source,
    )


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
    # The register's organisation form suggests the kind (an AS is a social entrepreneur, a
    # STI a foundation) where the writer did not choose one.
    if "organisation_form" in data and "organisation_form" in allowed and "kind" not in data:
        organisation.kind = kind_for_organisation_form(
            organisation.organisation_form, organisation.kind
        )


@transaction.atomic
def organisation_create(
    *,
    actor: Access,
    centre: Centre,
    data: dict[str, Any],
    categories: Sequence[Category | None] = (),
    cooperation_areas: Iterable[CooperationArea] = (),
    source: str | None = None,
    public_contacts: Sequence[str] | None = None,
) -> Organisation:
    """Register a new association in `centre`. `source` says where the entry came from for the
    audit trail (the app, an import, the national register). `public_contacts` records the
    association's consent to publish those contact details (see `contact_consent_record`)."""
    check_coordinate(actor, centre.pk)
    organisation = Organisation(centre=centre)
    _apply(organisation, data, COORDINATOR_EDITABLE_FIELDS)
    if source == "register":
        organisation.register_synced_at = timezone.now()
    organisation.full_clean()
    organisation.save()
    _set_categories(organisation, categories)
    _set_cooperation_areas(organisation, cooperation_areas)
    log_action(
        actor=actor,
        action="organisation.created",
        obj=organisation,
        changes=creation(organisation),
        source=source,
    )
    Organisation.objects.for_centre(centre).filter(pk=organisation.pk).update(
        category_summary=organisation.category_summary,
        cooperation_summary=organisation.cooperation_summary,
    )
    if public_contacts:
        contact_consent_record(actor=actor, organisation=organisation, kinds=public_contacts)
    return organisation


@transaction.atomic
def organisation_update(
    *,
    actor: Access,
    organisation: Organisation,
    data: dict[str, Any],
    categories: Sequence[Category | None] | None = None,
    cooperation_areas: Iterable[CooperationArea] | None = None,
    expected_version: int | None = None,
    source: str | None = None,
    confirm: bool = False,
    public_contacts: Sequence[str] | None = None,
) -> Organisation:
    """Change an association's entry. An association user (the actor's role says so) cannot
    change the coordinator's fields: anything else in `data` is ignored. With
    `expected_version` (the version the editor loaded) a save over somebody else's newer save
    raises `core.concurrency.EditConflict`. `source`
    says where the change came from for the audit trail ("import", "register"); a change
    from the register also sets the "last updated from the register" marker. With `confirm`,
    the same save records that the entry is confirmed as current (the yearly confirmation in
    one step, as `organisation_confirm` does on its own)."""
    check_change(actor, organisation)
    before = stored_snapshot(organisation)
    claim_version(organisation, expected_version)
    if confirm:
        organisation.confirmed_at = timezone.now()
    _apply(
        organisation,
        data,
        ASSOCIATION_EDITABLE_FIELDS if actor.is_association else COORDINATOR_EDITABLE_FIELDS,
    )
    if categories is not None:
        _set_categories(organisation, categories)
    if cooperation_areas is not None:
        _set_cooperation_areas(organisation, cooperation_areas)
    if source == "register":
        organisation.register_synced_at = timezone.now()
    _save(organisation, actor=actor, action="updated", before=before, source=source)
    if public_contacts is not None:
        # The yearly confirmation renews the consent (recorded again, with today's date).
        contact_consent_record(
            actor=actor, organisation=organisation, kinds=public_contacts, renew=confirm
        )
    return organisation


@transaction.atomic
def organisation_archive(*, actor: Access, organisation: Organisation) -> Organisation:
    """Archive an association (it leaves the active list; nothing is deleted)."""
    check_coordinate(actor, organisation.centre_id)
    before = snapshot(organisation)
    organisation.is_archived = True
    organisation.archived_at = timezone.now()
    _save(organisation, actor=actor, action="archived", before=before)
    return organisation


@transaction.atomic
def organisation_restore(*, actor: Access, organisation: Organisation) -> Organisation:
    """Bring an archived association back into the active list."""
    check_coordinate(actor, organisation.centre_id)
    before = snapshot(organisation)
    organisation.is_archived = False
    organisation.archived_at = None
    _save(organisation, actor=actor, action="restored", before=before)
    return organisation


@transaction.atomic
def organisation_confirm(*, actor: Access, organisation: Organisation) -> Organisation:
    """Record that the entry was confirmed as current now."""
    check_change(actor, organisation)
    before = snapshot(organisation)
    organisation.confirmed_at = timezone.now()
    _save(organisation, actor=actor, action="confirmed", before=before)
    return organisation


# --- Publishing contact details, and offers of help ---------------------------------------------

CONTACT_CONSENT_TEXT = gettext_lazy(
    "We agree that the volunteer centre publishes the contact details we tick here on our "
    "association's public page, in the public directory of associations and in its open data "
    "(CSV and JSON), where anybody can see and copy them, until we change this. We can "
    "withdraw the consent at any time by removing the ticks."
)


def published_kinds(organisation: Organisation) -> list[str]:
    """The contact details an association publishes now (e-mail, phone, website)."""
    if not organisation.shows_contact:
        return []
    return [kind for kind in CONTACT_KINDS if getattr(organisation, f"shows_{kind}")]


@transaction.atomic
def contact_consent_record(
    *,
    actor: Access,
    organisation: Organisation,
    kinds: Iterable[str],
    renew: bool = False,
) -> ContactConsent | None:
    """Record which contact details the association consents to publish (the text it was
    shown, when and who), and publish those; none withdraws the consent. Nothing is recorded
    when the choice is unchanged, unless `renew` (the yearly confirmation) and some are
    published."""
    check_change(actor, organisation)
    chosen = [kind for kind in CONTACT_KINDS if kind in set(kinds)]
    if chosen == published_kinds(organisation) and not (renew and chosen):
        return None
    before = snapshot(organisation)
    organisation.shows_contact = bool(chosen)
    for kind in CONTACT_KINDS:
        setattr(organisation, f"shows_{kind}", kind in chosen)
    organisation.full_clean()
    organisation.save(
        update_fields=["shows_contact", "shows_email", "shows_phone", "shows_website"]
    )
    log_change(actor=actor, action="organisation.contact_consent", obj=organisation, before=before)
    consent = ContactConsent(
        centre_id=organisation.centre_id,
        organisation=organisation,
        published=",".join(chosen),
        text=str(CONTACT_CONSENT_TEXT),
        given_by_id=actor.user_id,
    )
    consent.full_clean()
    consent.save()
    return consent


@transaction.atomic
def help_offer_send(
    *,
    organisation: Organisation,
    name: str,
    email: str,
    phone: str = "",
    message: str,
    share_contact: bool = False,
) -> HelpOffer:
    """A visitor's "I want to help" to an association, through the centre (no account). The
    association sees it on its page and gets an e-mail; the visitor's e-mail and phone are in
    that e-mail only when they agreed, else the centre (which gets a copy) answers them."""
    offer = HelpOffer(
        centre_id=organisation.centre_id,
        organisation=organisation,
        name=name,
        email=email,
        phone=phone,
        message=message,
        share_contact=share_contact,
    )
    offer.full_clean()
    offer.save()
    log_action(
        actor=None,
        action="help_offer.received",
        obj=organisation,
        data={"help_offer": offer.pk, "share_contact": share_contact},
    )
    centre = organisation.centre
    context = {"offer": offer, "organisation": organisation, "centre": centre}
    subject = _("Someone wants to help %(name)s") % {"name": organisation.name}
    to_association = render_to_string("organisations/email/help_offer.txt", context)
    mail_queue(
        to=organisation.email or centre.email,
        subject=subject,
        body=to_association,
        centre=centre,
    )
    if centre.email and centre.email != (organisation.email or centre.email):
        copy = render_to_string(
            "organisations/email/help_offer.txt", {**context, "for_centre": True}
        )
        mail_queue(to=centre.email, subject=subject, body=copy, centre=centre)
    return offer


# --- Categories ------------------------------------------------------------------------------


@transaction.atomic
def category_save(*, actor: Access, category: Category) -> Category:
    """Create or change an association category: a centre's own (its coordinators') or, for
    the site admin, an installation-wide one (core.permissions)."""
    if not may_change_shared_row(actor, category):
        raise PermissionDenied
    before = stored_snapshot(category)
    save_and_log(category, actor=actor, before=before)
    return category


# --- Invitations and association users --------------------------------------------------------


def invitation_url(invitation: Invitation) -> str:
    path = reverse("organisations:invitation_accept", args=[invitation.token])
    return settings.SITE_URL.rstrip("/") + path


@transaction.atomic
def invitation_create(*, actor: Access, organisation: Organisation, email: str) -> Invitation:
    """Invite `email` to keep `organisation`'s entry; sends the link by e-mail."""
    check_coordinate(actor, organisation.centre_id)
    invitation = Invitation(
        centre=organisation.centre,
        organisation=organisation,
        email=email.strip().lower(),
        token=secrets.token_urlsafe(32),
        created_by_id=actor.user_id,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    invitation.full_clean()
    invitation.save()
    log_action(
        actor=actor,
        action="invitation.created",
        obj=invitation,
        changes={"email": [None, invitation.email]},
        data={"organisation": organisation.pk},
    )
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
def invitation_revoke(*, actor: Access, invitation: Invitation) -> Invitation:
    """Make an unused invitation link stop working."""
    check_coordinate(actor, invitation.centre_id)
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        log_action(actor=actor, action="invitation.revoked", obj=invitation)
    return invitation


def invitation_refusal(*, user: User, invitation: Invitation) -> str:
    """Why this signed-in account cannot take the invitation ("" when it can): an account of
    another role or of another centre keeps what it has; the person signs out and opens the
    link again to create (or log in with) the association's own account."""
    if user.role and user.role != Role.ASSOCIATION:
        return str(_("This account already has another role. Log in with another e-mail address."))
    if user.role == Role.ASSOCIATION and user.centre_id != invitation.centre_id:
        return str(_("This account belongs to another volunteer centre."))
    return ""


def invitation_is_for(*, user: User, invitation: Invitation) -> bool:
    """Whether `user` holds the invited address (their login or another of their addresses)."""
    invited = invitation.email.lower()
    return user.email.lower() == invited or (
        EmailAddress.objects.filter(user=user, email__iexact=invited).exists()
    )


@transaction.atomic
def invitation_accept(
    *, user: User, invitation: Invitation, as_other_address: bool = False
) -> Membership:
    """Bind `user` to the invitation's association, once.

    The invitation is bound to its address: the e-mail link proves that address, so a user who
    holds it is bound at once (and the address counts as verified). A user signed in with
    another address (a forwarded link) is bound only when they took the explicit step "accept
    as <their address>" (`as_other_address`), which the audit trail records with both
    addresses.

    It takes the `user` itself, not an Access: the user is the row it changes (role, centre,
    verified address), in allauth's sign-up too, where allauth holds that User instance and no
    Access of theirs exists yet; the trail records them as the actor.
    """
    # The token is the permission (the user may be of no centre yet, or of another one).
    invitation = Invitation.objects.by_token(invitation.token).select_for_update().get()
    if not invitation.is_usable:
        raise ValidationError(_("This invitation has already been used, revoked or has expired."))
    same_address = invitation_is_for(user=user, invitation=invitation)
    if not same_address and not as_other_address:
        raise ValidationError(
            _(
                "This invitation was sent to %(invited)s, but you are logged in as %(email)s. "
                "Log in with the invited address, or accept it as %(email)s."
            )
            % {"invited": invitation.email, "email": user.email}
        )
    refusal = invitation_refusal(user=user, invitation=invitation)
    if refusal:
        raise ValidationError(refusal)
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
    if same_address:
        EmailAddress.objects.filter(user=user, email__iexact=invitation.email).update(verified=True)
    data: dict[str, object] = {"organisation": invitation.organisation_id}
    if not same_address:
        data.update(
            {"accepted_as_other_address": True, "invited": invitation.email, "as": user.email}
        )
    log_action(actor=user, action="invitation.accepted", obj=invitation, data=data)
    return membership


@transaction.atomic
def membership_revoke(*, actor: Access, membership: Membership) -> None:
    """Remove a user's access to an association (the account itself is kept)."""
    check_coordinate(actor, membership.organisation.centre_id)
    log_action(
        actor=actor,
        action="membership.deleted",
        obj=membership.organisation,
        changes={"membership": [str(membership.user), None]},
    )
    membership.delete()


# --- The national register's changes ----------------------------------------------------------

# What the nightly sync compares: name, addresses and the register's status.
SYNC_FIELDS = (
    "name",
    "postal_address",
    "postal_code",
    "postal_place",
    "business_address",
    "business_postal_code",
    "business_postal_place",
    "is_bankrupt",
    "under_liquidation",
    "under_forced_liquidation",
    "deleted_on",
)
# The feed's change types that mean the entity is gone from the register.
DELETED_CHANGE_TYPES = {"Sletting", "Fjernet"}
FEED_PATH = "/enhetsregisteret/api/oppdateringer/enheter"
FEED_PAGE_SIZE = 100
FEED_MAX_PAGES = 1_000


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _propose(organisation: Organisation, field: str, new: Any, when: dt.datetime | None) -> bool:
    """Keep one waiting proposal per association and field; none when nothing differs."""
    from .models import RegisterChange

    old = getattr(organisation, field)
    pending = RegisterChange.objects.for_centre(organisation.centre_id).filter(
        organisation=organisation, field=field, status=RegisterChange.Status.PENDING
    )
    if _as_text(old) == _as_text(new) or (isinstance(new, bool) and bool(old) == new):
        pending.delete()
        return False
    change = pending.first() or RegisterChange(
        centre_id=organisation.centre_id, organisation=organisation, field=field
    )
    change.old_value = _as_text(old)
    change.new_value = _as_text(new)
    change.register_date = when
    change.full_clean(validate_constraints=False)
    change.save()
    return True


def register_sync(*, now: dt.datetime | None = None) -> int:
    """Read Enhetsregisteret's change feed since the last run and propose, for the registry's
    associations only, what changed (name, addresses, bankrupt, liquidation, deleted). Nothing
    is written to an entry: the coordinator accepts or ignores each proposal. Returns how many
    proposals were made. Raises registers.RegisterUnavailable when the feed cannot be read (the
    marker then stays, so the next run reads the same changes)."""
    from . import registers
    from .models import RegisterSyncState

    now = now or timezone.now()
    state = RegisterSyncState.objects.first() or RegisterSyncState()
    since = state.synced_until or now - dt.timedelta(days=1)
    latest: dict[str, tuple[str, dt.datetime | None]] = {}
    newest = since
    params: dict[str, Any] | None = {
        "dato": since.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "size": FEED_PAGE_SIZE,
    }
    url = FEED_PATH
    try:
        for _page in range(FEED_MAX_PAGES):
            page = registers.get_json(url, params)
            for update in (page.get("_embedded") or {}).get("oppdaterteEnheter") or []:
                number = str(update.get("organisasjonsnummer") or "")
                when = None
                if update.get("dato"):
                    when = dt.datetime.fromisoformat(str(update["dato"]).replace("Z", "+00:00"))
                    newest = max(newest, when)
                latest[number] = (str(update.get("endringstype") or ""), when)
            next_link = ((page.get("_links") or {}).get("next") or {}).get("href")
            if not next_link:
                break
            url, params = next_link, None
    except registers.RegisterError as exc:
        state.last_run_at = now
        state.last_error = str(exc)[:500]
        state.save()
        raise registers.RegisterUnavailable(str(exc)) from exc

    proposed = 0
    numbers = list(latest)
    for start in range(0, len(numbers), 500):
        chunk = numbers[start : start + 500]
        # The nightly job reads the registry of every centre.
        for organisation in Organisation.objects.system().filter(
            organisation_number__in=chunk, is_archived=False
        ):
            number = cast(str, organisation.organisation_number)  # one of `chunk`
            kind, when = latest[number]
            if kind in DELETED_CHANGE_TYPES:
                deleted = (when or now).date()
                proposed += _propose(organisation, "deleted_on", deleted, when)
                continue
            try:
                entry = registers.lookup(number, use_cache=False)
            except registers.DeletedFromRegister:
                proposed += _propose(organisation, "deleted_on", (when or now).date(), when)
                continue
            except registers.RegisterError:
                continue  # not found, or away for a moment: the next change will bring it
            for field in SYNC_FIELDS:
                if field in entry.data:
                    proposed += _propose(organisation, field, entry.data[field], when)
    state.synced_until = newest if newest > since else now
    state.last_run_at = now
    state.last_error = ""
    state.save()
    return proposed


@transaction.atomic
def register_change_accept(*, actor: Access, change: Any) -> Organisation:
    """Write a proposed change to the entry through organisation_update, with the register as
    its source (the change history shows it)."""
    from .models import RegisterChange

    check_coordinate(actor, change.centre_id)
    change = (
        RegisterChange.objects.for_centre(change.centre_id).select_for_update().get(pk=change.pk)
    )
    if change.status != RegisterChange.Status.PENDING:
        raise ValidationError(_("This change has already been decided."))
    model_field = cast(models.Field, Organisation._meta.get_field(change.field))
    value = model_field.to_python(change.new_value) if change.new_value else None
    if value is None and not model_field.null:
        value = False if isinstance(model_field, models.BooleanField) else ""
    organisation = (
        Organisation.objects.for_centre(change.centre_id)
        .select_for_update()
        .get(pk=change.organisation_id)
    )
    organisation_update(
        actor=actor, organisation=organisation, data={change.field: value}, source="register"
    )
    change.status = RegisterChange.Status.ACCEPTED
    change.decided_by_id = actor.user_id
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])
    return organisation


@transaction.atomic
def register_change_ignore(*, actor: Access, change: Any) -> None:
    """Leave the entry as it is; the proposal is kept as ignored."""
    from .models import RegisterChange

    check_coordinate(actor, change.centre_id)
    updated = (
        RegisterChange.objects.for_centre(change.centre_id)
        .filter(pk=change.pk, status=RegisterChange.Status.PENDING)
        .update(
            status=RegisterChange.Status.IGNORED,
            decided_by_id=actor.user_id,
            decided_at=timezone.now(),
        )
    )
    if not updated:
        raise ValidationError(_("This change has already been decided."))
    log_action(
        actor=actor,
        action="registerchange.ignored",
        obj=change,
        changes={change.field: [change.old_value, change.new_value]},
        centre=change.centre_id,
    )
