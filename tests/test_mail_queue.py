"""A change is saved and confirmed whatever the mail server does; the mail goes when the server
answers. Against a local SMTP server started by the test (aiosmtpd on 127.0.0.1) that first
refuses, then accepts."""

from __future__ import annotations

import datetime as dt
import socket

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse
from django.utils import timezone

from core.mail import MAX_ATTEMPTS, mail_send_due
from core.models import OutgoingMail
from organisations.models import Invitation
from tests.factories import access_of


class FlakyServer:
    """Answers 451 (try again later) to the first `refusals` messages, then accepts."""

    def __init__(self, refusals: int) -> None:
        self.refusals = refusals
        self.received: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        if self.refusals > 0:
            self.refusals -= 1
            return "451 4.3.0 Try again later"
        self.received.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp(settings):
    def start(refusals: int = 0) -> FlakyServer:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        handler = FlakyServer(refusals)
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        servers.append(controller)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 5
        return handler

    servers: list = []
    yield start
    for controller in servers:
        controller.stop()


def _invite(client, world):
    return client.post(
        reverse("organisations:invite", args=[world.organisation.pk]),
        {"email": "leder@lag.example"},
    )


def test_a_change_is_saved_while_the_mail_server_refuses_and_the_mail_goes_later(
    world, login, smtp, django_capture_on_commit_callbacks
):
    server = smtp(refusals=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(login(world.coordinator), world)

    assert response.status_code == 302  # saved and confirmed, no error page
    assert Invitation.objects.filter(email="leder@lag.example").exists()
    mail = OutgoingMail.objects.get(to="leder@lag.example")
    assert (mail.status, mail.attempts) == ("queued", 1)
    assert "451" in mail.last_error
    assert server.received == []

    # Not before the pause after the first attempt ...
    assert mail_send_due() == 0
    # ... then the due-mail job delivers it.
    assert mail_send_due(now=timezone.now() + dt.timedelta(minutes=2)) == 1
    mail.refresh_from_db()
    assert (mail.status, mail.attempts, mail.last_error) == ("sent", 2, "")
    assert server.received[0].rcpt_tos == ["leder@lag.example"]


def test_a_mail_server_that_cannot_be_reached_does_not_fail_the_save(
    world, login, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sock.getsockname()[1]
    settings.EMAIL_TIMEOUT = 2
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(login(world.coordinator), world)
    assert response.status_code == 302
    mail = OutgoingMail.objects.get(to="leder@lag.example")
    assert mail.status == "queued" and mail.last_error


def test_a_mail_that_keeps_failing_is_shown_to_the_coordinator(
    world, login, smtp, django_capture_on_commit_callbacks
):
    smtp(refusals=MAX_ATTEMPTS + 5)
    client = login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, world)
    later = timezone.now()
    for _ in range(MAX_ATTEMPTS):
        later += dt.timedelta(hours=2)
        mail_send_due(now=later)
    mail = OutgoingMail.objects.get(to="leder@lag.example")
    assert (mail.status, mail.attempts) == ("failed", MAX_ATTEMPTS)

    page = client.get(reverse("core:home")).content.decode()
    card = page.split("E-poster som ikke ble sendt")[1]
    assert "leder@lag.example" in card

    # Send again, and the server now takes it.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:mail_failed"))
    assert response.status_code == 302
    mail.refresh_from_db()
    assert mail.status == "queued"  # the server still refuses: queued again, not lost
    other = login(world.other_coordinator).get(reverse("core:mail_failed")).content.decode()
    assert "leder@lag.example" not in other


def test_no_mail_is_queued_for_a_change_that_is_rolled_back(world, smtp):
    from django.db import transaction

    from core.mail import mail_queue

    server = smtp()
    with pytest.raises(RuntimeError), transaction.atomic():
        mail_queue(to="a@b.example", subject="Hei", body="Tekst", centre=world.centre)
        raise RuntimeError
    assert not OutgoingMail.objects.exists()
    assert server.received == []


def test_a_subject_with_a_line_break_is_sent_on_one_line(world, smtp):
    from core.mail import mail_queue, mail_send

    server = smtp()
    mail = mail_queue(to="a@b.example", subject="Turvenn\nBcc: x@evil.example", body="Tekst")
    assert mail_send(mail_id=mail.pk)
    assert server.received[0].rcpt_tos == ["a@b.example"]
    assert mail.subject == "Turvenn Bcc: x@evil.example"


def test_erasing_a_volunteer_deletes_the_mails_to_them(world, smtp):
    from core.mail import mail_queue
    from volunteers.services import volunteer_erase

    smtp()
    volunteer = world.volunteer
    mail_queue(to=volunteer.email, subject="Hei", body="Hei " + volunteer.first_name)
    assert OutgoingMail.objects.filter(to=volunteer.email).count() == 1
    volunteer_erase(actor=access_of(world.coordinator), volunteer=volunteer)
    assert not OutgoingMail.objects.exists()


@pytest.mark.worker
def test_a_real_worker_sends_the_queued_mail(celery_worker, world, settings):
    from django.db import transaction

    from conftest import wait_for
    from core.mail import mail_queue

    settings.MAIL_SEND_IN_PROCESS = False  # as in production with a broker
    with transaction.atomic():
        mail = mail_queue(to="a@b.example", subject="Hei", body="Tekst", centre=world.centre)
    sent = wait_for(
        lambda: OutgoingMail.objects.filter(pk=mail.pk, status="sent").first(), timeout=30
    )
    assert sent.attempts == 1
