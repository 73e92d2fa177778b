"""Upkeep when no Celery beat runs: the embedded default (SQLite, tasks in-process).

Beat's schedule (settings.CELERY_BEAT_SCHEDULE) is the one list of periodic jobs. With a broker,
beat runs them. Without one, `run_due` runs the entries that are due in the web process itself,
after a response has been sent (Django's `request_finished`), at most once every CHECK_EVERY
seconds and never twice at the same time: the job sweep (core.jobs), e-mails due again, the
login-event purge, expired sessions and unconfirmed import files all happen even so.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import cast

# The project's Celery app (frivillig.celery) as the current app, so core imports no app.
from celery import current_app
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

logger = logging.getLogger(__name__)

CHECK_EVERY = 30  # seconds between two looks at the schedule
_LOCK = "frivillig:maintenance:lock"
_CHECKED = "frivillig:maintenance:checked"
_STARTED = timezone.now()


def _last_run_key(name: str) -> str:
    return f"frivillig:maintenance:last:{name}"


def run_due(*, now: dt.datetime | None = None) -> list[str]:
    """Run every beat entry that is due now, in-process; returns the names that ran."""
    from celery.schedules import crontab, maybe_schedule
    from celery.schedules import schedule as interval

    # Every app's tasks module, as a worker loads them.
    current_app.loader.import_default_modules()

    now = now or timezone.now()
    if not cache.add(_LOCK, 1, timeout=300):
        return []
    ran = []
    try:
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
            # Our entries hold a crontab or a number of seconds (made an interval schedule).
            schedule = cast(crontab | interval, maybe_schedule(entry["schedule"]))
            last = cache.get(_last_run_key(name))
            if last is None:
                # Interval jobs run on the first look; calendar jobs wait for their time.
                if isinstance(schedule, crontab):
                    last = _STARTED
                else:  # celery-types does not declare an interval's run_every
                    last = now - schedule.run_every  # type: ignore[attr-defined]
            if not schedule.is_due(last).is_due:
                continue
            cache.set(_last_run_key(name), now, timeout=None)
            try:
                current_app.tasks[entry["task"]].apply(
                    args=entry.get("args", ()), kwargs=entry.get("kwargs", {})
                )
                ran.append(name)
            except Exception:  # one job's failure must not stop the others
                logger.exception("maintenance job %s failed", name)
    finally:
        cache.delete(_LOCK)
    return ran


def after_request(sender=None, **kwargs) -> None:
    """`request_finished` receiver: look at the schedule at most every CHECK_EVERY seconds."""
    if not settings.CELERY_TASK_ALWAYS_EAGER or not settings.MAINTENANCE_IN_WEB:
        return
    if cache.add(_CHECKED, 1, timeout=CHECK_EVERY):
        run_due()
