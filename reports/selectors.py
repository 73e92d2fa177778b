"""Reads of report jobs and narratives, scoped to the user's centres."""

from __future__ import annotations

from django.db.models import QuerySet

from core.permissions import Access

from .models import Narrative, ReportJob


def report_job_list(*, access: Access) -> QuerySet[ReportJob]:
    """The report jobs the user may see (municipality viewers: finished ones), newest first."""
    return ReportJob.objects.visible_to(access).select_related("centre", "project", "requested_by")


def report_job_count(*, access: Access, done_only: bool = True) -> int:
    qs = ReportJob.objects.visible_to(access)
    if done_only:
        qs = qs.filter(status=ReportJob.Status.DONE)
    return qs.count()


def reports_ready_count(*, access: Access, since) -> int:
    """Reports finished since `since` (the start page's "ready to download"). One query."""
    return (
        ReportJob.objects.visible_to(access)
        .filter(status=ReportJob.Status.DONE, finished_at__gte=since)
        .count()
    )


def narrative_list(*, access: Access) -> QuerySet[Narrative]:
    return Narrative.objects.visible_to(access).select_related("project", "updated_by")
