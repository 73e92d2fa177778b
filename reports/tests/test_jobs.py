"""Report jobs: requested, rendered (eagerly here; see test_worker for a real worker), failed,
reused and swept."""

import datetime as dt

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.db import OperationalError
from django.utils import timezone

from core import jobs
from core.tasks import sweep_jobs
from reports import figures, services, tasks
from reports.models import ReportJob
from tests.factories import access_of

from .conftest import YEAR
from .factories import ReportJobFactory


def request_annual(world, **kwargs):
    return services.report_request(
        actor=access_of(world.coordinator), centre=world.centre, kind="annual", year=YEAR, **kwargs
    )


def test_it_renders_a_requested_report_when_the_request_commits(
    world, project_231, django_capture_on_commit_callbacks, eager_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        job, created = request_annual(world)

    job.refresh_from_db()
    assert created
    assert job.status == ReportJob.Status.DONE
    assert job.progress == 100
    assert job.started_at and job.finished_at
    assert job.size == job.file.size > 1000
    assert job.file.read(5) == b"%PDF-"


def test_a_duplicate_request_reuses_the_running_job(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first, created = request_annual(world)
    ReportJob.objects.filter(pk=first.pk).update(status=ReportJob.Status.RUNNING)
    with django_capture_on_commit_callbacks(execute=False) as more_callbacks:
        second, created_again = request_annual(world)

    assert created and not created_again
    assert second.pk == first.pk
    assert len(callbacks) == 1 and len(more_callbacks) == 0
    assert ReportJob.objects.count() == 1


def test_a_new_request_after_a_finished_one_makes_a_new_job(world):
    done = ReportJobFactory(centre=world.centre, year=YEAR)
    job, created = request_annual(world)
    assert created and job.pk != done.pk


def test_a_failing_render_marks_the_job_failed_with_the_message(world, monkeypatch):
    def broken(*args, **kwargs):
        raise figures.ReportError("Prosjektet mangler startdato.")

    monkeypatch.setattr(services, "render_pdf", broken)
    job, _created = request_annual(world)

    services.report_job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    assert job.error == "Prosjektet mangler startdato."
    assert not job.file


def test_an_unexpected_error_gives_a_message_with_the_report_number(world, monkeypatch):
    monkeypatch.setattr(services, "render_pdf", lambda *a, **k: 1 / 0)
    job, _created = request_annual(world)

    services.report_job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    assert f"rapportnummer {job.pk}" in job.error


def test_the_soft_time_limit_marks_the_job_failed(world, monkeypatch, eager_tasks):
    def too_slow(*args, **kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(services, "render_pdf", too_slow)
    job, _created = request_annual(world)

    tasks.render_report.apply(args=[job.pk])

    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    assert "tok for lang tid" in job.error


def test_transient_errors_are_retried_then_reported(world, monkeypatch, eager_tasks):
    calls = []

    def database_away(*args, **kwargs):
        calls.append(1)
        raise OperationalError("server closed the connection")

    monkeypatch.setattr(services, "render_pdf", database_away)
    job, _created = request_annual(world)

    tasks.render_report.apply(args=[job.pk])

    job.refresh_from_db()
    assert len(calls) == tasks.MAX_RETRIES + 1
    assert job.status == ReportJob.Status.FAILED
    assert "databasen ikke svarte" in job.error


def test_the_sweep_marks_stale_jobs_failed(world):
    now = timezone.now()
    stuck = ReportJobFactory(
        centre=world.centre,
        status="running",
        started_at=now - dt.timedelta(hours=1),
        attempts=ReportJob.max_attempts,
    )
    lost = ReportJobFactory(centre=world.centre, year=YEAR - 1, status="queued")
    ReportJob.objects.filter(pk=lost.pk).update(queued_at=now - dt.timedelta(hours=3))
    fresh = ReportJobFactory(centre=world.centre, year=YEAR - 2, status="running", started_at=now)

    assert sweep_jobs() == 2

    stuck.refresh_from_db()
    lost.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == lost.status == ReportJob.Status.FAILED
    assert "Bestill rapporten på nytt" in stuck.error
    assert fresh.status == ReportJob.Status.RUNNING


def test_a_redelivered_job_that_already_finished_is_left_alone(world, monkeypatch):
    job = ReportJobFactory(centre=world.centre, status="done", size=10)
    monkeypatch.setattr(services, "render_pdf", lambda *a, **k: pytest.fail("rendered again"))

    services.report_job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == ReportJob.Status.DONE


def test_january_queues_last_years_annual_report_for_every_centre(world, monkeypatch):
    monkeypatch.setattr(jobs, "job_queue", lambda job: None)

    assert tasks.queue_annual_reports(YEAR) == 3

    queued = ReportJob.objects.filter(kind="annual", year=YEAR)
    assert {job.centre_id for job in queued} == {
        world.centre.pk,
        world.sibling_centre.pk,
        world.other_centre.pk,
    }


def test_the_beat_schedule_runs_the_january_reports_and_the_sweep(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE
    january = schedule["reports-annual-evaluations"]["schedule"]
    assert january.month_of_year == {1}
    assert schedule["core-sweep-jobs"]["task"] == "core.sweep_jobs"


def test_deleting_a_report_removes_its_file(world, django_capture_on_commit_callbacks):
    from .conftest import done_job

    job = done_job(world.centre)
    storage, name = job.file.storage, job.file.name
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        services.report_delete(actor=access_of(world.coordinator), job=job)

    assert not storage.exists(name)
    assert not ReportJob.objects.filter(pk=job.pk).exists()
