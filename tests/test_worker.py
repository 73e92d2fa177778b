import datetime as dt

import pytest
from django.utils import timezone

from conftest import wait_for
from core.models import AuthEvent
from core.tasks import purge_auth_events

pytestmark = pytest.mark.worker


def test_a_real_worker_purges_old_login_records(celery_worker):
    old = AuthEvent.objects.create(email="gammel@example.org", kind=AuthEvent.Kind.LOGIN)
    AuthEvent.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=400))
    recent = AuthEvent.objects.create(email="ny@example.org", kind=AuthEvent.Kind.LOGIN)

    purge_auth_events.delay(180)

    wait_for(lambda: not AuthEvent.objects.filter(pk=old.pk).exists())
    assert AuthEvent.objects.filter(pk=recent.pk).exists()
