import datetime as dt

from django.db import transaction

from .models import AuthEvent


@transaction.atomic
def auth_events_purge(*, before: dt.datetime) -> int:
    """Delete login records older than `before`; keep no more than is needed. Returns the count."""
    deleted, _ = AuthEvent.objects.filter(created_at__lt=before).delete()
    return deleted
