"""Faults: the Celery worker is killed (SIGKILL, like a crashed container) in the middle of a
report job. The job is delivered again to a new worker, or the sweep marks it failed: it never
stays "running" (the job kernel, core.jobs). Needs PostgreSQL and Redis (skipped locally,
required in CI, as conftest)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import uuid

import pytest
from django.conf import settings

from conftest import ROOT, wait_for
from core import jobs
from reports import services, tasks
from reports.models import ReportJob
from tests import factories as f

pytestmark = pytest.mark.worker

YEAR = dt.date.today().year


def _start_worker(queue: str, *, name: str, **extra_env: str) -> subprocess.Popen:
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "frivillig.settings_test",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        **extra_env,
    }
    log = (ROOT / "test-artifacts").joinpath(f"celery-{name}.log")
    log.parent.mkdir(exist_ok=True)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "frivillig",
            "worker",
            "--pool=prefork",
            "--concurrency=1",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            f"--queues={queue}",
            f"--hostname={name}-{queue}@%h",
        ],
        env=env,
        cwd=ROOT,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: SIGKILL takes the pool child too
    )


def _kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=20)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            _kill(process)


@pytest.fixture
def running_job_of_a_killed_worker(services_or_skip, transactional_db, world, queue_name):
    """A report job whose worker was SIGKILLed while rendering it (status still "running")."""
    project = f.ProjectFactory(centre=world.centre)
    f.ActivityFactory.create_batch(3, project=project, date=dt.date(YEAR, 3, 1))
    job = ReportJob.objects.create(
        centre=world.centre,
        kind="annual",
        year=YEAR,
        language="nb",
        status=ReportJob.Status.QUEUED,
        params_hash=services.params_hash(
            centre_id=world.centre.pk, kind="annual", year=YEAR, project_id=None, language="nb"
        ),
        task_id=f"fault-{uuid.uuid4().hex}",
    )
    worker = _start_worker(queue_name, name="slow", FRIVILLIG_TEST_RENDER_DELAY="120")
    try:
        tasks.render_report.apply_async(args=[job.pk], task_id=job.task_id, queue=queue_name)
        wait_for(lambda: ReportJob.objects.filter(pk=job.pk, status="running").exists(), timeout=60)
    finally:
        _kill(worker)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.RUNNING  # the fault: nobody is working on it now
    return job


def test_a_new_worker_takes_over_the_job_of_a_killed_worker(
    running_job_of_a_killed_worker, queue_name
):
    job = running_job_of_a_killed_worker
    worker = _start_worker(
        queue_name,
        name="fresh",
        FRIVILLIG_TEST_FAST_REDELIVERY="1",
        FRIVILLIG_TEST_QUEUE=queue_name,
    )
    try:
        done = wait_for(
            lambda: ReportJob.objects.filter(pk=job.pk, status__in=["done", "failed"]).first(),
            timeout=90,
        )
    finally:
        _stop(worker)
    assert done.status == ReportJob.Status.DONE, done.error
    assert done.size > 1000
    done.file.delete(save=False)


def test_the_sweep_marks_the_job_of_a_killed_worker_failed(running_job_of_a_killed_worker):
    job = running_job_of_a_killed_worker
    # What beat, every worker and the report page run; the job "started" long enough ago to
    # count as lost, and has had all its attempts (else it is queued again).
    ReportJob.objects.filter(pk=job.pk).update(
        started_at=job.started_at - ReportJob.stale_after() - dt.timedelta(minutes=1),
        attempts=ReportJob.max_attempts,
    )

    jobs.jobs_sweep()

    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    assert "Bestill rapporten på nytt" in job.error or "request the report again" in job.error
    assert job.finished_at is not None
