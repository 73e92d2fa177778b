"""The job kernel (core.jobs) as report jobs and import batches use it: every step of a run is
inside the failure handling, the sweep takes over jobs left running, a redelivered message of
a finished job does nothing, and a hostile import file is refused in seconds."""

from __future__ import annotations

import datetime as dt
import gzip
import time

import pytest
from django.core.files.storage import FileSystemStorage
from django.utils import timezone

from core import jobs
from organisations import batches, importing
from organisations.models import ImportBatch, Organisation
from organisations.tasks import run_import_batch
from reports import services
from reports.models import ReportJob
from reports.tasks import render_report
from tests.factories import access_of

YEAR = dt.date.today().year
FAKE_PDF = b"%PDF-1.7 " + b"x" * 2000


def _report_job(world, **fields) -> ReportJob:
    job, _created = services.report_request(
        actor=access_of(world.coordinator), centre=world.centre, kind="annual", year=YEAR
    )
    if fields:
        ReportJob.objects.filter(pk=job.pk).update(**fields)
        job.refresh_from_db()
    return job


def _checked_batch(world, rows: str = "navn\nBergli Sjakklubb\nFjordvik Kor\n") -> ImportBatch:
    batch = batches.import_batch_create(
        actor=access_of(world.coordinator),
        centre=world.centre,
        filename="foreninger.csv",
        file=rows.encode(),
        queue=False,
    )
    batch = batches.import_batch_run(batch_id=batch.pk)
    assert batch.status == ImportBatch.Status.CHECKED, batch.error
    return batch


def test_it_fails_a_report_job_whose_pdf_cannot_be_stored_with_that_reason(world, monkeypatch):
    monkeypatch.setattr(services, "render_pdf", lambda *args, **kwargs: FAKE_PDF)

    def disk_full(self, name, content):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", disk_full)
    job = _report_job(world)

    services.report_job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    assert "filen kunne ikke lagres" in job.error
    assert "No space left on device" in job.error
    assert job.finished_at is not None and not job.file


def test_it_fails_an_import_batch_whose_associations_cannot_be_stored_with_that_reason(
    world, monkeypatch
):
    batch = _checked_batch(world)
    batches.import_batch_confirm(
        actor=access_of(world.coordinator), batch=batch, good_rows_only=False
    )
    before = Organisation.objects.system().count()

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(importing, "import_rows", disk_full)

    batch = batches.import_batch_run(batch_id=batch.pk)

    assert batch.status == ImportBatch.Status.FAILED
    assert "Foreningene kunne ikke lagres" in batch.error
    assert "No space left on device" in batch.error
    assert Organisation.objects.system().count() == before
    assert importing.upload_opener(batch.file_path) is None  # the upload went with it


def test_it_fails_an_import_batch_whose_upload_cannot_be_read_from_storage(world, monkeypatch):
    batch = _checked_batch(world)
    batches.import_batch_confirm(
        actor=access_of(world.coordinator), batch=batch, good_rows_only=False
    )

    def store_away(path):
        raise ConnectionRefusedError("the object store did not answer")

    monkeypatch.setattr(importing, "upload_opener", store_away)

    batch = batches.import_batch_run(batch_id=batch.pk)

    assert batch.status == ImportBatch.Status.FAILED
    assert "the object store did not answer" in batch.error


def test_the_sweep_queues_again_a_job_left_running_past_its_time_limit(
    world, monkeypatch, run_jobs
):
    monkeypatch.setattr(services, "render_pdf", lambda *args, **kwargs: FAKE_PDF)
    long_ago = timezone.now() - ReportJob.stale_after() - dt.timedelta(seconds=5)
    stuck = _report_job(world, status="running", started_at=long_ago, attempts=1)
    fresh = ReportJob.objects.create(
        centre=world.centre,
        kind="annual",
        year=YEAR - 1,
        status="running",
        started_at=timezone.now(),
        attempts=1,
        params_hash="fresh",
    )

    assert jobs.jobs_sweep() == 1

    stuck.refresh_from_db()
    fresh.refresh_from_db()
    # Without a broker the job runs again at once; with one a worker takes it from the queue.
    assert (stuck.status, stuck.attempts, stuck.size) == ("done", 2, len(FAKE_PDF))
    assert fresh.status == "running"


def test_the_sweep_fails_a_job_stuck_running_that_has_had_all_its_attempts(world):
    long_ago = timezone.now() - dt.timedelta(hours=1)
    report = _report_job(world, status="running", started_at=long_ago, attempts=3)
    batch = _checked_batch(world)
    ImportBatch.objects.filter(pk=batch.pk).update(
        status="running", started_at=long_ago, attempts=ImportBatch.max_attempts
    )

    assert jobs.jobs_sweep() == 2

    report.refresh_from_db()
    batch.refresh_from_db()
    assert report.status == batch.status == "failed"
    assert "Bestill rapporten på nytt" in report.error
    assert "Importen stoppet uten svar" in batch.error
    assert importing.upload_opener(batch.file_path) is None


def test_the_job_pages_sweep_a_stale_job_they_show(world, login, monkeypatch):
    from django.core.cache import cache
    from django.urls import reverse

    cache.clear()
    long_ago = timezone.now() - dt.timedelta(hours=1)
    batch = _checked_batch(world)
    ImportBatch.objects.filter(pk=batch.pk).update(
        status="running", started_at=long_ago, attempts=ImportBatch.max_attempts
    )

    page = login(world.coordinator).get(reverse("organisations:import_batch", args=[batch.pk]))

    assert page.context["batch"].status == "failed"


def test_a_redelivered_message_of_a_finished_job_does_nothing(world, monkeypatch, run_jobs):
    monkeypatch.setattr(services, "render_pdf", lambda *a, **k: pytest.fail("rendered again"))
    report = _report_job(world, status="done", progress=100, attempts=1)
    batch = _checked_batch(world)
    ImportBatch.objects.filter(pk=batch.pk).update(status="done")
    monkeypatch.setattr(importing, "check_rows", lambda *a, **k: pytest.fail("read again"))

    render_report.apply(args=[report.pk])
    run_import_batch.apply(args=[batch.pk])

    report.refresh_from_db()
    batch.refresh_from_db()
    assert (report.status, report.attempts) == ("done", 1)
    assert batch.status == "done"


def test_a_redelivered_message_of_a_job_a_live_run_holds_does_nothing(world, monkeypatch):
    monkeypatch.setattr(services, "render_pdf", lambda *a, **k: pytest.fail("rendered twice"))
    job = _report_job(world, status="running", started_at=timezone.now(), attempts=1)

    render_report.apply(args=[job.pk])

    job.refresh_from_db()
    assert (job.status, job.attempts) == ("running", 1)


def blank_line_gzip(*, compressed_bytes: int = 5_000_000, commas: int = 150_000) -> bytes:
    """About `compressed_bytes` of gzip whose text is lines of nothing but commas (several GB
    unpacked). Built from one compressed member repeated: gzip reads members one after another."""
    member = gzip.compress((b"," * commas + b"\n") * 200, compresslevel=9)
    return member * (compressed_bytes // len(member) + 1)


def test_it_refuses_the_blank_line_gzip_within_30_seconds(world, run_jobs):
    content = blank_line_gzip()
    assert len(content) >= 5_000_000

    started = time.monotonic()
    with pytest.raises(importing.ImportFileError, match="Linje 1 i filen er lengre enn"):
        batches.import_batch_create(
            actor=access_of(world.coordinator),
            centre=world.centre,
            filename="tomt.csv.gz",
            file=content,
        )
    # The same lines after a good header: the upload is kept, its check refuses it.
    with run_jobs():
        batch = batches.import_batch_create(
            actor=access_of(world.coordinator),
            centre=world.centre,
            filename="tomt.csv.gz",
            file=gzip.compress(b"navn\n") + content,
        )
    elapsed = time.monotonic() - started

    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert "Linje 2 i filen er lengre enn" in batch.error
    assert elapsed < 30


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b"," * 40_000, "Rad 2 har mer enn"),  # many columns, each line under the length limit
        (b"Kor" + b"," * 1_500, "Rad 2 har mer enn"),
    ],
)
def test_it_refuses_rows_of_too_many_columns_at_the_first_one(world, line, message):
    content = gzip.compress(b"navn\n" + (line + b"\n") * 200)
    batch = batches.import_batch_create(
        actor=access_of(world.coordinator),
        centre=world.centre,
        filename="brede.csv.gz",
        file=content,
        queue=False,
    )
    started = time.monotonic()
    batch = batches.import_batch_run(batch_id=batch.pk)
    assert batch.status == ImportBatch.Status.FAILED
    assert message in batch.error
    assert time.monotonic() - started < 10


def test_a_long_run_of_blank_rows_ends_the_reading(world):
    content = gzip.compress(b"navn\nKor\n" + b"," * 999 + b"\n" * 2 + (b"," * 999 + b"\n") * 5_000)
    batch = batches.import_batch_create(
        actor=access_of(world.coordinator),
        centre=world.centre,
        filename="tomme.csv.gz",
        file=content,
        queue=False,
    )
    started = time.monotonic()
    batch = batches.import_batch_run(batch_id=batch.pk)
    assert batch.status == ImportBatch.Status.CHECKED
    assert batch.rows_total == 1 and batch.rows_scanned <= importing.MAX_BLANK_RUN + 3
    assert time.monotonic() - started < 10


def test_reading_stops_at_the_wall_clock_limit(world, monkeypatch):
    batch = batches.import_batch_create(
        actor=access_of(world.coordinator),
        centre=world.centre,
        filename="mange.csv",
        file=("navn\n" + "".join(f"Lag {n}\n" for n in range(5_000))).encode(),
        queue=False,
    )
    monkeypatch.setattr(batches, "READ_SECONDS", 0)

    batch = batches.import_batch_run(batch_id=batch.pk)

    assert batch.status == ImportBatch.Status.FAILED
    assert "Det tok mer enn 0 sekunder å lese filen" in batch.error


def test_the_job_tasks_are_acknowledged_late_and_within_the_visibility_timeout(settings):
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    for task in (render_report, run_import_batch):
        assert task.acks_late and task.reject_on_worker_lost
        assert task.soft_time_limit <= 120 < task.time_limit < visibility <= 300
    assert {ReportJob.time_limit, ImportBatch.time_limit} == {150}
