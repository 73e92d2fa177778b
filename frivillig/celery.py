"""Celery application. Without CELERY_BROKER_URL, tasks run in-process (see settings)."""

import os

from celery import Celery, Task
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frivillig.settings")


class SystemTask(Task):
    """Jobs act for the system across centres (they are given ids, not a user): the guard
    against unscoped queries is off inside them, also when they run in-process."""

    def __call__(self, *args, **kwargs):
        from core.scopes import scopes_disabled

        with scopes_disabled():
            return super().__call__(*args, **kwargs)


app = Celery("frivillig", task_cls=SystemTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def _sweep_jobs_in_the_worker(**kwargs) -> None:
    """Every worker sweeps jobs left running by a killed worker, also when no beat runs."""
    from core.jobs import start_sweep_timer

    start_sweep_timer()
