"""One job kernel for every background job whose state the user watches (report PDFs, import
batches, and any later job).

A job is a row of a concrete model that inherits `Job` (kept in its own app). The kernel owns:
- the state (queued, running, done, failed), progress, start and finish times, the number of
  attempts and the failure reason in words for the user, in the job's language;
- `job_queue`: publish the job's task; a broker that is away fails the job at once;
- `job_run`: claim the job and run ALL of its work inside the failure handling, storing the
  result included, so every failing step marks the job failed with its own reason. A
  redelivered message of a job that is no longer active does nothing (the tasks are
  idempotent, so they run with `acks_late` and `reject_on_worker_lost`);
- `jobs_sweep`: a job left running past its time limit (its worker was killed) is queued again
  while attempts remain, else failed; a job queued for hours (its message was lost) is failed.
  Beat runs it, every worker runs it on a timer (`start_sweep_timer`), and the job pages run it
  (`jobs_sweep_if_due`), so it runs with web and worker alone.

The kernel finds the job models itself (every installed model that inherits `Job`), so `core`
imports no app.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any, ClassVar, TypeVar

# The project's Celery app (frivillig.celery) as the current app, so core imports no app.
from celery import current_app
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.validators import MaxValueValidator
from django.db import InterfaceError, OperationalError, close_old_connections, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from kombu.exceptions import OperationalError as BrokerOperationalError

logger = logging.getLogger(__name__)

# --- Errors ---------------------------------------------------------------------------------------

# Errors worth another try: the database or broker was briefly away.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    ConnectionError,
    TimeoutError,
)

# Errors of the broker (Redis) when a job is published: it is down or unreachable.
BROKER_ERRORS: tuple[type[BaseException], ...] = (BrokerOperationalError, ConnectionError, OSError)
try:
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError
except ImportError:  # pragma: no cover - redis is installed with celery[redis]
    pass
else:
    BROKER_ERRORS += (RedisConnectionError, RedisTimeoutError)


class JobFailed(Exception):
    """Raised inside a job's work: the job fails with this message (already in the user's
    words and language)."""


class JobQueueUnavailable(Exception):
    """The broker did not accept the job; the job has been marked failed."""


# --- Time limits ----------------------------------------------------------------------------------

# A job task gets these by default; the broker's visibility timeout (settings) is above the
# longest hard limit, so a message is never delivered twice while its task still runs.
SOFT_TIME_LIMIT = 120
HARD_TIME_LIMIT = 150
# A running job is taken to have lost its worker this long after its hard limit has passed.
STALE_GRACE = dt.timedelta(seconds=30)
# A queued job whose message never arrived (the broker lost it) is failed after this.
STALE_QUEUED = dt.timedelta(hours=2)
MAX_RETRIES = 3  # retries of a task after a transient error (the database was away)


def task_options(
    *, soft_time_limit: int = SOFT_TIME_LIMIT, time_limit: int = HARD_TIME_LIMIT
) -> dict[str, Any]:
    """Celery options of a job task: acknowledged after the run, delivered again when its
    worker dies, retried with back-off after transient errors, within its time limits."""
    return {
        "bind": True,
        "acks_late": True,
        "reject_on_worker_lost": True,
        "autoretry_for": TRANSIENT_ERRORS,
        "retry_backoff": 5,
        "retry_backoff_max": 60,
        "retry_jitter": True,
        "max_retries": MAX_RETRIES,
        "soft_time_limit": soft_time_limit,
        "time_limit": time_limit,
    }


# --- The model ------------------------------------------------------------------------------------


class JobStatus(models.TextChoices):
    QUEUED = "queued", gettext_lazy("Queued")
    RUNNING = "running", gettext_lazy("Running")
    DONE = "done", gettext_lazy("Done")
    FAILED = "failed", gettext_lazy("Failed")


ACTIVE_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)


class Job(models.Model):
    """Abstract base of a job's row. A concrete job declares its task's name and time limit,
    and may word its failures for its own kind of work."""

    status = models.CharField(
        gettext_lazy("status"),
        max_length=10,
        choices=JobStatus.choices,
        default=JobStatus.QUEUED,
    )
    progress = models.PositiveSmallIntegerField(
        gettext_lazy("progress (per cent)"), default=0, validators=[MaxValueValidator(100)]
    )
    queued_at = models.DateTimeField(
        gettext_lazy("queued"), null=True, blank=True, default=timezone.now
    )
    started_at = models.DateTimeField(gettext_lazy("started"), null=True, blank=True)
    finished_at = models.DateTimeField(gettext_lazy("finished"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(gettext_lazy("attempts"), default=0)
    error = models.TextField(gettext_lazy("error message"), blank=True)
    task_id = models.CharField(gettext_lazy("task id"), max_length=64, blank=True)
    language = models.CharField(
        gettext_lazy("language"), max_length=5, choices=settings.LANGUAGES, default="nb"
    )

    ACTIVE_STATUSES = ACTIVE_STATUSES

    # The Celery task that runs the job (its name), and that task's hard time limit.
    task_name: ClassVar[str] = ""
    time_limit: ClassVar[int] = HARD_TIME_LIMIT
    # Runs a job may start in all (a job that kills its worker every time is failed, not
    # delivered for ever).
    max_attempts: ClassVar[int] = 3
    # The failure reasons, marked for translation and translated into the job's language.
    FAILED_LOST: ClassVar[str] = gettext_noop(
        "The job stopped without an answer (the server may have restarted). Please try again."
    )
    FAILED_TOO_SLOW: ClassVar[str] = gettext_noop(
        "The job took too long and was stopped. Please try again later."
    )
    FAILED_DATABASE: ClassVar[str] = gettext_noop(
        "The job could not be finished because the database did not answer. "
        "Please try again in a few minutes."
    )
    FAILED_PROGRAM: ClassVar[str] = gettext_noop(
        "The job could not be finished because of an error in the program. The error has been "
        "logged; please try again later or contact support (job number %(number)s)."
    )
    FAILED_QUEUE_DOWN: ClassVar[str] = gettext_noop(
        "The job could not be started because the job queue was not available. "
        "Please try again in a few minutes."
    )

    class Meta:
        abstract = True

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_stale(self) -> bool:
        """Running past its time limit, or queued for hours: the sweep's to take over."""
        now = timezone.now()
        if self.status == JobStatus.RUNNING and self.started_at:
            return self.started_at < now - self.stale_after()
        if self.status == JobStatus.QUEUED and self.queued_at:
            return self.queued_at < now - STALE_QUEUED
        return False

    @classmethod
    def stale_after(cls) -> dt.timedelta:
        """How long after its start a running job has certainly lost its worker."""
        override = getattr(settings, "JOB_STALE_AFTER_SECONDS", None)
        if override:  # only the worker fault tests shorten it (frivillig/settings_test.py)
            return dt.timedelta(seconds=float(override))
        return dt.timedelta(seconds=cls.time_limit) + STALE_GRACE

    def failure_words(self, text: str, **values: Any) -> str:
        """`text` (a gettext_noop message) in the job's language."""
        with translation.override(self.language or settings.LANGUAGE_CODE):
            message = _(text)
        return message % values if values else message

    def on_failed(self) -> None:
        """Clean up after the job was marked failed (e.g. delete an uploaded file)."""


J = TypeVar("J", bound=Job)


def _rows(model: type[J]) -> models.QuerySet[J]:
    """Every row of the model: the kernel works across centres on purpose."""
    queryset = model._default_manager.all()
    return queryset.system() if hasattr(queryset, "system") else queryset


def job_models() -> list[type[Job]]:
    """Every installed concrete job model."""
    return [m for m in apps.get_models() if issubclass(m, Job)]


# --- Queue, fail, progress ----------------------------------------------------------------------


def _task(name: str):

    current_app.loader.import_default_modules()
    return current_app.tasks[name]


def job_queue(job: Job, *, raise_if_down: bool = True) -> None:
    """Publish the job's task. If the broker is away the job is failed at once (never left
    "queued" for ever) and, with `raise_if_down`, JobQueueUnavailable tells the caller."""
    try:
        _task(job.task_name).apply_async(args=[job.pk], task_id=job.task_id or None)
    except BROKER_ERRORS as exc:
        logger.warning("%s %s could not be queued: %s", job._meta.label, job.pk, exc)
        job_fail(job, job.failure_words(job.FAILED_QUEUE_DOWN))
        if raise_if_down:
            raise JobQueueUnavailable from exc


def job_fail(
    job: Job,
    message: str,
    *,
    attempt: int | None = None,
    statuses: tuple[str, ...] = ACTIVE_STATUSES,
) -> bool:
    """Mark the job failed with `message` if it is in one of `statuses` (queued or running);
    with `attempt`, only while that run still holds it. Returns whether it was marked."""
    rows = _rows(type(job)).filter(pk=job.pk, status__in=statuses)
    if attempt is not None:
        rows = rows.filter(attempts=attempt)
    marked = bool(
        rows.update(status=JobStatus.FAILED, finished_at=timezone.now(), error=message[:5000])
    )
    if marked:
        job.status, job.error = JobStatus.FAILED, message
        job.on_failed()
    return marked


def job_progress(job: Job, value: int) -> None:
    """Show `value` per cent on a running job (only while this run holds it)."""
    _rows(type(job)).filter(pk=job.pk, status=JobStatus.RUNNING, attempts=job.attempts).update(
        progress=max(0, min(100, int(value)))
    )


def job_finish(job: Job, *, status: str = JobStatus.DONE, **fields: Any) -> bool:
    """Mark this run's job finished with `status` and `fields`, in the caller's transaction.
    False when the run no longer holds the job (it was deleted, swept or taken over)."""
    return bool(
        _rows(type(job))
        .filter(pk=job.pk, status=JobStatus.RUNNING, attempts=job.attempts)
        .update(status=status, progress=100, finished_at=timezone.now(), error="", **fields)
    )


# --- Run ------------------------------------------------------------------------------------------


def _claim(model: type[J], job_id: int) -> J | None:
    """Take the job for this run: queued, or running but past its time limit (a killed
    worker's job delivered again). None when there is nothing to do."""
    now = timezone.now()
    with transaction.atomic():
        job = _rows(model).select_for_update().filter(pk=job_id).first()
        if job is None or job.status not in ACTIVE_STATUSES:
            return None  # deleted, or finished by an earlier delivery: nothing to do
        if job.status == JobStatus.RUNNING and (
            job.started_at is None or job.started_at > now - model.stale_after()
        ):
            return None  # a live run holds it
        if job.attempts >= model.max_attempts:
            job_fail(job, job.failure_words(job.FAILED_LOST))
            return None
        job.status, job.started_at, job.finished_at = JobStatus.RUNNING, now, None
        job.attempts += 1
        job.progress, job.error = 0, ""
        job.save(
            update_fields=["status", "started_at", "finished_at", "attempts", "progress", "error"]
        )
    return job


def job_run(
    model: type[J], job_id: int, work: Callable[[J], None], *, may_retry: bool = False
) -> J | None:
    """Run `work(job)` as job `job_id`, every step inside the failure handling.

    `work` reports progress with `job_progress` and ends with `job_finish` (in the same
    transaction as what it stores). Any exception fails the job with its reason: JobFailed
    with its own message, the soft time limit as "too slow", a transient error (the database
    was away) is raised again for the task to retry while `may_retry`, anything else as an
    error in the program (logged). Returns the job as it is afterwards, or None.
    """
    from celery.exceptions import SoftTimeLimitExceeded

    job = _claim(model, job_id)
    if job is None:
        return _rows(model).filter(pk=job_id).first()
    attempt = job.attempts
    try:
        if delay := getattr(settings, "JOBS_TEST_DELAY", 0):
            time.sleep(delay)  # only the worker fault tests set this (frivillig/settings_test.py)
        with translation.override(job.language):
            work(job)
    except JobFailed as exc:
        job_fail(job, str(exc), attempt=attempt)
    except SoftTimeLimitExceeded:
        logger.warning("%s %s hit the soft time limit", model._meta.label, job_id)
        job_fail(job, job.failure_words(job.FAILED_TOO_SLOW), attempt=attempt)
    except TRANSIENT_ERRORS:
        if may_retry:
            _requeue_for_retry(job)
            raise
        logger.exception("%s %s failed: the database was away", model._meta.label, job_id)
        job_fail(job, job.failure_words(job.FAILED_DATABASE), attempt=attempt)
    except Exception:
        logger.exception("%s %s failed", model._meta.label, job_id)
        job_fail(job, job.failure_words(job.FAILED_PROGRAM, number=job.pk), attempt=attempt)
    else:
        if _rows(model).filter(pk=job_id, status=JobStatus.RUNNING, attempts=attempt).exists():
            # The work returned without finishing the job: a defect, not a job left running.
            logger.error("%s %s returned without finishing", model._meta.label, job_id)
            job_fail(job, job.failure_words(job.FAILED_PROGRAM, number=job.pk), attempt=attempt)
    return _rows(model).filter(pk=job_id).first()


def _requeue_for_retry(job: Job) -> None:
    """Before a retry: queued again, so the next delivery may claim it. If the database is
    still away this fails too, and the sweep queues the job again once it is past its limit."""
    try:
        _rows(type(job)).filter(pk=job.pk, status=JobStatus.RUNNING, attempts=job.attempts).update(
            status=JobStatus.QUEUED, attempts=max(job.attempts - 1, 0)
        )
    except TRANSIENT_ERRORS:
        logger.warning("%s %s stays running until the sweep", job._meta.label, job.pk)


# --- Sweep ----------------------------------------------------------------------------------------


def jobs_sweep(*, now: dt.datetime | None = None) -> int:
    """Queue again (while attempts remain) or fail every job left running past its time limit,
    and fail jobs queued for hours. Returns how many jobs it touched."""
    from core.scopes import scopes_disabled

    now = now or timezone.now()
    touched = 0
    with scopes_disabled():
        for model in job_models():
            stale = _rows(model).filter(
                status=JobStatus.RUNNING, started_at__lt=now - model.stale_after()
            )
            for job in stale:
                if job.attempts < model.max_attempts and _requeue_stale(job):
                    touched += 1
                    try:
                        job_queue(job, raise_if_down=False)
                    except Exception:  # one job must not stop the sweep of the others
                        logger.exception("%s %s could not be queued again", model.__name__, job.pk)
                elif job_fail(job, job.failure_words(job.FAILED_LOST), attempt=job.attempts):
                    touched += 1
            lost = _rows(model).filter(status=JobStatus.QUEUED, queued_at__lt=now - STALE_QUEUED)
            for job in lost:
                touched += job_fail(job, job.failure_words(job.FAILED_LOST))
    if touched:
        logger.info("job sweep: %s stale job(s) queued again or failed", touched)
    return touched


def _requeue_stale(job: Job) -> bool:
    return bool(
        _rows(type(job))
        .filter(pk=job.pk, status=JobStatus.RUNNING, attempts=job.attempts)
        .update(status=JobStatus.QUEUED, queued_at=timezone.now(), progress=0)
    )


SWEEP_EVERY = 60  # seconds between two sweeps outside beat (worker timer, job pages)
_SWEEP_DUE = "frivillig:jobs:sweep-due"


def _sweep_every() -> float:
    return float(getattr(settings, "JOB_SWEEP_SECONDS", None) or SWEEP_EVERY)


def jobs_sweep_if_due(shown: Iterable[Job] = ()) -> bool:
    """The job pages: when a job they show is stale, sweep (at most once every SWEEP_EVERY
    seconds per cache), so a killed worker's job is taken over even where no beat and no
    worker sweeps. Returns whether it swept; a page without a stale job costs no query."""
    if not any(job.is_stale for job in shown):
        return False
    if not cache.add(_SWEEP_DUE, 1, timeout=_sweep_every()):
        return False
    try:
        jobs_sweep()
    except Exception:  # a page must not fail because the sweep did
        logger.exception("job sweep failed")
        return False
    return True


def start_sweep_timer(**kwargs: Any) -> threading.Thread:
    """`worker_ready` receiver: sweep every SWEEP_EVERY seconds in a thread of the worker's
    main process, so a worker without beat still takes over (or fails) a dead worker's jobs."""
    interval = _sweep_every()

    def loop() -> None:
        while True:
            time.sleep(interval)
            try:
                close_old_connections()
                jobs_sweep()
            except Exception:
                logger.exception("job sweep in the worker failed")
            finally:
                from django.db import connections

                connections.close_all()  # no connection kept open across forks of the pool

    thread = threading.Thread(target=loop, name="job-sweep", daemon=True)
    thread.start()
    return thread
