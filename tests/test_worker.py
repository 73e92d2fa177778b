import datetime as dt

import pytest
from django.utils import timezone

from conftest import wait_for
from core.models import AuditEvent
from core.permissions import Access
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


def test_a_real_worker_checks_an_import_batch_from_storage(celery_worker):
    from bench.register_files import csv_text, register_row
    from organisations import batches
    from organisations.models import ImportBatch
    from tests import factories as f

    centre = f.CentreFactory()
    batch = batches.import_batch_create(
        actor=Access.system(),
        centre=centre,
        filename="enheter.csv",
        file=csv_text([register_row(1), register_row(2, municipality="0301")]).encode(),
        municipalities=["1804"],
    )
    wait_for(lambda: ImportBatch.objects.get(pk=batch.pk).status == "checked")
    batch.refresh_from_db()
    assert (batch.rows_total, batch.rows_filtered_out) == (1, 1)
