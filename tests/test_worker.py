import datetime as dt

import pytest
from django.utils import timezone

from conftest import wait_for
from core.models import AuditEvent
from core.tasks import purge_auth_events

pytestmark = pytest.mark.worker


def test_a_real_worker_purges_old_login_records(celery_worker):
    old = AuditEvent.objects.create(
        action="auth.login",
        source="web",
        data={"email": "gammel@example.org"},
        created_at=timezone.now() - dt.timedelta(days=400),
    )
    recent = AuditEvent.objects.create(
        action="auth.login", source="web", data={"email": "ny@example.org"}
    )
    change = AuditEvent.objects.create(
        action="organisation.updated",
        source="web",
        created_at=timezone.now() - dt.timedelta(days=400),
    )

    purge_auth_events.delay(180)

    wait_for(lambda: not AuditEvent.objects.filter(pk=old.pk).exists())
    # Only login records expire; the record of changes to the data stays.
    assert AuditEvent.objects.filter(pk__in=[recent.pk, change.pk]).count() == 2
