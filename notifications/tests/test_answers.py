"""Answering a shift reminder without signing in: the e-mail's signed links confirm, or cancel
and move the waiting list up, with a page of the answer and nothing else; SMS replies through
the gateway's signed webhook do the same; every answer is in the audit trail."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent, OutgoingMail
from notifications import answers, services
from rotas.models import ShiftSignup
from volunteers.tests.factories import RotaFactory, ShiftFactory, ShiftSignupFactory

SECRET = "delt-hemmelighet"


@pytest.fixture(autouse=True)
def _no_quiet_period(settings):
    settings.REMINDER_QUIET_START = settings.REMINDER_QUIET_END = 0
    settings.SMS_INBOUND_SECRET = SECRET


@pytest.fixture
def shift(world):
    starts = timezone.now() + dt.timedelta(days=1)
    shift = ShiftFactory(
        rota=RotaFactory(centre=world.centre, title="Kafé"),
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        capacity=1,
    )
    world.volunteer.phone = "912 34 567"
    world.volunteer.save()
    shift.coming = ShiftSignupFactory(shift=shift, volunteer=world.volunteer)
    shift.waiting = ShiftSignupFactory(
        shift=shift, volunteer=world.other_volunteer, status=ShiftSignup.Status.WAITING
    )
    return shift


def _link(signup, action):
    return answers.answer_url(
        signup_id=signup.pk, volunteer_id=signup.volunteer_id, action=action
    ).removeprefix("http://testserver")


def _status(signup):
    return ShiftSignup.objects.system().get(pk=signup.pk)


def test_the_reminder_e_mail_carries_both_links(world, shift, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.send_shift_reminders(now=timezone.now())
    body = OutgoingMail.objects.get(to=world.volunteer.email).body
    links = re.findall(r"https?://\S+/reminders/answer/(confirm|cancel)/\S+/", body)
    assert sorted(links) == ["cancel", "confirm"]


def test_im_coming_confirms_without_signing_in(client, login, world, shift):
    page = client.get(_link(shift.coming, "confirm"))
    assert page.status_code == 200
    assert _status(shift.coming).confirmed_at is not None
    assert "_auth_user_id" not in client.session  # the link signs nobody in
    assert AuditEvent.objects.filter(action="shift_signup.confirmed").count() == 1
    # Tapped again: nothing more happens.
    assert client.get(_link(shift.coming, "confirm")).status_code == 200
    assert AuditEvent.objects.filter(action="shift_signup.confirmed").count() == 1
    detail = login(world.coordinator).get(reverse("volunteers:shift_detail", args=[shift.pk]))
    assert "data-confirmed" in detail.content.decode()


def test_i_cant_come_asks_once_more_then_moves_the_waiting_list_up(client, shift):
    link = _link(shift.coming, "cancel")
    asked = client.get(link)
    assert asked.status_code == 200
    assert _status(shift.coming).status == ShiftSignup.Status.CONFIRMED  # a GET changes nothing
    done = client.post(link)
    assert done.status_code == 200
    assert _status(shift.coming).status == ShiftSignup.Status.CANCELLED
    assert _status(shift.waiting).status == ShiftSignup.Status.CONFIRMED
    assert AuditEvent.objects.filter(action="shift_signup.answered").exists()
    assert AuditEvent.objects.filter(action="shift_signup.moved_up").exists()


def test_a_link_cannot_be_replayed_for_another_shift_or_person(client, world, shift):
    other = ShiftSignupFactory(
        shift=ShiftFactory(rota=shift.rota, starts_at=shift.starts_at, ends_at=shift.ends_at),
        volunteer=world.other_volunteer,
    )
    # A token naming another person's sign-up with this person's id is refused.
    forged = answers.answer_token(
        signup_id=other.pk, volunteer_id=world.volunteer.pk, action="confirm"
    )
    response = client.get(reverse("notifications:answer", args=["confirm", forged]))
    assert response.status_code == 409
    assert _status(other).confirmed_at is None
    # A confirm link used as a cancel link is refused.
    token = _link(shift.coming, "confirm").rstrip("/").rsplit("/", 1)[1]
    assert client.post(reverse("notifications:answer", args=["cancel", token])).status_code == 410
    assert _status(shift.coming).status == ShiftSignup.Status.CONFIRMED


def test_a_link_expires_and_stops_at_the_shifts_start(client, settings, shift):
    link = _link(shift.coming, "confirm")
    settings.ANSWER_LINK_MAX_AGE = -1
    assert client.get(link).status_code == 410
    settings.ANSWER_LINK_MAX_AGE = 3600
    ShiftSignup.objects.system().filter(pk=shift.coming.pk)
    type(shift).objects.system().filter(pk=shift.pk).update(
        starts_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert client.get(link).status_code == 409
    assert _status(shift.coming).confirmed_at is None


def _webhook(client, payload, secret=SECRET, sign=True):
    body = json.dumps(payload).encode()
    headers = {}
    if sign:
        headers["HTTP_X_FRIVILLIG_SIGNATURE"] = answers.signature(body, secret)
    return client.post(
        reverse("notifications:sms_inbound"), body, content_type="application/json", **headers
    )


def test_the_sms_webhook_refuses_unsigned_or_wrongly_signed_calls(client, shift):
    services.send_shift_reminders(now=timezone.now())
    assert _webhook(client, {"from": "+4791234567", "text": "NEI"}, sign=False).status_code == 403
    assert (
        _webhook(client, {"from": "+4791234567", "text": "NEI"}, secret="feil").status_code == 403
    )
    assert _status(shift.coming).status == ShiftSignup.Status.CONFIRMED


def test_sms_replies_confirm_or_cancel_the_reminded_shift(client, settings, shift):
    from notifications.models import Delivery

    # The SMS reminder went to the volunteer's number (as the gateway would have sent it).
    Delivery.objects.create(
        centre=shift.centre,
        kind=Delivery.Kind.SHIFT,
        channel=Delivery.Channel.SMS,
        recipient=f"volunteer:{shift.coming.volunteer_id}",
        subject=f"shiftsignup:{shift.coming.pk}:x",
        to="+4791234567",
        status=Delivery.Status.SENT,
    )
    answer = _webhook(client, {"from": "91234567", "text": "ja"})
    assert answer.json() == {"result": "confirm"}
    assert _status(shift.coming).confirmed_at is not None
    assert _webhook(client, {"from": "+4791234567", "text": "hva?"}).json() == {"result": "ignored"}
    assert _webhook(client, {"from": "+4791234567", "text": "NEI"}).json() == {"result": "cancel"}
    assert _status(shift.coming).status == ShiftSignup.Status.CANCELLED
    assert _status(shift.waiting).status == ShiftSignup.Status.CONFIRMED
    event = AuditEvent.objects.filter(action="shift_signup.answered").latest("pk")
    assert event.data["channel"] == "sms"
