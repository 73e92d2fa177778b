"""Reads of core's own rows that pages show (e-mails the mail server did not take)."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import OutgoingMail
from .permissions import Access


def mail_failed(*, access: Access) -> QuerySet[OutgoingMail]:
    """The centre's e-mails that finally failed, newest first (coordinators only)."""
    if not access.is_coordinator:
        return OutgoingMail.objects.none()
    return OutgoingMail.objects.filter(
        centre_id__in=access.centre_ids, status=OutgoingMail.Status.FAILED
    ).order_by("-created_at")
