"""What the centre's year and the grant round hold about a person.

- `CentreYear.advisory_members`: the names of the advisory body's members (purpose: the state
  grant's condition 3, which the municipality confirms; kept with the year, as the grant's
  documentation). Also copied into a grant decision's `evidence` and the application's files.
- `CentreYear.updated_by`, `GrantDecision.decided_by`, `GrantApplication.requested_by` (the
  application's contact person): who did it (purpose: the record of the grant round).
- `CentreYear.accounts_file`: the centre's own accounts and annual report (a PDF the
  coordinator uploads for condition 4), which usually names the board.
Erasure takes the person out of the members' lists and the decisions' evidence, and deletes
the application files that printed them (the municipality makes them again) and the uploaded
accounts of a year whose advisory body named them (the coordinator uploads them again)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction

from core.audit import log_action
from core.permissions import Access
from core.privacy import Person

from .models import CentreYear, GrantApplication, GrantDecision


def _years_naming(person: Person) -> list[CentreYear]:
    return [
        row
        for row in CentreYear.objects.for_centre(person.centre_id)
        if person.names_in(row.advisory_members)
    ]


def _decisions_naming(person: Person) -> list[GrantDecision]:
    return [
        row
        for row in GrantDecision.objects.for_centre(person.centre_id)
        if any(person.names_in(c.get("evidence", "")) for c in row.evidence.get("conditions", []))
    ]


def erase(person: Person, actor: Access) -> None:
    for row in _years_naming(person):
        row.advisory_members = person.redact(row.advisory_members)
        fields = ["advisory_members", "updated_at"]
        if row.accounts_file.name:
            transaction.on_commit(partial(row.accounts_file.storage.delete, row.accounts_file.name))
            row.accounts_file = ""
            fields.append("accounts_file")
        row.save(update_fields=fields)
        log_action(
            actor=actor,
            action="centreyear.redacted",
            obj=row,
            data={"erased_fields": [name for name in fields if name != "updated_at"]},
        )
    for decision in _decisions_naming(person):
        for condition in decision.evidence.get("conditions", []):
            condition["evidence"] = person.redact(condition.get("evidence", ""))
        decision.save(update_fields=["evidence"])
        log_action(actor=actor, action="grant.redacted", obj=decision)
        applications = GrantApplication.objects.filter(
            municipality__centres=decision.centre_id, year=decision.year
        )
        for application in applications:
            for file in (application.pdf, application.csv):
                if file.name:
                    transaction.on_commit(partial(file.storage.delete, file.name))
            log_action(
                actor=actor,
                action="grant.application_deleted",
                obj=application,
                centre=decision.centre_id,
                data={"reason": "erasure"},
            )
            application.delete()


def export(person: Person) -> dict[str, Any]:
    decided = (
        GrantDecision.objects.for_centre(person.centre_id).filter(decided_by_id=person.user_id)
        if person.user_id
        else GrantDecision.objects.none()
    )
    return {
        "advisory_body_memberships": [
            {"year": row.year, "advisory_body": row.get_advisory_body_display()}
            for row in _years_naming(person)
        ],
        "grant_decisions_made": [
            {"year": d.year, "decision": d.decision, "decided": d.decided_at.isoformat()}
            for d in decided
        ],
    }


def declare_fields() -> None:
    """What the centre's year and the grant round hold about persons (core.privacy)."""
    from django.utils.translation import gettext_lazy as _

    from core.personal_data import AUDIT
    from core.privacy import declare, declare_not_personal

    declare(
        "centreyear.CentreYear",
        ["updated_by"],
        persons="staff",
        category="log",
        purpose=AUDIT,
        legal_basis="legitimate_interest",
        retention="audit_trail",
    )
    declare_not_personal(
        "centreyear.CentreYear",
        ["owner_name", "premises", "advisory_body"],
        reason=_("The centre's owner (an organisation), premises and kind of advisory body"),
    )
    declare_not_personal("centreyear.CentreIncome", ["description"], reason=_("A line of income"))
