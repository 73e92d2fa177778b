"""Reminders: what was sent to whom, when, by which channel, and how it went.

A `Delivery` is one reminder to one person by one channel. Its key (kind, channel, recipient,
subject) is unique, so a job that runs twice, or a worker that dies halfway, never sends the
same reminder twice. It holds no message text once sent (the text can name people): an SMS keeps
its text only while it waits to be tried again. Each attempt is also recorded in the audit
trail (`core.audit.log_action`, action "reminder.sent" / "reminder.failed").
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import CENTRE_ONLY, CentreScopedModel


class Delivery(CentreScopedModel):
    class Kind(models.TextChoices):
        SHIFT = "shift", _("Shift tomorrow")
        FOLLOW_UP = "follow_up", _("Follow-up of a match")
        CONFIRMATION = "confirmation", _("Please confirm the entry")
        HOURS_DIGEST = "hours_digest", _("Hours waiting for approval")
        GRANT_DEADLINE = "grant_deadline", _("The state grant's deadline")
        REPORT_READY = "report_ready", _("An annual evaluation is ready")
        PARTNERSHIP_END = "partnership_end", _("A partnership is ending")

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("SMS")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Could not be sent")

    kind = models.CharField(_("reminder"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    # Who and about what, as "volunteer:12" / "user:4" / "organisation:9" and "shiftsignup:5".
    recipient = models.CharField(_("to whom"), max_length=60)
    subject = models.CharField(_("about"), max_length=120)
    to = models.CharField(_("address or number"), max_length=254)
    text = models.TextField(_("text"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    owners = CENTRE_ONLY

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "channel", "recipient", "subject"], name="delivery_once"
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_channel_display()}) {self.recipient}"


class OptOut(models.Model):
    """A user who wants no reminders (coordinators' digests and follow-ups, associations'
    confirmation requests). Volunteers say it on their profile (`Volunteer.wants_reminders`)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_opt_out"
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder opt-out")
        verbose_name_plural = _("reminder opt-outs")

    def __str__(self) -> str:
        return str(self.user)
