"""The reminders, each sent once to each person who wants it, by e-mail and (where an SMS
gateway is configured) by SMS. Celery beat runs the `send_*` jobs (notifications.tasks).

- `send_shift_reminders`: the day before a shift, to each volunteer coming.
- `send_follow_up_reminders`: on a match's follow-up date, to the centre's coordinators.
- `send_confirmation_requests`: once a year, to associations whose confirmation is due
  (their users, or the association's address when it has no login).
- `send_hours_digests`: once a week, to coordinators whose centre has hours waiting.
- `send_partnership_end_reminders`: once, PARTNERSHIP_END_NOTICE days before an active
  partnership ends, to both sides: the centre's coordinators and the contact persons of the
  organisation and of the municipality.
- `send_grant_deadline_reminders`: weeks and days before the state grant round's deadline, to
  the coordinators and the municipality's viewers of centres not yet decided.
- `send_report_ready_notices`: when a centre's annual evaluation is ready, to the viewers of
  its municipality.

Each is a `ReminderRule` (its kind, its template and `due`: who is reminded of what at a
moment, at which of its step times) run by one loop, `run_rule`, which keeps the rules below.

Who wants none: a volunteer who unticked "send me reminders", a user with an `OptOut` (nor
their address, where another side names it).
The quiet period: between settings.REMINDER_QUIET_START and REMINDER_QUIET_END (local time) no
reminder goes out; a job run then sends nothing, and the next run after it sends. Once: a
`Delivery` per kind, channel, person and subject (unique), so a second run sends nothing.
Every attempt is logged in the audit trail without the text (which can name people).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core.audit import log_action
from core.mail import mail_queue, subject_line
from core.models import Role, User
from core.permissions import Access, user_of

from . import answers
from .models import Delivery, OptOut
from .sms import SmsError, get_provider, phone_number

logger = logging.getLogger(__name__)

MAX_SMS_ATTEMPTS = 5


@dataclass(frozen=True)
class Message:
    kind: str
    recipient: str  # "volunteer:12", "user:4", "organisation:9"
    subject_key: str
    centre_id: int
    email: str
    phone: str
    template: str
    context: dict


def in_quiet_period(now: dt.datetime) -> bool:
    """Whether `now` is in the nightly quiet period (start and end are local hours)."""
    hour = timezone.localtime(now).hour
    start, end = settings.REMINDER_QUIET_START, settings.REMINDER_QUIET_END
    if start == end:
        return False
    return start <= hour or hour < end if start > end else start <= hour < end


def _log(delivery: Delivery, result: str, error: str = "") -> None:
    data = {
        "kind": delivery.kind,
        "channel": delivery.channel,
        "recipient": delivery.recipient,
        "result": result,
    }
    if error:
        data["error"] = error
    log_action(
        actor=None,
        action="reminder.sent" if result == "sent" else f"reminder.{result}",
        obj=delivery,
        centre=delivery.centre_id,
        data=data,
        source="system",
    )


def _claim(message: Message, channel: str, to: str, text: str = "") -> Delivery | None:
    """The delivery row of this reminder, created now; None when it exists already."""
    try:
        with transaction.atomic():
            return Delivery.objects.system().create(
                centre_id=message.centre_id,
                kind=message.kind,
                channel=channel,
                recipient=message.recipient,
                subject=message.subject_key,
                to=to,
                text=text,
            )
    except IntegrityError:
        return None


def _render(message: Message, part: str) -> str:
    return render_to_string(
        f"notifications/email/{message.template}_{part}.txt",
        {**message.context, "site_url": settings.SITE_URL},
    ).strip()


def deliver(message: Message, *, now: dt.datetime) -> int:
    """Send one reminder by e-mail and SMS (where possible), each once. Returns how many
    deliveries were made now."""
    made = 0
    with translation.override(settings.LANGUAGE_CODE):
        if message.email:
            delivery = _claim(message, Delivery.Channel.EMAIL, message.email)
            if delivery is not None:
                with transaction.atomic():
                    mail_queue(
                        to=message.email,
                        subject=subject_line(_render(message, "subject")),
                        body=_render(message, "body"),
                        centre=message.centre_id,
                    )
                    delivery.status = Delivery.Status.SENT
                    delivery.attempts = 1
                    delivery.sent_at = now
                    delivery.save(update_fields=["status", "attempts", "sent_at"])
                    _log(delivery, "sent")
                made += 1
        provider = get_provider()
        number = phone_number(message.phone)
        if provider is not None and number:
            delivery = _claim(message, Delivery.Channel.SMS, number, _render(message, "sms"))
            if delivery is not None:
                _attempt_sms(delivery, provider=provider, now=now)
                made += 1
    return made


def _attempt_sms(delivery: Delivery, *, provider, now: dt.datetime) -> None:
    delivery.attempts += 1
    try:
        provider.send(to=delivery.to, text=delivery.text)
    except SmsError as error:
        delivery.last_error = str(error)[:300]
        if delivery.attempts >= MAX_SMS_ATTEMPTS:
            delivery.status = Delivery.Status.FAILED
            delivery.text = ""
            result = "failed"
        else:
            delivery.next_attempt_at = now + dt.timedelta(minutes=5 * 2 ** (delivery.attempts - 1))
            result = "retry"
        delivery.save()
        _log(delivery, result, delivery.last_error)
        return
    delivery.status = Delivery.Status.SENT
    delivery.sent_at = now
    delivery.text = ""
    delivery.last_error = ""
    delivery.save()
    _log(delivery, "sent")


def retry_due_sms(*, now: dt.datetime) -> int:
    """Try again the SMS whose next attempt is due (outside the quiet period)."""
    provider = get_provider()
    if provider is None or in_quiet_period(now):
        return 0
    due = Delivery.objects.system().filter(
        channel=Delivery.Channel.SMS, status=Delivery.Status.QUEUED, next_attempt_at__lte=now
    )
    count = 0
    for delivery in due.order_by("next_attempt_at", "pk")[:500]:
        _attempt_sms(delivery, provider=provider, now=now)
        count += 1
    return count


# --- Reminder rules: who is reminded of what, when; one loop sends them -------------------------


@dataclass(frozen=True)
class Person:
    """Whom a reminder goes to: `recipient` names them ("volunteer:12", "user:4", "contact:3",
    "organisation:9"); `user_id` is the user whose opt-out counts (None for a person without
    a login)."""

    recipient: str
    email: str
    phone: str = ""
    user_id: int | None = None


def _users(users: Iterable[User]) -> list[Person]:
    return [Person(recipient=f"user:{u.pk}", email=u.email, user_id=u.pk) for u in users]


@dataclass(frozen=True)
class Due:
    """One subject a rule finds due now and the people to remind of it: `key` names the subject
    (with the rule's kind and the person, what makes a reminder once per person), `context`
    is what its text is made of. `after` is told how many deliveries were made of it (e.g. to
    mark a sign-up reminded)."""

    key: str
    centre_id: int
    people: Sequence[Person]
    context: dict
    after: Callable[[int], None] | None = None


@dataclass(frozen=True)
class ReminderRule:
    """A kind of reminder: its `kind` (Delivery.Kind), its text (`template`, the e-mail's
    subject and body and the SMS under notifications/email/) and `due`, the subjects due at a
    moment with whom to remind (who, about what, at which of its step times)."""

    kind: str
    template: str
    due: Callable[[dt.datetime], Iterable[Due]]

    def __call__(self, *, now: dt.datetime) -> int:
        """Send what is due now (`run_rule`): a rule is its own job (notifications.tasks)."""
        return run_rule(self, now=now)


def run_rule(rule: ReminderRule, *, now: dt.datetime) -> int:
    """Send what `rule` finds due now, outside the quiet period: each subject once per person
    (an address named twice for one subject gets it once; `deliver` keeps it once over runs),
    never to a user with an opt-out (nor to their address). Returns how many deliveries were
    made."""
    if in_quiet_period(now):
        return 0
    opted_out, opted_out_emails = _opted_out()
    made = 0
    for due in rule.due(now):
        sent = 0
        seen: set[str] = set()
        for person in due.people:
            address = person.email.lower()
            if person.user_id in opted_out or (address and address in opted_out_emails):
                continue
            if not (address or person.phone) or (address or person.recipient) in seen:
                continue
            seen.add(address or person.recipient)
            sent += deliver(
                Message(
                    kind=rule.kind,
                    recipient=person.recipient,
                    subject_key=due.key,
                    centre_id=due.centre_id,
                    email=person.email,
                    phone=person.phone,
                    template=rule.template,
                    context=due.context,
                ),
                now=now,
            )
        if due.after is not None:
            due.after(sent)
        made += sent
    return made


def latest_step(
    steps: Iterable[dt.timedelta], deadline: dt.datetime, now: dt.datetime
) -> dt.timedelta | None:
    """Of reminders `steps` before `deadline`, the one due now: the latest whose time has come
    (a run that comes late sends the latest only, never two at once); None before the first
    or after the deadline."""
    if now >= deadline:
        return None
    due = [step for step in steps if now >= deadline - step]
    return min(due) if due else None


def _opted_out() -> tuple[set[int], set[str]]:
    """The users with an opt-out and their addresses (lowercase), in one query."""
    rows = list(OptOut.objects.values_list("user_id", "user__email"))
    return {user_id for user_id, _email in rows}, {email.lower() for _id, email in rows if email}


def _active(role: str, by: str, ids: Iterable[int]) -> dict[int, list[User]]:
    """The active users of `role` whose `by` ("centre_id" or "municipality_id") is one of
    `ids`, grouped by it."""
    found: dict[int, list[User]] = {}
    users = User.objects.filter(role=role, is_active=True, **{f"{by}__in": list(ids)})
    for user in users.order_by("pk"):
        found.setdefault(getattr(user, by), []).append(user)
    return found


def _url(name: str, *args: object, **kwargs: object) -> str:
    return settings.SITE_URL + reverse(name, args=args or None, kwargs=kwargs or None)


# --- The reminders ------------------------------------------------------------------------------


def _shift_due(now: dt.datetime) -> Iterator[Due]:
    """The day before a shift: each volunteer coming, who wants reminders."""
    from rotas.models import ShiftSignup

    tomorrow = timezone.localtime(now).date() + dt.timedelta(days=1)
    signups = (
        ShiftSignup.objects.system()
        .filter(
            status=ShiftSignup.Status.CONFIRMED,
            shift__starts_at__date=tomorrow,
            shift__held_at__isnull=True,
            volunteer__wants_reminders=True,
            volunteer__erased_at__isnull=True,
        )
        .select_related("shift", "shift__rota", "volunteer")
        .order_by("pk")
    )
    for signup in signups:
        volunteer = signup.volunteer

        def reminded(sent: int, pk: int = signup.pk) -> None:
            if sent:
                ShiftSignup.objects.system().filter(pk=pk).update(reminded_at=now)

        yield Due(
            key=f"shiftsignup:{signup.pk}:{signup.shift.starts_at:%Y%m%d%H%M}",
            centre_id=signup.centre_id,
            people=[
                Person(f"volunteer:{volunteer.pk}", email=volunteer.email, phone=volunteer.phone)
            ],
            context={
                "volunteer": volunteer,
                "shift": signup.shift,
                "url": _url("volunteers:open_needs"),
                # Answered without signing in: signed links for this sign-up and person.
                "confirm_url": answers.answer_url(
                    signup_id=signup.pk, volunteer_id=volunteer.pk, action="confirm"
                ),
                "cancel_url": answers.answer_url(
                    signup_id=signup.pk, volunteer_id=volunteer.pk, action="cancel"
                ),
            },
            after=reminded,
        )


send_shift_reminders = ReminderRule(kind=Delivery.Kind.SHIFT, template="shift", due=_shift_due)


def sms_reply(*, sender: str, text: str) -> str:
    """A reply to a shift reminder by SMS (from the gateway's signed webhook): JA confirms,
    NEI cancels and moves the waiting list up (`rotas.services.shift_answer`), for the newest
    shift reminder sent to that number. Returns what happened: "confirm", "cancel",
    "refused" or "ignored" (not a yes or no, or no reminder to that number)."""
    from rotas.models import ShiftSignup
    from rotas.services import shift_answer

    number = phone_number(sender)
    action = answers.sms_action(text)
    if number is None or action is None:
        return "ignored"
    for delivery in Delivery.objects.system().filter(
        kind=Delivery.Kind.SHIFT, channel=Delivery.Channel.SMS, to=number
    )[:5]:
        signup_id = delivery.subject.split(":")[1] if delivery.subject.count(":") >= 2 else ""
        if not signup_id.isdigit():
            continue
        signup = ShiftSignup.objects.system().filter(pk=int(signup_id)).first()
        if signup is None or signup.shift.starts_at <= timezone.now():
            continue
        try:
            shift_answer(
                signup_id=signup.pk,
                volunteer_id=signup.volunteer_id,
                action=action,
                channel="sms",
            )
        except ValidationError:
            return "refused"
        return action
    return "ignored"


def _follow_up_due(now: dt.datetime) -> Iterator[Due]:
    """On a match's follow-up date: the coordinators of its centre."""
    from tasks.models import Match

    today = timezone.localtime(now).date()
    matches = list(
        Match.objects.system()
        .filter(next_follow_up_on=today, status__in=[Match.Status.PROPOSED, Match.Status.ACTIVE])
        .select_related("task", "volunteer")
        .order_by("pk")
    )
    coordinators = _active(Role.COORDINATOR, "centre_id", {m.centre_id for m in matches})
    for match in matches:
        yield Due(
            key=f"match:{match.pk}:{today.isoformat()}",
            centre_id=match.centre_id,
            people=_users(coordinators.get(match.centre_id, [])),
            context={"match": match, "url": _url("volunteers:match_edit", match.pk)},
        )


send_follow_up_reminders = ReminderRule(
    kind=Delivery.Kind.FOLLOW_UP, template="follow_up", due=_follow_up_due
)


def _confirmation_due(now: dt.datetime) -> Iterator[Due]:
    """Once a year, each association whose entry is due for confirmation: its users, or its
    own address when it has no login."""
    from organisations.models import CONFIRMATION_INTERVAL, Membership, Organisation

    due = (
        Organisation.objects.system()
        .filter(is_archived=False)
        .filter(Q(confirmed_at__isnull=True) | Q(confirmed_at__lt=now - CONFIRMATION_INTERVAL))
        .order_by("pk")
    )
    members: dict[int, list[User]] = {}
    for membership in Membership.objects.filter(
        organisation__in=due, user__is_active=True
    ).select_related("user"):
        members.setdefault(membership.organisation_id, []).append(membership.user)
    for organisation in due:
        users = members.get(organisation.pk)
        yield Due(
            key=f"organisation:{organisation.pk}:{now.year}",
            centre_id=organisation.centre_id,
            people=_users(users)
            if users
            else [Person(f"organisation:{organisation.pk}", email=organisation.email)],
            context={
                "organisation": organisation,
                "url": _url("organisations:detail", organisation.pk),
            },
        )


send_confirmation_requests = ReminderRule(
    kind=Delivery.Kind.CONFIRMATION, template="confirmation", due=_confirmation_due
)


# How long before a partnership's end both sides are reminded (once).
PARTNERSHIP_END_NOTICE = dt.timedelta(days=60)


def _partnership_end_due(now: dt.datetime) -> Iterator[Due]:
    """Once, PARTNERSHIP_END_NOTICE before an active partnership ends: the centre's
    coordinators and the contact persons of both sides (each address once)."""
    from cooperation.models import Partnership

    today = timezone.localtime(now).date()
    due = list(
        Partnership.objects.system()
        .filter(
            status=Partnership.Status.ACTIVE,
            end_date__gte=today,
            end_date__lte=today + PARTNERSHIP_END_NOTICE,
        )
        .select_related("organisation")
        .prefetch_related("contacts")
        .order_by("pk")
    )
    coordinators = _active(Role.COORDINATOR, "centre_id", {p.centre_id for p in due})
    for partnership in due:

        def reminded(_sent: int, pk: int = partnership.pk) -> None:
            Partnership.objects.system().filter(pk=pk, end_reminder_sent_on__isnull=True).update(
                end_reminder_sent_on=today
            )

        contacts = partnership.contacts.all()
        yield Due(
            key=f"partnership:{partnership.pk}:{partnership.end_date}",
            centre_id=partnership.centre_id,
            people=[
                Person(p.recipient, email=p.email.lower(), user_id=p.user_id)
                for p in _users(coordinators.get(partnership.centre_id, []))
            ]
            + [Person(f"contact:{c.pk}", email=c.email.lower()) for c in contacts],
            context={
                "partnership": partnership,
                "url": _url("cooperation:partnership_detail", partnership.pk),
            },
            after=reminded,
        )


send_partnership_end_reminders = ReminderRule(
    kind=Delivery.Kind.PARTNERSHIP_END, template="partnership_end", due=_partnership_end_due
)


def _hours_digest_due(now: dt.datetime) -> Iterator[Due]:
    """Once a week: each coordinator whose centre has hours waiting for approval."""
    from figures.engine import pending_hours_by_centre

    waiting = pending_hours_by_centre()
    year, week, _ = timezone.localtime(now).isocalendar()
    for centre_id, users in _active(Role.COORDINATOR, "centre_id", set(waiting)).items():
        yield Due(
            key=f"centre:{centre_id}:{year}-W{week:02d}",
            centre_id=centre_id,
            people=_users(users),
            context={
                "entries": waiting[centre_id]["entries"],
                "hours": waiting[centre_id]["hours"],
                "url": _url("volunteers:hours_pending"),
            },
        )


send_hours_digests = ReminderRule(
    kind=Delivery.Kind.HOURS_DIGEST, template="hours_digest", due=_hours_digest_due
)


# --- Opting out ---------------------------------------------------------------------------------


@transaction.atomic
def reminders_opt_out_set(*, actor: Access, wants_reminders: bool) -> None:
    """A user turns their own reminders off or on (volunteers: `volunteer_update`). The opt-out
    belongs to the acting user's own account, which is also the object the trail records: the
    User is loaded from the Access (`user_of`)."""
    user = user_of(actor)
    if wants_reminders:
        OptOut.objects.filter(user=user).delete()
    else:
        OptOut.objects.get_or_create(user=user)
    log_action(
        actor=actor,
        action="reminders.updated",
        obj=user,
        centre=user.centre_id,
        changes={"wants_reminders": [not wants_reminders, wants_reminders]},
    )


# --- The state grant round's deadline ------------------------------------------------------------

# Before the deadline (settings.GRANT_DEADLINE), who is reminded when: coordinators four weeks
# and one week before, the municipality's viewers one week and one day before.
GRANT_REMINDERS: dict[str, tuple[dt.timedelta, ...]] = {
    Role.COORDINATOR: (dt.timedelta(weeks=4), dt.timedelta(weeks=1)),
    Role.MUNICIPALITY: (dt.timedelta(weeks=1), dt.timedelta(days=1)),
}


def _grant_deadline_due(now: dt.datetime) -> Iterator[Due]:
    """Before the grant round's deadline: each coordinator of a centre not yet decided, and
    each viewer of a municipality with a centre not yet decided, once per reminder, at the
    reminder's time in Europe/Oslo (beat runs this every hour)."""
    from centreyear.grant import current_round, deadline_for
    from centreyear.models import GrantDecision
    from core.models import Centre

    year = current_round(now)
    deadline = deadline_for(year)
    steps = {role: latest_step(GRANT_REMINDERS[role], deadline, now) for role in GRANT_REMINDERS}
    if not any(steps.values()):
        return
    decided = set(
        GrantDecision.objects.system().filter(year=year).values_list("centre_id", flat=True)
    )
    open_centres: dict[int, list[int]] = {}
    for centre_id, municipality_id in Centre.objects.order_by("pk").values_list(
        "pk", "municipality_id"
    ):
        if centre_id not in decided:
            open_centres.setdefault(municipality_id, []).append(centre_id)

    def audience(role: str) -> Iterable[tuple[int, list[User]]]:
        """(centre, users): coordinators by their centre, viewers by their municipality's
        first open centre."""
        if role == Role.COORDINATOR:
            open_ids = {c for ids in open_centres.values() for c in ids}
            return _active(role, "centre_id", open_ids).items()
        viewers = _active(role, "municipality_id", open_centres)
        return [(open_centres[m][0], users) for m, users in viewers.items()]

    for role, step in steps.items():
        if step is None:
            continue
        for centre_id, users in audience(role):
            yield Due(
                key=f"grant:{year}:{role}:{int(step.total_seconds() // 3600)}h",
                centre_id=centre_id,
                people=_users(users),
                context={
                    "year": year,
                    "deadline": timezone.localtime(deadline),
                    "is_municipality": role == Role.MUNICIPALITY,
                    "url": _url("centreyear:grant_round", year=year),
                },
            )


send_grant_deadline_reminders = ReminderRule(
    kind=Delivery.Kind.GRANT_DEADLINE, template="grant_deadline", due=_grant_deadline_due
)


# --- A report is ready: the municipality is told ------------------------------------------------

REPORT_READY_WITHIN = dt.timedelta(days=7)


def _report_ready_due(now: dt.datetime) -> Iterator[Due]:
    """An annual evaluation of a whole centre is ready: each viewer of the centre's
    municipality is told once. Looks back a week, so a late run still tells."""
    from core.models import Centre
    from reports.models import ReportJob, ReportKind

    ready = list(
        ReportJob.objects.system()
        .filter(
            kind=ReportKind.ANNUAL,
            project__isnull=True,
            status=ReportJob.Status.DONE,
            finished_at__gte=now - REPORT_READY_WITHIN,
        )
        .order_by("pk")
    )
    centres = Centre.objects.in_bulk({job.centre_id for job in ready})
    viewers = _active(
        Role.MUNICIPALITY, "municipality_id", {c.municipality_id for c in centres.values()}
    )
    for job in ready:
        centre = centres[job.centre_id]
        yield Due(
            key=f"reportjob:{job.pk}",
            centre_id=job.centre_id,
            people=_users(viewers.get(centre.municipality_id, [])),
            context={"centre": centre, "year": job.year, "url": _url("reports:list")},
        )


send_report_ready_notices = ReminderRule(
    kind=Delivery.Kind.REPORT_READY, template="report_ready", due=_report_ready_due
)


@transaction.atomic
def deliveries_purge(*, now: dt.datetime) -> int:
    """Delete reminders delivered (or finally failed) more than REMINDER_LOG_RETENTION_DAYS
    before `now`: the log names the recipient's address or number. Records what it did in the
    audit trail. Returns how many."""
    from django.conf import settings

    from core.services import retention_record

    before = now - dt.timedelta(days=settings.REMINDER_LOG_RETENTION_DAYS)
    deleted, _count = (
        Delivery.objects.system()
        .exclude(status=Delivery.Status.QUEUED)
        .filter(created_at__lt=before)
        .delete()
    )
    retention_record("reminders", deleted=deleted, before=before.isoformat())
    return deleted
