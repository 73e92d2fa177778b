"""What the reports hold about a person: narratives that name them and the PDFs made from
them, and the reports they requested."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction

from core.audit import log_action
from core.permissions import Access
from core.privacy import Person

from .models import Narrative, ReportJob

SECTIONS = ("goals", "effect", "reach", "method", "results", "summary", "evaluation")


def _naming(person: Person) -> list[Narrative]:
    return [
        narrative
        for narrative in Narrative.objects.for_centre(person.centre_id)
        if any(person.names_in(getattr(narrative, name)) for name in SECTIONS)
    ]


def erase(person: Person, actor: Access) -> None:
    """Redact the person from every narrative of the centre, and delete the stored PDFs made
    from those narratives (the coordinator makes them again, without the name)."""
    for narrative in _naming(person):
        changed = [name for name in SECTIONS if person.names_in(getattr(narrative, name))]
        for name in changed:
            setattr(narrative, name, person.redact(getattr(narrative, name)))
        narrative.save(update_fields=[*changed, "updated_at"])
        log_action(
            actor=actor,
            action="narrative.redacted",
            obj=narrative,
            data={"erased_fields": changed},
        )
        jobs = ReportJob.objects.for_centre(narrative.centre_id).filter(
            kind=narrative.kind,
            project=narrative.project_id,
        )
        if narrative.year:
            jobs = jobs.filter(year=narrative.year)
        for job in jobs:
            file_name, storage = (job.file.name if job.file else None), job.file.storage
            log_action(actor=actor, action="report.deleted", obj=job, data={"reason": "erasure"})
            job.delete()
            if file_name:
                transaction.on_commit(partial(storage.delete, file_name))


def export(person: Person) -> dict[str, Any]:
    requested = (
        ReportJob.objects.for_centre(person.centre_id)
        .filter(requested_by_id=person.user_id)
        .order_by("queued_at")
        if person.user_id
        else ReportJob.objects.none()
    )
    return {
        "reports_requested": [
            {
                "kind": job.kind,
                "year": job.year,
                "requested": job.queued_at.isoformat() if job.queued_at else None,
                "status": job.status,
            }
            for job in requested
        ],
        "report_narratives_naming_the_person": [
            {"kind": n.kind, "year": n.year or None, "project": str(n.project or "")}
            for n in _naming(person)
        ],
    }


def declare_fields() -> None:
    """What the reports hold about persons (core.privacy)."""
    from django.utils.translation import gettext_lazy as _

    from core.privacy import declare, declare_retention

    reporting = _("Reporting to the owner, the municipality and the funders")
    declare_retention(
        "reports",
        _(
            "Finished reports: REPORT_RETENTION_YEARS (10) years, then the PDF and its job are "
            "deleted (nightly job); a PDF naming an erased person is deleted at once"
        ),
        task="reports.purge_old_reports",
    )
    declare(
        "reports.Narrative",
        list(SECTIONS),
        persons="named_in_text",
        category="free_text",
        purpose=reporting,
        legal_basis="public_task",
        retention="reports",
        recipients=[_("The municipality and the funders")],
    )
    declare(
        "reports.Narrative",
        ["updated_by"],
        persons="staff",
        category="log",
        purpose=reporting,
        legal_basis="legitimate_interest",
        retention="reports",
    )
    declare(
        "reports.ReportJob",
        ["file"],
        persons="named_in_text",
        category="files",
        purpose=reporting,
        legal_basis="public_task",
        retention="reports",
        recipients=[_("The municipality and the funders")],
    )
    declare(
        "reports.ReportJob",
        ["requested_by"],
        persons="staff",
        category="log",
        purpose=reporting,
        legal_basis="legitimate_interest",
        retention="reports",
    )
