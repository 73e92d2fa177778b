import datetime as dt

from django.db import transaction

from .audit import log_action, log_change, stored_snapshot
from .models import AuditEvent, Centre
from .permissions import Access, check_coordinate, user_of


def sessions_of(user_id: int) -> list[str]:
    """The keys of the user's unexpired sessions (a session names its user only inside its
    signed data, so each is decoded; there are as many rows as signed-in browsers)."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    return [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == str(user_id)
    ]


@transaction.atomic
def user_sign_out_everywhere(*, actor: Access) -> int:
    """End every session of the acting user, on every browser and device (this one included).
    Returns how many ended. A user signs out only themselves: their User (the object the
    trail records) is loaded from the Access (`user_of`)."""
    from django.contrib.sessions.models import Session

    user = user_of(actor)
    keys = sessions_of(user.pk)
    Session.objects.filter(pk__in=keys).delete()
    log_action(
        actor=actor, action="auth.sign_out_everywhere", obj=user, data={"sessions": len(keys)}
    )
    return len(keys)


def retention_record(key: str, **data: object) -> None:
    """Record in the audit trail what a retention job did (`retention.<key>`, by the system)."""
    log_action(actor=None, action=f"retention.{key}", data=data)


@transaction.atomic
def auth_events_purge(*, before: dt.datetime) -> int:
    """Delete login records older than `before`; keep no more than is needed. Returns the count.
    (Logins are the only events of the trail that expire: the rest is the record of the data.)"""
    deleted, _count = AuditEvent.objects.filter(
        action__startswith="auth.", created_at__lt=before
    ).delete()
    retention_record("login_records", deleted=deleted, before=before.isoformat())
    return deleted


@transaction.atomic
def sent_mail_purge(*, before: dt.datetime) -> int:
    """Delete e-mails sent (or finally failed) before `before`: the text names the recipient.
    Returns the count."""
    from .models import OutgoingMail

    deleted, _count = (
        OutgoingMail.objects.exclude(status=OutgoingMail.Status.QUEUED)
        .filter(created_at__lt=before)
        .delete()
    )
    retention_record("sent_mail", deleted=deleted, before=before.isoformat())
    return deleted


PUBLIC_SETTINGS = ("activities_public_by_default", "description")


@transaction.atomic
def centre_public_update(*, actor: Access, centre: Centre, **fields: object) -> Centre:
    """Change what the centre shows the public: whether new activities, series and tasks start
    public, and the text about the centre on its front page (its coordinators)."""
    check_coordinate(actor, centre.pk)
    before = stored_snapshot(centre)
    for name, value in fields.items():
        if name not in PUBLIC_SETTINGS:
            raise ValueError(name)
        setattr(centre, name, value)
    centre.full_clean()
    centre.save(update_fields=list(fields))
    log_change(actor=actor, action="centre.public_updated", obj=centre, before=before)
    return centre
