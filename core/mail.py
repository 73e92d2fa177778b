"""Outgoing e-mail through the database: queued with the change, sent by a job, retried.

`mail_queue` is what services call instead of `send_mail`. The row is written in the caller's
transaction; after the commit a job sends it (in-process without a broker). When the mail
server refuses or cannot be reached, the mail stays queued with the error and is tried again
after 1, 2, 4 ... minutes (at most an hour apart) by the `core.send_due_mail` job, up to
MAX_ATTEMPTS; then it is marked failed and the coordinator sees it on the start page.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from .models import Centre, OutgoingMail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
# Sent mail is kept this long (it holds addresses and names), then deleted.
KEEP_SENT_DAYS = 30


def subject_line(text: str) -> str:
    """An e-mail subject on one line: user-written text (a task title, an association's name)
    may hold line breaks, and Django refuses to send a header with one (header injection
    guard), which would fail only after the change behind the e-mail was saved."""
    return " ".join(str(text).split())


def mail_queue(
    *,
    to: str,
    subject: str,
    body: str,
    html: str = "",
    from_email: str | None = None,
    centre: Centre | int | None = None,
) -> OutgoingMail | None:
    """Queue one e-mail in the current transaction; it is sent after the commit."""
    if not to:
        return None
    mail = OutgoingMail.objects.create(
        to=to,
        subject=subject_line(subject)[:300],
        body=body,
        html=html,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        centre_id=centre.pk if isinstance(centre, Centre) else centre,
    )
    transaction.on_commit(lambda: _dispatch(mail.pk))
    return mail


def _dispatch(mail_id: int) -> None:
    """Send the mail now in this process (settings.MAIL_SEND_IN_PROCESS: no broker, or tests),
    or hand it to a worker; never let the mail server's or the queue's trouble reach the user."""
    from .tasks import send_mail_job

    try:
        if settings.MAIL_SEND_IN_PROCESS:
            mail_send(mail_id=mail_id)
        else:
            send_mail_job.delay(mail_id)
    except Exception:  # the broker is down: the due-mail sweep sends it later
        logger.exception("could not send or queue mail %s; the next sweep sends it", mail_id)


def _backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(minutes=min(2 ** (attempts - 1), 60))


def mail_send(*, mail_id: int) -> bool:
    """Try to send one queued mail now. True when the server took it (or it was already sent).

    The row is locked while it is sent, so two jobs never send the same mail twice.
    """
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.status != OutgoingMail.Status.QUEUED:
            return mail is not None
        message = EmailMultiAlternatives(
            mail.subject, mail.body, mail.from_email or None, [mail.to]
        )
        if mail.html:
            message.attach_alternative(mail.html, "text/html")
        mail.attempts += 1
        try:
            message.send(fail_silently=False)
        except (smtplib.SMTPException, OSError) as exc:
            mail.last_error = f"{type(exc).__name__}: {exc}"[:500]
            if mail.attempts >= MAX_ATTEMPTS:
                mail.status = OutgoingMail.Status.FAILED
                logger.error("mail %s to the server failed for good: %s", mail.pk, exc)
            else:
                mail.next_attempt_at = timezone.now() + _backoff(mail.attempts)
                logger.warning("mail %s not sent (attempt %s): %s", mail.pk, mail.attempts, exc)
            mail.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return False
        mail.status = OutgoingMail.Status.SENT
        mail.sent_at = timezone.now()
        mail.last_error = ""
        mail.save(update_fields=["attempts", "last_error", "status", "sent_at"])
        return True


def mail_send_due(*, now: dt.datetime | None = None, limit: int = 200) -> int:
    """Send the queued mails whose next attempt is due; delete sent mail past KEEP_SENT_DAYS.
    Returns how many were sent."""
    now = now or timezone.now()
    due = list(
        OutgoingMail.objects.filter(status=OutgoingMail.Status.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    sent = sum(1 for mail_id in due if mail_send(mail_id=mail_id))
    OutgoingMail.objects.filter(
        status=OutgoingMail.Status.SENT, sent_at__lt=now - dt.timedelta(days=KEEP_SENT_DAYS)
    ).delete()
    return sent


def mail_retry(*, mail: OutgoingMail) -> None:
    """Queue a failed mail again (the coordinator's "send again")."""
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=OutgoingMail.Status.QUEUED, attempts=0, next_attempt_at=timezone.now()
    )
    transaction.on_commit(lambda: _dispatch(mail.pk))


def mail_forget(*, address: str) -> int:
    """Delete every mail to `address` (erasure of a person)."""
    deleted, _detail = OutgoingMail.objects.filter(to__iexact=address).delete()
    return deleted
