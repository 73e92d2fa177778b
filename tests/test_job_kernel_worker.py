"""The job kernel with real workers: a worker is killed (SIGKILL) while it runs an import
batch, a fresh worker is started with no beat, and the batch is delivered again (or failed)
within the time the test allows; a hostile upload leaves the worker free for the next job.
Needs PostgreSQL and Redis (skipped locally, required in CI, as conftest)."""

from __future__ import annotations

import gzip
import time

import pytest

from conftest import wait_for
from core.permissions import Access
from organisations import batches
from organisations.models import ImportBatch
from organisations.tasks import run_import_batch
from tests.test_fault_worker import _kill, _start_worker, _stop
from tests.test_job_kernel import blank_line_gzip

pytestmark = pytest.mark.worker

FINISHED = ["checked", "done", "failed"]


def test_it_redelivers_the_batch_of_a_killed_worker_to_a_fresh_worker_without_beat(
    services_or_skip, transactional_db, world, queue_name
):
    batch = batches.import_batch_create(
        actor=Access.system(),
        centre=world.centre,
        filename="foreninger.csv",
        file=b"navn\nBergli Sjakklubb\nFjordvik Kor\n",
        queue=False,
    )
    slow = _start_worker(queue_name, name="slow-import", FRIVILLIG_TEST_RENDER_DELAY="120")
    try:
        run_import_batch.apply_async(args=[batch.pk], task_id=batch.task_id, queue=queue_name)
        wait_for(lambda: ImportBatch.objects.filter(pk=batch.pk, status="running").exists(), 60)
    finally:
        _kill(slow)
    killed_at = time.monotonic()
    assert ImportBatch.objects.get(pk=batch.pk).status == "running"  # nobody works on it now

    # Short limits for the test: redelivery after 2 s, lost after 3 s, a sweep every 2 s into
    # this test's queue (frivillig/settings_test.py); production: 240 s, 180 s and 60 s.
    fresh = _start_worker(
        queue_name,
        name="fresh-import",
        FRIVILLIG_TEST_FAST_REDELIVERY="1",
        FRIVILLIG_TEST_QUEUE=queue_name,
    )
    try:
        finished = wait_for(
            lambda: ImportBatch.objects.filter(pk=batch.pk, status__in=FINISHED).first(),
            timeout=5 * 60,
        )
    finally:
        _stop(fresh)
    assert finished.status == "checked", finished.error
    assert (finished.rows_total, finished.attempts) == (2, 2)
    assert time.monotonic() - killed_at < 60


def test_a_hostile_upload_is_refused_and_the_worker_is_free_for_the_next_job(
    services_or_skip, transactional_db, world, queue_name
):
    hostile = batches.import_batch_create(
        actor=Access.system(),
        centre=world.centre,
        filename="tomt.csv.gz",
        file=gzip.compress(b"navn\n") + blank_line_gzip(),
        queue=False,
    )
    good = batches.import_batch_create(
        actor=Access.system(),
        centre=world.centre,
        filename="foreninger.csv",
        file=b"navn\nBergli Sjakklubb\n",
        queue=False,
    )
    worker = _start_worker(queue_name, name="hostile")
    try:
        started = time.monotonic()
        for batch in (hostile, good):
            run_import_batch.apply_async(args=[batch.pk], task_id=batch.task_id, queue=queue_name)
        wait_for(lambda: ImportBatch.objects.filter(pk=good.pk, status__in=FINISHED).exists(), 60)
        elapsed = time.monotonic() - started
    finally:
        _stop(worker)
    hostile.refresh_from_db()
    good.refresh_from_db()
    assert hostile.status == "failed" and "Linje 2 i filen er lengre enn" in hostile.error
    assert good.status == "checked"
    assert elapsed < 30
