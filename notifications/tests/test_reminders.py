"""Reminders with a fixed clock: the right people get the right message once, opted-out people
get none, nothing goes out in the quiet period, a failed SMS is retried and logged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent, OutgoingMail
from notifications import services
from notifications.models import Delivery, OptOut
from rotas.models import ShiftSignup
from tasks.models import Match
from tests import factories as f
from volunteers.tests.factories import (
    HourEntryFactory,
    RotaFactory,
    ShiftFactory,
    ShiftSignupFactory,
    TaskFactory,
)

from .sms_server import SmsGateway

# Monday 2 March 2026, 09:00 in Oslo.
NOW = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0))
TOMORROW_AT_11 = timezone.make_aware(dt.datetime(2026, 3, 3, 11, 0))


@pytest.fixture(autouse=True)
def english(client, settings):
    """Pages in English (the msgids), whatever the catalogues say."""
    settings.LANGUAGE_CODE = "en"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def login(login, settings):
    """The shared `login`, keeping the pages in English (logging out clears the cookies)."""

    def _login(user):
        client = login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return _login


@pytest.fixture
def gateway(settings):
    with SmsGateway() as server:
        settings.SMS_GATEWAY_URL = server.url
        settings.SMS_GATEWAY_TOKEN = "secret-token"
        yield server


@pytest.fixture
def tomorrows_shift(world):
    shift = ShiftFactory(
        rota=RotaFactory(centre=world.centre, title="Kafé"),
        starts_at=TOMORROW_AT_11,
        ends_at=TOMORROW_AT_11 + dt.timedelta(hours=3),
        capacity=3,
    )
    world.volunteer.phone = "912 34 567"
    world.volunteer.save()
    coming = ShiftSignupFactory(shift=shift, volunteer=world.volunteer)
    opted_out = ShiftSignupFactory(
        shift=shift, volunteer=f.VolunteerFactory(centre=world.centre, wants_reminders=False)
    )
    waiting = ShiftSignupFactory(
        shift=shift, volunteer=world.other_volunteer, status=ShiftSignup.Status.WAITING
    )
    # A shift the day after tomorrow is not reminded yet.
    later = ShiftFactory(
        rota=shift.rota,
        starts_at=TOMORROW_AT_11 + dt.timedelta(days=1),
        ends_at=TOMORROW_AT_11 + dt.timedelta(days=1, hours=2),
    )
    ShiftSignupFactory(shift=later, volunteer=world.volunteer)
    return shift, coming, opted_out, waiting


def _mail_to(address):
    return list(OutgoingMail.objects.filter(to=address).values_list("subject", flat=True))


def test_it_reminds_each_volunteer_coming_tomorrow_once(world, tomorrows_shift):
    _shift, coming, opted_out, _waiting = tomorrows_shift

    first = services.send_shift_reminders(now=NOW)
    again = services.send_shift_reminders(now=NOW + dt.timedelta(hours=1))

    assert (first, again) == (1, 0)
    coming.refresh_from_db()
    assert coming.reminded_at == NOW
    assert _mail_to(world.volunteer.email) == ["Reminder: your shift Kafé tomorrow"]
    assert _mail_to(opted_out.volunteer.email) == []
    assert _mail_to(world.other_volunteer.email) == []  # on the waiting list


def test_it_sends_nothing_in_the_quiet_period(world, tomorrows_shift):
    late_evening = timezone.make_aware(dt.datetime(2026, 3, 2, 22, 30))

    assert services.send_shift_reminders(now=late_evening) == 0
    assert not Delivery.objects.system().exists()


def test_it_also_sends_an_sms_through_the_gateway(world, tomorrows_shift, gateway):
    services.send_shift_reminders(now=NOW)

    assert len(gateway.received) == 1
    sms = gateway.received[0]
    assert sms["to"] == "+4791234567" and sms["auth"] == "Bearer secret-token"
    assert "Kafé" in sms["text"]
    delivery = Delivery.objects.system().get(channel="sms")
    # Sent: the text (which can name people) is not kept.
    assert (delivery.status, delivery.text) == (Delivery.Status.SENT, "")


def test_a_failed_sms_is_retried_and_every_attempt_logged(world, tomorrows_shift, gateway):
    gateway.statuses = [503]

    services.send_shift_reminders(now=NOW)
    delivery = Delivery.objects.system().get(channel="sms")
    assert (delivery.status, delivery.attempts) == (Delivery.Status.QUEUED, 1)
    assert services.retry_due_sms(now=NOW + dt.timedelta(minutes=1)) == 0  # not due yet
    assert services.retry_due_sms(now=NOW + dt.timedelta(minutes=6)) == 1

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.SENT, 2)
    assert len(gateway.received) == 2
    events = AuditEvent.objects.filter(action__startswith="reminder.").order_by("id")
    assert [(e.data["channel"], e.data["result"]) for e in events] == [
        ("email", "sent"),
        ("sms", "retry"),
        ("sms", "sent"),
    ]
    assert events[1].data["error"] == "HTTP 503"
    # The log says who and what, never the text.
    assert all("Kafé" not in str(e.data) and "Kafé" not in e.object_repr for e in events)


def test_an_sms_gives_up_after_the_last_attempt(world, tomorrows_shift, gateway):
    gateway.statuses = [500] * services.MAX_SMS_ATTEMPTS
    services.send_shift_reminders(now=NOW)
    moment = NOW
    for _ in range(services.MAX_SMS_ATTEMPTS):
        moment += dt.timedelta(hours=1)
        services.retry_due_sms(now=moment)

    delivery = Delivery.objects.system().get(channel="sms")
    assert (delivery.status, delivery.attempts) == (Delivery.Status.FAILED, 5)
    assert len(gateway.received) == services.MAX_SMS_ATTEMPTS


def test_an_unreachable_gateway_is_a_failed_attempt(world, tomorrows_shift, settings):
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/sms"

    services.send_shift_reminders(now=NOW)

    delivery = Delivery.objects.system().get(channel="sms")
    assert delivery.status == Delivery.Status.QUEUED
    assert delivery.last_error.startswith("unreachable")


def test_it_tells_the_coordinators_of_a_follow_up_due_today(world):
    task = TaskFactory(centre=world.centre, title="Handlehjelp")
    Match.objects.create(
        centre=world.centre,
        task=task,
        volunteer=world.volunteer,
        status=Match.Status.ACTIVE,
        next_follow_up_on=NOW.date(),
    )
    Match.objects.create(
        centre=world.centre,
        task=task,
        volunteer=world.other_volunteer,
        next_follow_up_on=NOW.date() + dt.timedelta(days=1),
    )
    quiet = f.coordinator(world.centre, email="stille@example.org")
    OptOut.objects.create(user=quiet)

    assert services.send_follow_up_reminders(now=NOW) == 1
    assert services.send_follow_up_reminders(now=NOW) == 0
    assert _mail_to(world.coordinator.email) == ["Follow-up due today"]
    assert _mail_to(quiet.email) == []
    assert _mail_to(world.other_coordinator.email) == []


def test_it_asks_associations_due_to_confirm_once_a_year(world):
    world.organisation.confirmed_at = NOW - dt.timedelta(days=400)
    world.organisation.save()
    world.other_organisation.confirmed_at = NOW - dt.timedelta(days=10)
    world.other_organisation.email = "turlag@example.org"
    world.other_organisation.save()
    world.foreign_organisation.email = "annen@example.org"
    world.foreign_organisation.confirmed_at = None
    world.foreign_organisation.save()

    services.send_confirmation_requests(now=NOW)
    services.send_confirmation_requests(now=NOW + dt.timedelta(days=30))

    # The association with a login: its user; without one: its own address.
    assert len(_mail_to(world.association.email)) == 1
    assert len(_mail_to("annen@example.org")) == 1
    assert _mail_to("turlag@example.org") == []  # confirmed recently


def test_it_sends_the_weekly_hours_digest_once_a_week(world):
    HourEntryFactory(volunteer=world.volunteer, status="pending", hours=2)
    HourEntryFactory(volunteer=world.volunteer, status="pending", hours="1.5")
    HourEntryFactory(volunteer=world.foreign_volunteer, status="approved")

    services.send_hours_digests(now=NOW)
    services.send_hours_digests(now=NOW + dt.timedelta(days=2))
    services.send_hours_digests(now=NOW + dt.timedelta(days=7))

    assert _mail_to(world.coordinator.email) == ["Volunteer hours wait for your approval"] * 2
    assert _mail_to(world.other_coordinator.email) == []
    body = OutgoingMail.objects.filter(to=world.coordinator.email).first().body
    assert "2 hour entries (3.50 hours in all)" in body


def test_a_user_turns_reminders_off_and_on(world, login):
    client = login(world.coordinator)

    client.post(reverse("notifications:preferences"), {})
    assert OptOut.objects.filter(user=world.coordinator).exists()
    client.post(reverse("notifications:preferences"), {"wants_reminders": "on"})
    assert not OptOut.objects.filter(user=world.coordinator).exists()


@pytest.mark.parametrize("count", [1, 10])
def test_the_log_page_reads_a_fixed_number_of_queries(
    world, login, django_assert_num_queries, tomorrows_shift, count
):
    for n in range(count):
        Delivery.objects.system().create(
            centre=world.centre,
            kind="shift",
            channel="email",
            recipient=f"volunteer:{world.volunteer.pk}",
            subject=f"s{n}",
            to="x",
        )
    Delivery.objects.system().create(
        centre=world.other_centre,
        kind="shift",
        channel="email",
        recipient="v:x",
        subject="s",
        to="x",
    )
    client = login(world.coordinator)
    client.get(reverse("notifications:log"))

    with django_assert_num_queries(5):
        page = client.get(reverse("notifications:log")).content.decode()
    assert page.count("<tr><td>") == count


def test_erasing_a_volunteer_blanks_where_their_reminders_went(world, tomorrows_shift, gateway):
    from volunteers.services import volunteer_erase

    gateway.statuses = [503]
    services.send_shift_reminders(now=NOW)

    volunteer_erase(actor=f.access_of(world.coordinator), volunteer=world.volunteer)

    rows = list(Delivery.objects.system().values_list("channel", "to", "text", "status"))
    assert sorted(rows) == [("email", "", "", "sent"), ("sms", "", "", "failed")]


def test_the_log_names_who_got_each_reminder(world, login, tomorrows_shift):
    services.send_shift_reminders(now=NOW)

    page = login(world.coordinator).get(reverse("notifications:log")).content.decode()

    assert str(world.volunteer) in page
    assert world.volunteer.email not in page  # the address is not shown


def test_a_rule_reminds_each_address_once_and_never_an_opted_out_address(world):
    """One loop runs every rule: a subject goes once to each address, whoever names it twice,
    and not to the address of a user who opted out (named as a contact person, without login)."""
    OptOut.objects.create(user=world.other_coordinator)
    rule = services.ReminderRule(
        kind=Delivery.Kind.FOLLOW_UP,
        template="follow_up",
        due=lambda now: [
            services.Due(
                key="test:1",
                centre_id=world.centre.pk,
                people=[
                    services.Person(
                        f"user:{world.coordinator.pk}",
                        email=world.coordinator.email,
                        user_id=world.coordinator.pk,
                    ),
                    services.Person("contact:1", email=world.coordinator.email.upper()),
                    services.Person("contact:2", email=world.other_coordinator.email),
                    services.Person("contact:3", email=""),
                ],
                context={"url": "https://example.org/"},
                after=told.append,
            )
        ],
    )
    told: list[int] = []

    assert services.run_rule(rule, now=NOW) == 1
    assert services.run_rule(rule, now=NOW + dt.timedelta(hours=1)) == 0
    assert told == [1, 0]
    assert list(Delivery.objects.system().values_list("to", flat=True)) == [world.coordinator.email]
