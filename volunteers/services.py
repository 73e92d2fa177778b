"""Writes for volunteers, consent, tasks, matches and hours. Views and the seed call these."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from decimal import Decimal
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
    snapshot,
    stored_snapshot,
)
from core.concurrency import claim_version
from core.mail import mail_forget, mail_queue
from core.models import Centre, Role, User
from core.permissions import Access, access_for_user, may_change_shared_row
from core.privacy import Person, erase_everywhere

from .models import (
    BackgroundGroup,
    Certificate,
    Consent,
    ConsentText,
    HourEntry,
    Interest,
    Language,
    Match,
    Rota,
    Shift,
    ShiftSignup,
    Task,
    Volunteer,
)

M2M_FIELDS = ("background_groups", "interests", "languages", "organisations")


def _send(*, to: str, template: str, context: dict[str, Any]) -> None:
    """Queue a plain-text e-mail with the change (`core.mail`): it goes after the commit, and a
    mail server that is down never undoes or fails the change."""
    if not to:
        return
    # mail_queue puts the subject on one line (a task title may hold a line break).
    subject = render_to_string(f"volunteers/email/{template}_subject.txt", context)
    body = render_to_string(f"volunteers/email/{template}.txt", context)
    volunteer = context.get("volunteer")
    mail_queue(to=to, subject=subject, body=body, centre=getattr(volunteer, "centre_id", None))


def _set_fields(obj: Any, fields: dict[str, Any]) -> dict[str, Iterable]:
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


def _log_save(
    *, actor: Any, action: str, obj: Any, before: dict | None, m2m_before: dict, m2m: dict
) -> None:
    lists = {
        name: [m2m_before.get(name) or None, value or None]
        for name, value in _with_lists(obj, m2m).items()
        if sorted(m2m_before.get(name) or []) != value
    }
    log_change(actor=actor, action=action, obj=obj, before=before, related=lists)


def _lists_of(obj: Any, names: Iterable[str]) -> dict[str, list[str]]:
    if obj.pk is None:
        return {}
    return {name: sorted(str(v) for v in getattr(obj, name).all()) for name in names}


# --- Volunteers ---------------------------------------------------------------------------------


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
    *, actor: User | None, centre: Centre, consent_channel: str = "", **fields: Any
) -> Volunteer:
    """Register a volunteer in a centre (by the coordinator or through the public form).

    With `consent_channel` the consent to the centre's current consent text is recorded too.
    """
    volunteer = Volunteer(centre=centre)
    m2m = _set_fields(volunteer, fields)
    _date_status(volunteer, None)
    volunteer.full_clean()
    volunteer.save()
    for name, values in m2m.items():
        getattr(volunteer, name).set(values)
    _log_save(
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
    *, actor: User, volunteer: Volunteer, expected_version: int | None = None, **fields: Any
) -> Volunteer:
    """Change a volunteer's fields (coordinator, or the volunteer on their own profile). With
    `expected_version` (the version the editor loaded) a save over somebody else's newer save
    raises `core.concurrency.EditConflict`."""
    if volunteer.is_erased:
        raise ValidationError(_("This person's data has been erased."))
    before = stored_snapshot(volunteer)
    claim_version(volunteer, expected_version)
    previous = volunteer.status
    m2m = _set_fields(volunteer, fields)
    _date_status(volunteer, previous)
    m2m_before = _lists_of(volunteer, m2m)
    volunteer.full_clean()
    volunteer.save()
    for name, values in m2m.items():
        getattr(volunteer, name).set(values)
    _log_save(
        actor=actor,
        action="volunteer.updated",
        obj=volunteer,
        before=before,
        m2m_before=m2m_before,
        m2m=m2m,
    )
    return volunteer


@transaction.atomic
def volunteer_approve(*, actor: User, volunteer: Volunteer) -> Volunteer:
    """Make an applicant an active volunteer and tell them by e-mail."""
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
    _send(
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
def consent_text_publish(*, actor: User, centre: Centre, text: str, text_en: str) -> ConsentText:
    """Publish a new version of the consent text. Old versions stay, as consents point to them."""
    current = consent_text_current(centre=centre)
    consent_text = ConsentText(
        centre=centre, version=(current.version + 1) if current else 1, text=text, text_en=text_en
    )
    consent_text.full_clean()
    consent_text.save()
    log_change(actor=actor, action="consent_text.published", obj=consent_text, before=None)
    return consent_text


@transaction.atomic
def consent_record(
    *,
    actor: User | None,
    volunteer: Volunteer,
    consent_text: ConsentText,
    channel: str,
    given_at: dt.datetime | None = None,
) -> Consent:
    """Record that the volunteer accepted this version of the consent text."""
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
def volunteer_sign_up(*, centre: Centre, consent_text: ConsentText, **fields: Any) -> Volunteer:
    """The public sign-up: an applicant with their consent recorded, and a confirmation e-mail."""
    volunteer = volunteer_create(
        actor=None, centre=centre, status=Volunteer.Status.APPLICANT, **fields
    )
    consent_record(
        actor=None,
        volunteer=volunteer,
        consent_text=consent_text,
        channel=Consent.Channel.SIGNUP_FORM,
    )
    _send(
        to=volunteer.email,
        template="signup_confirmation",
        context={"volunteer": volunteer, "centre": centre},
    )
    return volunteer


@transaction.atomic
def volunteer_invite_login(*, actor: User, volunteer: Volunteer) -> User:
    """Give an approved volunteer a login (role volunteer) and e-mail a link to set a password.

    The link is allauth's own password-reset link, so the volunteer then logs in the same way
    as everybody else.
    """
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
    _send(
        to=user.email,
        template="login_invitation",
        context={"volunteer": volunteer, "link": settings.SITE_URL.rstrip("/") + path},
    )
    return user


@transaction.atomic
def volunteer_export_record(*, actor: User, volunteer: Volunteer) -> None:
    """Note in the audit trail that a person's data was exported."""
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
def volunteer_erase(*, actor: User, volunteer: Volunteer) -> Volunteer:
    """Erase one person (GDPR): anonymise every personal field, keep hours and matches.

    Hours and matches stay attached to the now anonymous row, so yearly totals do not change.
    Free text that may name the person (hour descriptions, follow-up notes) is cleared, the
    consents are deleted, the login is deactivated and stripped, and the person is taken out of
    the audit trail (`core.audit.audit_forget`: their logins and failed logins, the change
    history of an association they were the contact person of, the values of their own
    record's history). The trail then records that an erasure happened, by whom and when, and
    nothing of what was erased.
    """
    if volunteer.is_erased:
        raise ValidationError(_("This person's data has already been erased."))
    now = timezone.now()
    person = person_of(volunteer)
    for address in person.emails:
        # E-mails to the person (queued, sent or failed) hold their address and name.
        mail_forget(address=address)
    # Free text elsewhere that names them (narratives and the PDFs made from them, activity
    # notes, association notes and contacts): each app redacts its own.
    erase_everywhere(person, actor=actor)
    # An erased person holds no place: their shifts to come go to the waiting list.
    for signup in volunteer.shift_signups.exclude(status=ShiftSignup.Status.CANCELLED).filter(
        shift__held_at__isnull=True, shift__starts_at__gt=now
    ):
        shift = _locked_shift(signup.shift)
        _cancel_locked(actor=actor, shift=shift, signup=shift.signups.get(pk=signup.pk))
    # Certificates are documents about the person: they go.
    volunteer.certificates.all().delete()
    audit_forget(
        person=person,
        objects=[
            volunteer,
            *([volunteer.user] if volunteer.user is not None else []),
            *volunteer.hour_entries.all(),
            *volunteer.matches.all(),
            *volunteer.shift_signups.all(),
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
    volunteer.hour_entries.update(description="")
    volunteer.matches.update(follow_up_notes="")
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
def volunteer_calendar_reset(*, actor: User, volunteer: Volunteer) -> Volunteer:
    """Give the volunteer's shift calendar a new secret address; the old one stops working at
    once (for a lost phone, or a shared link). The trail records the reset, not the secret."""
    if volunteer.is_erased:
        raise ValidationError(_("This person's data has been erased."))
    volunteer.calendar_token = secrets.token_urlsafe(32)
    volunteer.save(update_fields=["calendar_token", "updated_at"])
    log_action(actor=actor, action="volunteer.calendar_reset", obj=volunteer)
    return volunteer


# --- Tasks and matches --------------------------------------------------------------------------


@transaction.atomic
def task_create(*, actor: User, access: Access, centre: Centre, **fields: Any) -> Task:
    """Post a task. An association user may only post for their own association."""
    task = Task(centre=centre, created_by=actor)
    m2m = _set_fields(task, fields)
    if access.is_association and (
        task.organisation_id is None or task.organisation_id not in access.association_ids
    ):
        raise PermissionDenied
    task.full_clean()
    task.save()
    for name, values in m2m.items():
        getattr(task, name).set(values)
    _log_save(actor=actor, action="task.created", obj=task, before=None, m2m_before={}, m2m=m2m)
    return task


@transaction.atomic
def task_update(
    *, actor: User, task: Task, expected_version: int | None = None, **fields: Any
) -> Task:
    """Change a task. With `expected_version` a save over somebody else's newer save raises
    `core.concurrency.EditConflict`."""
    before = stored_snapshot(task)
    claim_version(task, expected_version)
    m2m = _set_fields(task, fields)
    m2m_before = _lists_of(task, m2m)
    task.full_clean()
    task.save()
    for name, values in m2m.items():
        getattr(task, name).set(values)
    _log_save(
        actor=actor, action="task.updated", obj=task, before=before, m2m_before=m2m_before, m2m=m2m
    )
    return task


@transaction.atomic
def match_create(*, actor: User, task: Task, volunteer: Volunteer, **fields: Any) -> Match:
    """Match a volunteer to a task (status proposed unless given) and e-mail the volunteer."""
    if volunteer.centre_id != task.centre_id:
        raise ValidationError(_("The volunteer belongs to another centre."))
    if volunteer.status != Volunteer.Status.ACTIVE:
        raise ValidationError(_("Only active volunteers can be matched."))
    if task.needs_police_certificate and not volunteer.police_certificate_checked_on:
        raise ValidationError(_("This task needs a police certificate the volunteer lacks."))
    if task.matches.filter(volunteer=volunteer).exists():
        raise ValidationError(_("The volunteer is already matched to this task."))
    match = Match(centre=task.centre, task=task, volunteer=volunteer, **fields)
    match.full_clean()
    match.save()
    log_change(actor=actor, action="match.created", obj=match, before=None)
    _send(
        to=volunteer.email,
        template="match_created",
        context={"volunteer": volunteer, "task": task, "match": match},
    )
    return match


@transaction.atomic
def task_express_interest(*, actor: User, task: Task, volunteer: Volunteer) -> Match:
    """A volunteer says they are interested in an open task: a proposed match the coordinator
    follows up (the centre is told by e-mail)."""
    if actor.pk != volunteer.user_id:
        raise PermissionDenied
    if task.status != Task.Status.OPEN:
        raise ValidationError(_("This task is no longer open."))
    if volunteer.centre_id != task.centre_id:
        raise ValidationError(_("The task belongs to another centre."))
    if volunteer.status != Volunteer.Status.ACTIVE:
        raise ValidationError(_("Only approved volunteers can take tasks."))
    if task.needs_police_certificate and not volunteer.police_certificate_checked_on:
        raise ValidationError(_("This task needs a police certificate you have not shown yet."))
    if task.matches.filter(volunteer=volunteer).exists():
        raise ValidationError(_("You have already said you are interested in this task."))
    match = Match(centre=task.centre, task=task, volunteer=volunteer)
    match.full_clean()
    match.save()
    log_change(actor=actor, action="match.created", obj=match, before=None)
    mail_queue(
        to=task.centre.email,
        subject=_("A volunteer is interested in the task %(task)s") % {"task": task.title},
        body=render_to_string(
            "volunteers/email/task_interest.txt", {"volunteer": volunteer, "task": task}
        ),
        centre=task.centre_id,
    )
    return match


@transaction.atomic
def match_update(*, actor: User, match: Match, **fields: Any) -> Match:
    """Change a match's status, dates or follow-up."""
    before = stored_snapshot(match)
    for name, value in fields.items():
        setattr(match, name, value)
    if match.status == Match.Status.ACTIVE and not match.started_on:
        match.started_on = timezone.localdate()
    if match.status == Match.Status.ENDED and not match.ended_on:
        match.ended_on = timezone.localdate()
    match.full_clean()
    match.save()
    log_change(actor=actor, action="match.updated", obj=match, before=before)
    return match


# --- Hours --------------------------------------------------------------------------------------


@transaction.atomic
def hours_log(
    *,
    actor: User,
    access: Access,
    volunteer: Volunteer,
    date: dt.date,
    hours: Decimal,
    task: Task | None = None,
    description: str = "",
) -> HourEntry:
    """Log hours. A volunteer's own entries wait for approval; the coordinator's are approved."""
    if access.is_volunteer and volunteer.user_id != access.user_id:
        raise PermissionDenied
    if task is not None and task.centre_id != volunteer.centre_id:
        raise ValidationError(_("The task belongs to another centre."))
    if date > timezone.localdate():
        raise ValidationError({"date": _("Hours cannot be logged for a future date.")})
    approved = access.is_coordinator
    entry = HourEntry(
        centre=volunteer.centre,
        volunteer=volunteer,
        task=task,
        description=description,
        date=date,
        hours=hours,
        entered_by=actor,
        status=HourEntry.Status.APPROVED if approved else HourEntry.Status.PENDING,
        decided_by=actor if approved else None,
        decided_at=timezone.now() if approved else None,
    )
    entry.full_clean()
    entry.save()
    log_change(actor=actor, action="hours.logged", obj=entry, before=None)
    return entry


@transaction.atomic
def consent_withdraw(*, actor: User, consent: Consent) -> Consent:
    """Note that the volunteer withdrew a consent (the coordinator then pauses or erases)."""
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


@transaction.atomic
def hours_decide(*, actor: User, entry: HourEntry, approve: bool) -> HourEntry:
    """Approve or reject a pending hour entry."""
    if entry.status != HourEntry.Status.PENDING:
        raise ValidationError(_("These hours have already been decided."))
    entry.status = HourEntry.Status.APPROVED if approve else HourEntry.Status.REJECTED
    entry.decided_by = actor
    entry.decided_at = timezone.now()
    entry.full_clean()
    entry.save(update_fields=["status", "decided_by", "decided_at"])
    log_action(
        actor=actor,
        action="hours.approved" if approve else "hours.rejected",
        obj=entry,
        changes={"status": [HourEntry.Status.PENDING, entry.status]},
    )
    return entry


@transaction.atomic
def hours_approve_many(*, actor: User, entries: Iterable[HourEntry]) -> int:
    """Approve several pending entries in one go. Returns how many were approved."""
    count = 0
    for entry in entries:
        hours_decide(actor=actor, entry=entry, approve=True)
        count += 1
    return count


# --- Data lists the coordinator curates ---------------------------------------------------------


@transaction.atomic
def curated_name_save(
    *,
    actor: User,
    instance: BackgroundGroup | Interest | Language,
    name: str,
    name_en: str,
    position: int,
    name_nn: str = "",
) -> BackgroundGroup | Interest | Language:
    """Add or rename an entry of a data list (background groups, interests, languages): the
    installation-wide entries only the site admin changes (core.permissions)."""
    if not may_change_shared_row(access_for_user(actor), instance):
        raise PermissionDenied
    before = stored_snapshot(instance)
    instance.name = name
    instance.name_en = name_en
    instance.name_nn = name_nn
    instance.position = position
    instance.full_clean()
    instance.save()
    model = type(instance)._meta.model_name
    action = f"{model}.created" if before is None else f"{model}.updated"
    log_change(actor=actor, action=action, obj=instance, before=before)
    return instance


# --- Rotas and shifts ---------------------------------------------------------------------------

ROTA_FIELDS = (
    "title",
    "description",
    "project",
    "district",
    "needs_police_certificate",
    "signup_closes_hours",
    "is_active",
)


@transaction.atomic
def rota_save(*, actor: User, centre: Centre, rota: Rota | None = None, **fields: Any) -> Rota:
    """Create a rota in `centre`, or change `rota`; `interests` is set after saving."""
    interests = fields.pop("interests", None)
    unknown = set(fields) - set(ROTA_FIELDS)
    if unknown:
        raise TypeError(f"Unknown rota fields: {sorted(unknown)}")
    created = rota is None
    if rota is None:
        rota = Rota(centre=centre)
    elif rota.centre_id != centre.pk:
        raise PermissionDenied
    before = None if created else stored_snapshot(rota)
    m2m_before = {} if created else _lists_of(rota, ["interests"])
    for name, value in fields.items():
        setattr(rota, name, value)
    rota.full_clean()
    rota.save()
    m2m = {}
    if interests is not None:
        rota.interests.set(interests)
        m2m["interests"] = interests
    _log_save(
        actor=actor,
        action="rota.created" if created else "rota.updated",
        obj=rota,
        before=before,
        m2m_before=m2m_before,
        m2m=m2m,
    )
    return rota


@transaction.atomic
def shifts_add(
    *,
    actor: User,
    rota: Rota,
    first_day: dt.date,
    starts: dt.time,
    ends: dt.time,
    capacity: int,
    weeks: int = 1,
) -> list[Shift]:
    """Add a shift on `first_day` from `starts` to `ends` and, with `weeks` > 1, the same shift
    on the same weekday of the following weeks (the café every Tuesday 11–14, two places)."""
    if not 1 <= weeks <= 52:
        raise ValidationError({"weeks": _("Repeat for 1 to 52 weeks.")})
    if ends <= starts:
        raise ValidationError({"ends": _("The shift ends before it starts.")})
    zone = timezone.get_current_timezone()
    shifts = []
    for week in range(weeks):
        day = first_day + dt.timedelta(weeks=week)
        shift = Shift(
            centre_id=rota.centre_id,
            rota=rota,
            starts_at=dt.datetime.combine(day, starts, tzinfo=zone),
            ends_at=dt.datetime.combine(day, ends, tzinfo=zone),
            capacity=capacity,
        )
        shift.full_clean()
        shift.save()
        log_change(actor=actor, action="shift.created", obj=shift, before=None)
        shifts.append(shift)
    return shifts


def _locked_shift(shift: Shift) -> Shift:
    """The shift row, locked until the end of the transaction: sign-ups and cancellations of
    one shift take turns, so two people never both take its last place."""
    return (
        Shift.objects.for_centre(shift.centre_id)
        .select_for_update(of=("self",))
        .select_related("rota")
        .get(pk=shift.pk)
    )


def _check_signup_allowed(*, access: Access, shift: Shift, volunteer: Volunteer) -> None:
    if volunteer.centre_id != shift.centre_id:
        raise ValidationError(_("The volunteer belongs to another centre."))
    if access.is_volunteer:
        if volunteer.user_id != access.user_id:
            raise PermissionDenied
        if timezone.now() >= shift.signup_closes_at:
            raise ValidationError(_("Sign-up for this shift has closed. Contact the coordinator."))
        if not shift.rota.is_active:
            raise ValidationError(_("This rota is not open for sign-up."))
    elif not access.is_coordinator or shift.centre_id not in access.centre_ids:
        raise PermissionDenied
    if shift.held_at is not None:
        raise ValidationError(_("This shift is already held."))


@transaction.atomic
def shift_sign_up(
    *, actor: User, access: Access, shift: Shift, volunteer: Volunteer
) -> ShiftSignup:
    """Put a volunteer on a shift: coming while there is a free place, otherwise on the
    waiting list. A volunteer signs up themselves until the rota's deadline; the coordinator
    may fill gaps at any time before the shift is held."""
    shift = _locked_shift(shift)
    _check_signup_allowed(access=access, shift=shift, volunteer=volunteer)
    if volunteer.status != Volunteer.Status.ACTIVE:
        raise ValidationError(_("Only approved volunteers can sign up for shifts."))
    if shift.rota.needs_police_certificate and not volunteer.police_certificate_checked_on:
        raise ValidationError(_("This shift needs a police certificate the volunteer lacks."))
    signup = shift.signups.filter(volunteer=volunteer).first()
    if signup is not None and signup.status != ShiftSignup.Status.CANCELLED:
        raise ValidationError(_("The volunteer is already on this shift."))
    taken = shift.signups.filter(status=ShiftSignup.Status.CONFIRMED).count()
    status = ShiftSignup.Status.CONFIRMED if taken < shift.capacity else ShiftSignup.Status.WAITING
    before = stored_snapshot(signup) if signup is not None else None
    if signup is None:
        signup = ShiftSignup(centre_id=shift.centre_id, shift=shift, volunteer=volunteer)
    signup.status = status
    signup.listed_at = timezone.now()
    signup.reminded_at = None
    signup.full_clean()
    signup.save()
    log_change(actor=actor, action="shift_signup.created", obj=signup, before=before)
    return signup


@transaction.atomic
def shift_cancel(*, actor: User, access: Access, signup: ShiftSignup) -> ShiftSignup | None:
    """Take a volunteer off a shift. When they had a place, the first on the waiting list
    moves up and is told by e-mail; that sign-up is returned (None when nobody moved up)."""
    shift = _locked_shift(signup.shift)
    signup = shift.signups.select_related("volunteer").get(pk=signup.pk)
    _check_signup_allowed(access=access, shift=shift, volunteer=signup.volunteer)
    if signup.status == ShiftSignup.Status.CANCELLED:
        raise ValidationError(_("This sign-up is already cancelled."))
    return _cancel_locked(actor=actor, shift=shift, signup=signup)


def _cancel_locked(*, actor: User | None, shift: Shift, signup: ShiftSignup) -> ShiftSignup | None:
    """Cancel a sign-up of a locked shift and give a freed place to the waiting list."""
    before = stored_snapshot(signup)
    had_place = signup.status == ShiftSignup.Status.CONFIRMED
    signup.status = ShiftSignup.Status.CANCELLED
    signup.save(update_fields=["status"])
    log_change(actor=actor, action="shift_signup.cancelled", obj=signup, before=before)
    if not had_place:
        return None
    moved = _move_up(actor=actor, shift=shift)
    return moved[0] if moved else None


def _move_up(*, actor: User | None, shift: Shift) -> list[ShiftSignup]:
    """Give the free places of a (locked) shift to the waiting list, first come first, and
    tell each by e-mail."""
    free = shift.capacity - shift.signups.filter(status=ShiftSignup.Status.CONFIRMED).count()
    if free <= 0:
        return []
    waiting = list(
        shift.signups.filter(status=ShiftSignup.Status.WAITING)
        .select_related("volunteer")
        .order_by("listed_at", "pk")[:free]
    )
    for signup in waiting:
        before = stored_snapshot(signup)
        signup.status = ShiftSignup.Status.CONFIRMED
        signup.save(update_fields=["status"])
        log_change(actor=actor, action="shift_signup.moved_up", obj=signup, before=before)
        _send(
            to=signup.volunteer.email,
            template="shift_moved_up",
            context={"volunteer": signup.volunteer, "shift": shift},
        )
    return waiting


@transaction.atomic
def shift_update(*, actor: User, shift: Shift, capacity: int) -> list[ShiftSignup]:
    """Change a shift's number of places. More places go to the waiting list at once (those
    moved up are returned); fewer places never take a place from someone who has one."""
    shift = _locked_shift(shift)
    if shift.held_at is not None:
        raise ValidationError(_("This shift is already held."))
    taken = shift.signups.filter(status=ShiftSignup.Status.CONFIRMED).count()
    if capacity < taken:
        raise ValidationError(
            {
                "capacity": _(
                    "%(taken)s volunteers have a place: take someone off the shift first."
                )
                % {"taken": taken}
            }
        )
    before = stored_snapshot(shift)
    shift.capacity = capacity
    shift.full_clean()
    shift.save(update_fields=["capacity"])
    log_change(actor=actor, action="shift.updated", obj=shift, before=before)
    return _move_up(actor=actor, shift=shift)


@transaction.atomic
def shift_hold(*, actor: User | None, shift: Shift, absent: Iterable[int] = ()) -> list[HourEntry]:
    """Turn a held shift into logged hours in one step: one approved hour entry for each
    volunteer who came (everyone coming, except the sign-up ids in `absent`), dated on the
    shift's day, for the rota's project. A shift is held once, so its hours are logged once."""
    shift = _locked_shift(shift)
    if shift.held_at is not None:
        raise ValidationError(_("The hours of this shift are already logged."))
    if shift.starts_at > timezone.now():
        raise ValidationError(_("A shift can be marked as held once it has started."))
    absent = set(absent)
    entries = []
    now = timezone.now()
    came = shift.signups.filter(status=ShiftSignup.Status.CONFIRMED).select_related("volunteer")
    for signup in came:
        if signup.pk in absent:
            continue
        entry = HourEntry(
            centre_id=shift.centre_id,
            volunteer=signup.volunteer,
            project=shift.rota.project,
            description=str(shift.rota.title)[:200],
            date=timezone.localtime(shift.starts_at).date(),
            hours=shift.hours,
            status=HourEntry.Status.APPROVED,
            entered_by=actor,
            decided_by=actor,
            decided_at=now,
        )
        entry.full_clean()
        entry.save()
        signup.hour_entry = entry
        signup.save(update_fields=["hour_entry"])
        log_change(actor=actor, action="hours.logged", obj=entry, before=None)
        entries.append(entry)
    shift.held_at = now
    shift.save(update_fields=["held_at"])
    log_action(
        actor=actor,
        action="shift.held",
        obj=shift,
        changes={"held_at": [None, now.isoformat()]},
        data={"volunteers": len(entries), "absent": len(absent)},
    )
    return entries


# --- Paperwork ------------------------------------------------------------------------------------


@transaction.atomic
def certificate_create(
    *,
    actor: User,
    volunteer: Volunteer,
    period_start: dt.date,
    period_end: dt.date,
    tasks: str,
    signer_name: str,
    signer_title: str,
) -> Certificate:
    """The coordinator makes a volunteer certificate; the volunteer downloads it."""
    certificate = Certificate(
        centre_id=volunteer.centre_id,
        volunteer=volunteer,
        period_start=period_start,
        period_end=period_end,
        tasks=tasks,
        signer_name=signer_name,
        signer_title=signer_title,
        created_by=actor,
    )
    certificate.full_clean()
    certificate.save()
    log_change(actor=actor, action="certificate.created", obj=certificate, before=None)
    return certificate


@transaction.atomic
def police_certificate_record(
    *,
    actor: User,
    volunteer: Volunteer,
    requested_on: dt.date | None = None,
    shown_on: dt.date | None = None,
) -> Volunteer:
    """Record when a police certificate was requested (the purpose letter was made) and when
    the volunteer showed it. Only the dates: the certificate itself is never stored."""
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
