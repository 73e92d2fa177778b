"""Background jobs of the figures engine."""

from __future__ import annotations

from celery import shared_task

from . import rollups


@shared_task(name="figures.verify_rollups")
def verify_rollups() -> int:
    """Nightly: the rollups against the logs; a centre whose sums differ is rebuilt (and the
    difference logged: a writer that bypassed the model's save is a bug to find)."""
    return len(rollups.verify(repair=True))
