"""Writes for volunteers, consent, tasks, matches and hours. Views and the seed call these."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import (
    audit_forget,
    changes_between,
    log_action,
    log_change,
    save_and_log,
    snapshot,
    stored_snapshot,
)
from core.concurrency import claim_version
from core.mail import mail_forget, mail_queue
from core.models import Centre, Role, User
from core.permissions import Access, check_change, check_coordinate, may_change_shared_row
from core.privacy import Person, erase_everywhere, rows_everywhere

from .models import (
    BackgroundGroup,
    Certificate,
    Consent,
    ConsentText,
    Interest,
    Language,
    Volunteer,
)

M2M_FIELDS = ("background_groups", "interests", "languages", "organisations")


def send(*, to: str, template: str, context: dict[str, Any]) -> None:
    """Queue a plain-text e-mail with the change (`core.mail`): it goes after the commit, and a
    mail server that is down never undoes or fails the change."""
    if not to:
        return
    # mail_queue puts the subject on one line (a task title may hold a line break).
    subject = render_to_string(f"volunteers/email/{template}_subject.txt", context)
    body = render_to_string(f"volunteers/email/{template}.txt", context)
    volunteer = context.get("volunteer")
    mail_queue(to=to, subject=subject, body=body, centre=getattr(volunteer, "centre_id", None))


def set_fields(obj: Any, fields: dict[str, Any]) -> dict[str, Iterable]:
    """Set plain fields on obj and return the many-to-many ones, set after saving."""
    m2m = {}
    for name, value in fields.items():
        if name in M2M_FIELDS:
            m2m[name] = value
        else:
            setattr(obj, name, value)
    return m2m


def _with_lists(obj: Any, m2m: dict[str, Iterable]) -> dict[str, list[str]]:
    """The many-to-many values just set, as sorted text for the audit trail."""
    return {name: sorted(str(v) for v in values) for name, values in m2m.items()}


def log_save(
    *, actor: Access, action: str, obj: Any, before: dict | None, m2m_before: dict, m2m: dict
) -> None:
    lists = {
        name: [m2m_before.get(name) or None, value or None]
        for name, value in _with_lists(obj, m2m).items()
        if sorted(m2m_before.get(name) or []) != value
    }
    log_change(actor=actor, action=action, obj=obj, before=before, related=lists)


def lists_of(obj: Any, names: Iterable[str]) -> dict[str, list[str]]:
    if obj.pk is None:
        return {}
    return {name: sorted(str(v) for v in getattr(obj, name).all()) for name in names}


# --- Volunteers ---------------------------------------------------------------------------------


def _check_own_or_change(actor: Access, volunteer: Volunteer) -> None:
    """A volunteer changes their own record (their profile, their calendar address); the
    centre's coordinators (and the system) any of the centre's."""
    if actor.is_volunteer:
        if volunteer.user_id is None or volunteer.user_id != actor.user_id:
            raise PermissionDenied
        return
    check_change(actor, volunteer)


def _date_status(volunteer: Volunteer, previous: str | None) -> None:
    """Keep the dated facts of a status change (`approved_on`, `ended_on`), which the figures
    engine counts "registered at the end of a year" from."""
    today = timezone.localdate()
    if volunteer.status == previous:
        return
    if volunteer.status != Volunteer.Status.APPLICANT and volunteer.approved_on is None:
        volunteer.approved_on = today
    if volunteer.status == Volunteer.Status.ENDED:
        volunteer.ended_on = volunteer.ended_on or today
    else:
        volunteer.ended_on = None


@transaction.atomic
def volunteer_create(
    *, actor: Access, centre: Centre, consent_channel: str = "", **fields: Any
) -> Volunteer:
    """Register a volunteer in a centre (by the coordinator or through the public form).

    With `consent_channel` the consent to the centre's current consent text is recorded too.
    """
    check_coordinate(actor, centre.pk)
    volunteer = Volunteer(centre=centre)
    m2m = set_fields(volunteer, fields)
    _date_status(volunteer, None)
    volunteer.full_clean()
    volunteer.save()
    for name, values in m2m.items():
        getattr(volunteer, name).set(values)
    log_save(
        actor=actor, action="volunteer.created", obj=volunteer, before=None, m2m_before={}, m2m=m2m
    )
    if consent_channel:
        consent_text = consent_text_current(centre=centre)
        if consent_text is None:
            raise ValidationError(_("Publish a consent text before recording consent."))
        consent_record(
            actor=actor, volunteer=volunteer, consent_text=consent_text, channel=consent_channel
        )
    return volunteer


@transaction.atomic
def volunteer_update(
    *, actor: Access, volunteer: Volunteer, expected_version: int | None = None, **fields: Any
) -> Volunteer:
    """Change a volunteer's fields (coordinator, or the volunteer on their own profile). With
    `expected_version` (the version the editor loaded) a save over somebody else's newer save
    raises `core.concurrency.EditConflict`."""
    _check_own_or_change(actor, volunteer)
    if volunteer.is_erased:
        raise ValidationError(_("This person's data has been erased."))
    before = stored_snapshot(volunteer)
    claim_version(volunteer, expected_version)
    previous = volunteer.status
    m2m = set_fields(volunteer, fields)
    _date_status(volunteer, previous)
    m2m_before = lists_of(volunteer, m2m)
    volunteer.full_clean()
    volunteer.save()
    for name, values in m2m.items():
        getattr(volunteer, name).set(values)
    log_save(
        actor=actor,
        action="volunteer.updated",
        obj=volunteer,
        before=before,
        m2m_before=m2m_before,
        m2m=m2m,
    )
    return volunteer


@transaction.atomic
def volunteer_approve(*, actor: Access, volunteer: Volunteer) -> Volunteer:
    """Make an applicant an active volunteer and tell them by e-mail."""
    check_change(actor, volunteer)
    if volunteer.status != Volunteer.Status.APPLICANT:
        raise ValidationError(_("Only applicants can be approved."))
    volunteer.status = Volunteer.Status.ACTIVE
    _date_status(volunteer, Volunteer.Status.APPLICANT)
    volunteer.full_clean()
    volunteer.save(update_fields=["status", "approved_on", "ended_on", "updated_at"])
    log_action(
        actor=actor,
        action="volunteer.approved",
        obj=volunteer,
        changes={"status": [Volunteer.Status.APPLICANT, Volunteer.Status.ACTIVE]},
    )
    send(
        to=volunteer.email,
        template="approved",
        context={"volunteer": volunteer, "centre": volunteer.centre},
    )
    return volunteer


def consent_text_current(*, centre: Centre) -> ConsentText | None:
    """The centre's current consent text. Published text, read through its public scope: the
    public sign-up form shows it to visitors signed in at another centre too."""
    return ConsentText.objects.published().filter(centre=centre).order_by("-version").first()


@transaction.atomic
def consent_text_publish(
    *, actor: Access, centre: Centre, text: str, text_en: str, text_nn: str = ""
) -> ConsentText:
    """Publish a new version of the consent text (bokmål, optionally nynorsk and English). Old
    versions stay, as consents point to them."""
    check_coordinate(actor, centre.pk)
    current = consent_text_current(centre=centre)
    consent_text = ConsentText(
        centre=centre,
        version=(current.version + 1) if current else 1,
        text=text,
        text_nn=text_nn,
        text_en=text_en,
    )
    consent_text.full_clean()
    consent_text.save()
    log_change(actor=actor, action="consent_text.published", obj=consent_text, before=None)
    return consent_text


@transaction.atomic
def consent_record(
    *,
    actor: Access,
    volunteer: Volunteer,
    consent_text: ConsentText,
    channel: str,
    given_at: dt.datetime | None = None,
) -> Consent:
    """Record that the volunteer accepted this version of the consent text."""
    check_change(actor, volunteer)
    if consent_text.centre_id != volunteer.centre_id:
        raise ValidationError(_("The consent text belongs to another centre."))
    consent = Consent(
        volunteer=volunteer,
        consent_text=consent_text,
        channel=channel,
        given_at=given_at or timezone.now(),
    )
    consent.full_clean()
    consent.save()
    # What text, when and how: the consent record itself, kept in the trail too.
    log_action(
        actor=actor,
        action="consent.given",
        obj=volunteer,
        data={"consent_text_version": consent_text.version, "channel": channel},
    )
    return consent


@transaction.atomic
def volunteer_sign_up(
    *,
    centre: Centre,
    consent_text: ConsentText,
    wanted_task: tuple[int, str] | None = None,
    **fields: Any,
) -> Volunteer:
    """The public sign-up: an applicant with their consent recorded, and a confirmation e-mail.
    `wanted_task` (id, title): the public task they signed up from, noted for the coordinator."""
    if wanted_task is not None:
        fields["notes"] = _("Signed up for the task: %(task)s") % {"task": wanted_task[1]}
    volunteer = volunteer_create(
        actor=Access.system(), centre=centre, status=Volunteer.Status.APPLICANT, **fields
    )
    if wanted_task is not None:
        log_action(
            actor=None,
            action="volunteer.wants_task",
            obj=volunteer,
            data={"task": wanted_task[0], "title": wanted_task[1]},
        )
    consent_record(
        actor=Access.system(),
        volunteer=volunteer,
        consent_text=consent_text,
        channel=Consent.Channel.SIGNUP_FORM,
    )
    send(
        to=volunteer.email,
        template="signup_confirmation",
        context={"volunteer": volunteer, "centre": centre},
    )
    return volunteer


@transaction.atomic
def volunteer_invite_login(*, actor: Access, volunteer: Volunteer) -> User:
    """Give an approved volunteer a login (role volunteer) and e-mail a link to set a password.

    The link is allauth's own password-reset link, so the volunteer then logs in the same way
    as everybody else.
    """
    check_change(actor, volunteer)
    from allauth.account.forms import default_token_generator
    from allauth.account.models import EmailAddress
    from allauth.account.utils import user_pk_to_url_str

    if volunteer.status != Volunteer.Status.ACTIVE or volunteer.is_erased:
        raise ValidationError(_("Only an active volunteer can get a login."))
    if not volunteer.email:
        raise ValidationError(_("The volunteer needs an e-mail address to get a login."))
    if volunteer.user is not None:
        user = volunteer.user
    else:
        email = volunteer.email.lower()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("Another login already uses this e-mail address."))
        user = User(
            email=email,
            first_name=volunteer.first_name,
            last_name=volunteer.last_name,
            role=Role.VOLUNTEER,
            centre=volunteer.centre,
        )
        user.set_unusable_password()
        user.full_clean()
        user.save()
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        volunteer.user = user
        volunteer.save(update_fields=["user", "updated_at"])
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    log_action(actor=actor, action="volunteer.login_invited", obj=volunteer)
    send(
        to=user.email,
        template="login_invitation",
        context={"volunteer": volunteer, "link": settings.SITE_URL.rstrip("/") + path},
    )
    return user


@transaction.atomic
def volunteer_export_record(*, actor: Access, volunteer: Volunteer) -> None:
    """Note in the audit trail that a person's data was exported."""
    check_change(actor, volunteer)
    log_action(actor=actor, action="volunteer.exported", obj=volunteer)


def person_of(volunteer: Volunteer) -> Person:
    """The person behind a volunteer record: their names, addresses and phone, as the export
    and the erasure look for them in every app."""
    names = {f"{volunteer.first_name} {volunteer.last_name}".strip()}
    if volunteer.user is not None:
        names.add(volunteer.user.get_full_name())
    return Person(
        centre_id=volunteer.centre_id,
        user_id=volunteer.user_id,
        volunteer_id=volunteer.pk,
        names=tuple(sorted(n for n in names if n)),
        emails=tuple(sorted(_addresses_of(volunteer))),
        phones=(volunteer.phone,) if volunteer.phone else (),
    )


def _addresses_of(volunteer: Volunteer) -> set[str]:
    """Every e-mail address the person is known by: the register's, the login's and the
    login's other addresses."""
    addresses = {volunteer.email}
    if volunteer.user is not None:
        from allauth.account.models import EmailAddress

        addresses.add(volunteer.user.email)
        addresses.update(
            EmailAddress.objects.filter(user_id=volunteer.user_id).values_list("email", flat=True)
        )
    return {address for address in addresses if address}


def _end_sessions_of(user: User) -> None:
    """Delete the person's sessions (they name the user and hold what the login saw)."""
    from django.contrib.sessions.models import Session

    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    Session.objects.filter(pk__in=ended).delete()


@transaction.atomic
def volunteer_erase(*, actor: Access, volunteer: Volunteer) -> Volunteer:
    """Erase one person (GDPR): anonymise every personal field, keep hours and matches.

    Hours and matches stay attached to the now anonymous row, so yearly totals do not change.
    Free text that may name the person (hour descriptions, follow-up notes: each app's eraser,
    `core.privacy`) is cleared, their shifts to come are given up, the
    consents are deleted, the login is deactivated and stripped, and the person is taken out of
    the audit trail (`core.audit.audit_forget`: their logins and failed logins, the change
    history of an association they were the contact person of, the values of their own
    record's history). The trail then records that an erasure happened, by whom and when, and
    nothing of what was erased.
    """
    check_change(actor, volunteer)
    if volunteer.is_erased:
        raise ValidationError(_("This person's data has already been erased."))
    now = timezone.now()
    person = person_of(volunteer)
    for address in person.emails:
        # E-mails to the person (queued, sent or failed) hold their address and name.
        mail_forget(address=address)
    # What the other apps hold (their shifts to come, hour descriptions, follow-up notes; free
    # text that names them in narratives and the PDFs made from them, activity notes,
    # association notes and contacts): each app erases its own.
    erase_everywhere(person, actor=actor)
    # Certificates are documents about the person: they go.
    volunteer.certificates.all().delete()
    audit_forget(
        person=person,
        objects=[
            volunteer,
            *([volunteer.user] if volunteer.user is not None else []),
            # Their hours, matches and shift sign-ups (each app's `rows`).
            *rows_everywhere(person),
        ],
    )
    volunteer.first_name = _("Erased")
    volunteer.last_name = f"#{volunteer.pk}"
    volunteer.email = ""
    volunteer.phone = ""
    volunteer.birth_year = None
    volunteer.postal_code = ""
    volunteer.district = None
    volunteer.notes = ""
    volunteer.available_from = None
    volunteer.available_to = None
    volunteer.available_weekdays = volunteer.available_evenings = False
    volunteer.available_weekends = False
    volunteer.police_certificate_checked_on = None
    volunteer.police_certificate_requested_on = None
    volunteer.status = Volunteer.Status.ENDED
    volunteer.ended_on = volunteer.ended_on or timezone.localdate()
    volunteer.erased_at = now
    volunteer.calendar_token = ""
    user = volunteer.user
    volunteer.user = None
    volunteer.full_clean()
    volunteer.save()
    for name in M2M_FIELDS:
        getattr(volunteer, name).clear()
    volunteer.consents.all().delete()
    if user is not None:
        from allauth.account.models import EmailAddress

        EmailAddress.objects.filter(user=user).delete()
        user.email = f"erased-{user.pk}@invalid.example"
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        _end_sessions_of(user)
    log_action(actor=actor, action="volunteer.erased", obj=volunteer)
    return volunteer


@transaction.atomic
def volunteer_calendar_reset(*, actor: Access, volunteer: Volunteer) -> Volunteer:
    """Give the volunteer's shift calendar a new secret address; the old one stops working at
    once (for a lost phone, or a shared link). The trail records the reset, not the secret."""
    _check_own_or_change(actor, volunteer)
    if volunteer.is_erased:
        raise ValidationError(_("This person's data has been erased."))
    volunteer.calendar_token = secrets.token_urlsafe(32)
    volunteer.save(update_fields=["calendar_token", "updated_at"])
    log_action(actor=actor, action="volunteer.calendar_reset", obj=volunteer)
    return volunteer


# --- Tasks and matches --------------------------------------------------------------------------


# --- Hours --------------------------------------------------------------------------------------


@transaction.atomic
def consent_withdraw(*, actor: Access, consent: Consent) -> Consent:
    """Note that the volunteer withdrew a consent (the coordinator then pauses or erases)."""
    check_change(actor, consent.volunteer)
    if consent.withdrawn_at:
        raise ValidationError(_("This consent is already withdrawn."))
    consent.withdrawn_at = timezone.now()
    consent.full_clean()
    consent.save(update_fields=["withdrawn_at"])
    log_action(
        actor=actor,
        action="consent.withdrawn",
        obj=consent.volunteer,
        data={"consent_text_version": consent.consent_text.version},
    )
    return consent


# --- Data lists the coordinator curates ---------------------------------------------------------


@transaction.atomic
def curated_name_save(
    *,
    actor: Access,
    instance: BackgroundGroup | Interest | Language,
    name: str,
    name_en: str,
    position: int,
    name_nn: str = "",
) -> BackgroundGroup | Interest | Language:
    """Add or rename an entry of a data list (background groups, interests, languages): the
    installation-wide entries only the site admin changes (core.permissions)."""
    if not may_change_shared_row(actor, instance):
        raise PermissionDenied
    before = stored_snapshot(instance)
    instance.name = name
    instance.name_en = name_en
    instance.name_nn = name_nn
    instance.position = position
    save_and_log(instance, actor=actor, before=before)
    return instance


# --- Rotas and shifts ---------------------------------------------------------------------------


# --- Paperwork ------------------------------------------------------------------------------------


@transaction.atomic
def certificate_create(
    *,
    actor: Access,
    volunteer: Volunteer,
    period_start: dt.date,
    period_end: dt.date,
    tasks: str,
    signer_name: str,
    signer_title: str,
) -> Certificate:
    """The coordinator makes a volunteer certificate; the volunteer downloads it."""
    check_change(actor, volunteer)
    certificate = Certificate(
        centre_id=volunteer.centre_id,
        volunteer=volunteer,
        period_start=period_start,
        period_end=period_end,
        tasks=tasks,
        signer_name=signer_name,
        signer_title=signer_title,
        created_by_id=actor.user_id,
    )
    certificate.full_clean()
    certificate.save()
    log_change(actor=actor, action="certificate.created", obj=certificate, before=None)
    return certificate


@transaction.atomic
def police_certificate_record(
    *,
    actor: Access,
    volunteer: Volunteer,
    requested_on: dt.date | None = None,
    shown_on: dt.date | None = None,
) -> Volunteer:
    """Record when a police certificate was requested (the purpose letter was made) and when
    the volunteer showed it. Only the dates: the certificate itself is never stored."""
    check_change(actor, volunteer)
    names = ["police_certificate_requested_on", "police_certificate_checked_on"]
    before = stored_snapshot(volunteer, fields=names) or {}
    if requested_on is not None:
        volunteer.police_certificate_requested_on = requested_on
    if shown_on is not None:
        volunteer.police_certificate_checked_on = shown_on
    volunteer.full_clean()
    volunteer.save(update_fields=names)
    log_action(
        actor=actor,
        action="volunteer.police_certificate",
        obj=volunteer,
        changes=changes_between(before, snapshot(volunteer, fields=names)),
    )
    return volunteer


def inactive_review_record() -> int:
    """Record in the audit trail, for each centre, how many volunteers are due for review
    (retention: nobody is kept longer than needed without being asked). Returns the total."""
    from django.conf import settings

    from core.services import retention_record

    from .selectors import volunteers_inactive

    total = 0
    for centre_id in Centre.objects.values_list("pk", flat=True):
        due = volunteers_inactive(access=Access.system([centre_id])).count()
        total += due
        if due:
            log_action(
                actor=None,
                action="retention.inactive_review",
                centre=centre_id,
                data={"due_for_review": due, "months": settings.VOLUNTEER_INACTIVE_MONTHS},
            )
    retention_record("inactive_review", due_for_review=total)
    return total
