"""The application summary of a municipality's grant round: a PDF (A4, the reports' print
stylesheet) and a CSV, from the decisions as they were made.

Written by the one PDF renderer (core.pdf), so it is archived and published like the reports.
The local share is printed from the decision's evidence with the same filter the annual
evaluation uses (`percent:1`), so both read alike in every language."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import formatting
from core.models import Centre
from core.pdf import html_to_pdf

from .grant import deadline_for, evidence_year, formatted_orgnr
from .models import GrantApplication, GrantDecision

STATIC_DIR = Path(settings.BASE_DIR) / "static"
PRINT_CSS = STATIC_DIR / "css" / "print.css"


def application_rows(job: GrantApplication) -> list[dict[str, Any]]:
    """One row per centre of the municipality with its decision, in name order."""
    centres = list(Centre.objects.filter(municipality_id=job.municipality_id).order_by("name"))
    decisions = {
        d.centre_id: d
        for d in GrantDecision.objects.for_centres(centres)
        .filter(year=job.year)
        .select_related("decided_by")
    }
    rows = []
    for centre in centres:
        decision = decisions.get(centre.pk)
        evidence = decision.evidence if decision else {}
        share = evidence.get("local_share")
        rows.append(
            {
                "centre": centre,
                "name": evidence.get("name") or centre.name,
                "organisation_number": formatted_orgnr(evidence.get("organisation_number", "")),
                "local_share": Decimal(share) if share is not None else None,
                "conditions": evidence.get("conditions", []),
                "decision": decision,
                "confirmed": bool(
                    decision and decision.decision == GrantDecision.Decision.CONFIRMED
                ),
            }
        )
    return rows


def _contact(job: GrantApplication) -> str:
    user = job.requested_by
    if user is None:
        return ""
    name = user.get_full_name() or user.email
    return f"{name} <{user.email}>" if name != user.email else user.email


def application_context(job: GrantApplication) -> dict[str, Any]:
    rows = application_rows(job)
    return {
        "job": job,
        "municipality": job.municipality,
        "year": job.year,
        "evidence_year": evidence_year(job.year),
        "deadline": timezone.localtime(deadline_for(job.year)),
        "rows": rows,
        "confirmed": [r for r in rows if r["confirmed"]],
        "not_applying": [r for r in rows if not r["confirmed"] and r["decision"]],
        "contact": _contact(job),
        "generated_at": timezone.localtime(),
        "print_css": PRINT_CSS.as_uri(),
        "LANGUAGE_CODE": job.language,
    }


def application_pdf(job: GrantApplication) -> bytes:
    """The summary through the one PDF renderer (core.pdf: tagged PDF/A-2a, PDF/UA-1)."""
    with translation.override(job.language):
        html = render_to_string("centreyear/pdf/application.html", application_context(job))
        return html_to_pdf(html, base_url=str(STATIC_DIR))


def application_csv(job: GrantApplication) -> bytes:
    """The same rows as the PDF; UTF-8 with a BOM and semicolons, as Norwegian Excel reads."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    with translation.override(job.language):
        writer.writerow(
            [
                _("Municipality"),
                _("Operating year"),
                _("Volunteer centre"),
                _("Organisation number"),
                _("Decision"),
                _("Reason"),
                _("Local share"),
                _("Conditions confirmed"),
                _("Decided by"),
                _("Decided"),
                _("Contact person"),
            ]
        )
        for row in application_rows(job):
            decision = row["decision"]
            writer.writerow(
                [
                    str(job.municipality),
                    job.year,
                    row["name"],
                    row["organisation_number"].replace(" ", ""),
                    decision.get_decision_display() if decision else "",
                    decision.reason if decision else "",
                    formatting.percent(row["local_share"], 1),
                    ", ".join(str(c["number"]) for c in row["conditions"] if c["state"] == "met")
                    if row["confirmed"]
                    else "",
                    str(decision.decided_by or "") if decision else "",
                    timezone.localtime(decision.decided_at).strftime("%d.%m.%Y %H:%M")
                    if decision
                    else "",
                    _contact(job),
                ]
            )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
