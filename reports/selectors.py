"""Reads of report jobs and narratives, scoped to the user's centres."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy

from core.jobs import ACTIVE_STATUSES
from core.models import AuditEvent, Centre
from core.permissions import Access

from .models import Narrative, ReportJob, ReportKind


def report_job_list(*, access: Access) -> QuerySet[ReportJob]:
    """The report jobs the user may see (municipality viewers: finished ones), newest first."""
    return ReportJob.objects.visible_to(access).select_related("centre", "project", "requested_by")


def report_job_count(*, access: Access, done_only: bool = True) -> int:
    qs = ReportJob.objects.visible_to(access)
    if done_only:
        qs = qs.filter(status=ReportJob.Status.DONE)
    return qs.count()


def report_counts(*, access: Access, since) -> tuple[int, int]:
    """(finished reports, of them finished since `since`) in one query: the start page's
    card and its "ready to download" work item."""
    row = (
        ReportJob.objects.visible_to(access)
        .filter(status=ReportJob.Status.DONE)
        .aggregate(done=Count("pk"), recent=Count("pk", filter=Q(finished_at__gte=since)))
    )
    return row["done"], row["recent"]


def reports_ready_count(*, access: Access, since) -> int:
    """Reports finished since `since` (the start page's "ready to download"). One query."""
    return (
        ReportJob.objects.visible_to(access)
        .filter(status=ReportJob.Status.DONE, finished_at__gte=since)
        .count()
    )


def narrative_list(*, access: Access) -> QuerySet[Narrative]:
    return Narrative.objects.visible_to(access).select_related("project", "updated_by")


# --- Last year's annual evaluations, made without anyone asking ----------------------------------

READY, BEING_MADE, FAILED, WAITING, NOT_MADE = (
    "ready",
    "being_made",
    "failed",
    "waiting",
    "not_made",
)
ANNUAL_STATE_LABELS = {
    READY: gettext_lazy("Ready"),
    BEING_MADE: gettext_lazy("Being made"),
    FAILED: gettext_lazy("Failed"),
    WAITING: gettext_lazy("Waiting for the coordinator's narrative"),
    NOT_MADE: gettext_lazy("Not made yet"),
}


@dataclass(frozen=True)
class AnnualReportState:
    centre: Centre
    year: int
    state: str
    job: ReportJob | None
    asked_at: Any = None  # when the municipality last asked the coordinator to finish

    @property
    def label(self) -> str:
        return str(ANNUAL_STATE_LABELS[self.state])

    @property
    def may_ask(self) -> bool:
        return self.state in (FAILED, WAITING, NOT_MADE)


def annual_report_states(*, centres: Sequence[Centre], year: int) -> list[AnnualReportState]:
    """Per centre, the state of its annual evaluation of `year` (the whole centre's): ready,
    being made, failed, waiting for the coordinator's narrative (made while the narrative is
    missing or a draft), or not made. Read for the municipality, which sees every state here
    (its report list shows finished PDFs only). 3 queries."""
    if not centres:
        return []
    latest: dict[int, ReportJob] = {}
    for row in (
        ReportJob.objects.for_centres(centres)
        .filter(kind=ReportKind.ANNUAL, year=year, project__isnull=True)
        .order_by("queued_at", "pk")
    ):
        latest[row.centre_id] = row
    final_narratives = set(
        Narrative.objects.for_centres(centres)
        .filter(kind=ReportKind.ANNUAL, year=year, project__isnull=True, is_draft=False)
        .values_list("centre_id", flat=True)
    )
    asked: dict[int, Any] = {}
    for event in AuditEvent.objects.filter(
        action="report.finish_requested",
        centre_id__in=[c.pk for c in centres],
        data__year=year,
    ).order_by("created_at"):
        asked[event.centre_id or 0] = event.created_at
    states = []
    for centre in centres:
        job = latest.get(centre.pk)
        if job is None:
            state = NOT_MADE
        elif job.status in ACTIVE_STATUSES:
            state = BEING_MADE
        elif job.status == ReportJob.Status.FAILED:
            state = FAILED
        elif centre.pk not in final_narratives:
            state = WAITING
        else:
            state = READY
        states.append(AnnualReportState(centre, year, state, job, asked.get(centre.pk)))
    return states


def annual_reports_made(centre_ids: Iterable[int], year: int) -> set[int]:
    """The centres whose annual evaluation of `year` is finished (for the grant round's
    condition 4; registered in centreyear.registry)."""
    return set(
        ReportJob.objects.for_centres(list(centre_ids))
        .filter(
            kind=ReportKind.ANNUAL,
            year=year,
            project__isnull=True,
            status=ReportJob.Status.DONE,
        )
        .values_list("centre_id", flat=True)
    )
