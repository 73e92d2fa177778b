import datetime as dt

from django.db import transaction

from .models import AuditEvent


@transaction.atomic
def auth_events_purge(*, before: dt.datetime) -> int:
    """Delete login records older than `before`; keep no more than is needed. Returns the count.
    (Logins are the only events of the trail that expire: the rest is the record of the data.)"""
    deleted, _count = AuditEvent.objects.filter(
        action__startswith="auth.", created_at__lt=before
    ).delete()
    return deleted
