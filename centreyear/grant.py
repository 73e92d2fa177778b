"""The state grant round's calendar and its eight conditions, decided for one centre.

The municipality applies by the deadline (settings.GRANT_DEADLINE: 1 June at 13:00,
Europe/Oslo) for the next operating year. For operating year N:
- the deadline is in year N − 1 (`deadline_for`);
- the evidence is the centre's year N − 1 (`evidence_year`): its income by source, staff,
  owner, advisory body and premises, as the coordinator enters them on the centre's year;
- the annual report is that of year N − 2 (`report_year`), made in January of N − 1.
The local share is the one computed in `centreyear.selectors.figures_for` (nothing else
computes it), and it is printed with the same filter the annual evaluation uses.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import formatting

from .models import CentreYear, GrantDecision

if TYPE_CHECKING:
    from .selectors import CentreYearFigures

MET, NOT_MET, MISSING = "met", "not_met", "missing"
STATE_LABELS = {
    MET: gettext_lazy("Met"),
    NOT_MET: gettext_lazy("Not met"),
    MISSING: gettext_lazy("Missing"),
}
# Who must fix what is missing.
COORDINATOR, OWNER = "coordinator", "owner"
FIXER_LABELS = {
    COORDINATOR: gettext_lazy("The centre's coordinator"),
    OWNER: gettext_lazy("The centre's owner"),
}

CONDITION_LABELS = {
    1: gettext_lazy("Activity in line with the purpose"),
    2: gettext_lazy("Owner"),
    3: gettext_lazy("Advisory body with the voluntary sector"),
    4: gettext_lazy("Own accounts and annual report"),
    5: gettext_lazy("Physical premises"),
    6: gettext_lazy("At least one full-time equivalent of staff"),
    7: gettext_lazy("At least 40 % local funding"),
    8: gettext_lazy('"Frivilligsentral" in the name'),
}

# "frivilligsentral", "frivillighetssentral", "frivilligheitssentral" (nynorsk), any case.
_NAME = re.compile(r"frivillig(?:hets|heits)?sentral", re.IGNORECASE)


def _deadline_parts() -> tuple[int, int, int, int]:
    """(month, day, hour, minute) of settings.GRANT_DEADLINE, "MM-DD HH:MM"."""
    date_part, time_part = str(settings.GRANT_DEADLINE).split()
    month, day = (int(x) for x in date_part.split("-"))
    hour, minute = (int(x) for x in time_part.split(":"))
    return month, day, hour, minute


def deadline_for(year: int) -> dt.datetime:
    """When the application for operating year `year` is due (aware, Europe/Oslo)."""
    month, day, hour, minute = _deadline_parts()
    return dt.datetime(year - 1, month, day, hour, minute, tzinfo=ZoneInfo(settings.TIME_ZONE))


def current_round(now: dt.datetime | None = None) -> int:
    """The operating year whose round is open now: next year's until its deadline (1 June),
    then the year after's."""
    now = now or timezone.now()
    year = timezone.localtime(now).year + 1
    return year if now < deadline_for(year) else year + 1


def evidence_year(year: int) -> int:
    return year - 1


def report_year(year: int) -> int:
    return year - 2


@dataclass(frozen=True)
class Condition:
    number: int
    label: str
    state: str
    evidence: str
    fix: str = ""
    fixer: str = ""

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def fixer_label(self) -> str:
        return str(FIXER_LABELS.get(self.fixer, ""))


@dataclass
class CentreRound:
    """One centre in a grant round: its conditions, what is missing and who must fix it,
    and the municipality's decision (if made)."""

    centre: Any
    year: int
    centre_year: CentreYear | None
    figures: CentreYearFigures | None
    conditions: list[Condition]
    missing: list[Condition] = field(default_factory=list)
    decision: GrantDecision | None = None
    errors: list[str] = field(default_factory=list)  # a refused decision's, to show

    @property
    def meets_all(self) -> bool:
        return not self.missing

    @property
    def may_be_confirmed(self) -> bool:
        """The municipality confirms only a centre whose conditions are all met."""
        return self.meets_all

    @property
    def organisation_number(self) -> str:
        """The centre's (or its owner's) organisation number, as 123 456 785."""
        return formatted_orgnr(self.centre_year.organisation_number) if self.centre_year else ""

    def evidence_snapshot(self) -> dict[str, Any]:
        """What a decision keeps of the round as it stood (for reading back and printing)."""
        share = self.figures.local_share if self.figures else None
        return {
            "name": self.centre.name,
            "organisation_number": self.centre_year.organisation_number if self.centre_year else "",
            "evidence_year": evidence_year(self.year),
            "local_share": None if share is None else str(share),
            "conditions": [
                {
                    "number": c.number,
                    "label": c.label,
                    "state": c.state,
                    "evidence": c.evidence,
                }
                for c in self.conditions
            ],
        }


def formatted_orgnr(value: str) -> str:
    return f"{value[:3]} {value[3:6]} {value[6:]}" if len(value) == 9 else value


def conditions_for(
    *,
    centre: Any,
    year: int,
    centre_year: CentreYear | None,
    figures: CentreYearFigures | None,
    annual_report_made: bool,
) -> CentreRound:
    """Decide each of the eight conditions for one centre in the round for operating `year`."""
    cy, fig = centre_year, figures
    years = {"year": evidence_year(year)}
    enter = _("Enter it in the centre's figures for %(year)s.") % years
    conditions: list[Condition] = []

    def add(number: int, state: str, evidence: str, fix: str = "", fixer: str = "") -> None:
        conditions.append(
            Condition(
                number=number,
                label=str(CONDITION_LABELS[number]),
                state=state,
                evidence=evidence,
                fix=fix if state != MET else "",
                fixer=(fixer or COORDINATOR) if state != MET else "",
            )
        )

    # 1 Activity in line with the purpose.
    purpose = cy.activity_purpose.strip() if cy else ""
    add(1, MET if purpose else MISSING, purpose, _("Describe how the activity fits. ") + enter)

    # 2 Owner (municipality, an entity in Frivillighetsregisteret, or a cooperative of these).
    if cy and cy.owner_name and cy.owner_kind and cy.organisation_number:
        evidence = _("%(owner)s (%(kind)s), organisation number %(number)s") % {
            "owner": cy.owner_name,
            "kind": cy.get_owner_kind_display(),
            "number": formatted_orgnr(cy.organisation_number),
        }
        add(2, MET, evidence)
    else:
        evidence = ""
        if cy and cy.owner_name:
            evidence = cy.owner_name + (
                f" ({cy.get_owner_kind_display()})" if cy.owner_kind else ""
            )
        add(
            2,
            MISSING,
            evidence,
            _("Enter the owner, its kind and the organisation number. ") + enter,
        )

    # 3 Advisory body where the voluntary sector is represented.
    body = cy.advisory_body if cy else ""
    members = cy.advisory_members.strip() if cy else ""
    body_text = (
        f"{cy.get_advisory_body_display()}"
        + (f": {'; '.join(members.splitlines())}" if members else "")
        if cy and body
        else ""
    )
    if not body:
        add(3, MISSING, "", _("Enter the advisory body and its members. ") + enter)
    elif body == CentreYear.AdvisoryBody.NONE:
        add(3, NOT_MET, body_text, _("The centre needs a council or board."), OWNER)
    elif not cy or not cy.voluntary_sector_on_body:
        add(
            3, NOT_MET, body_text, _("The voluntary sector must be represented on the body."), OWNER
        )
    elif not members:
        add(3, MISSING, body_text, _("List who sits on the advisory body. ") + enter)
    else:
        add(3, MET, body_text)

    # 4 Own accounts and annual report: the annual evaluation made in Frivillig, or a note.
    accounts = cy.accounts_note.strip() if cy else ""
    if cy and cy.accounts_file:
        uploaded = _("The accounts and annual report are uploaded.")
        accounts = f"{uploaded} {accounts}".strip()
    if annual_report_made:
        add(
            4,
            MET,
            _("The annual evaluation %(year)s is made in Frivillig.") % {"year": report_year(year)}
            + (f" {accounts}" if accounts else ""),
        )
    elif accounts:
        add(4, MET, accounts)
    else:
        add(
            4,
            MISSING,
            "",
            _(
                "Make the annual evaluation %(year)s, or say where the accounts and annual "
                "report are. "
            )
            % {"year": report_year(year)}
            + enter,
        )

    # 5 Physical premises.
    premises = cy.premises.strip() if cy else ""
    add(5, MET if premises else MISSING, premises, _("Enter the premises. ") + enter)

    # 6 At least one full-time equivalent (årsverk) of staff.
    if fig is None or fig.staff_fte is None:
        add(6, MISSING, "", _("Enter the staff in full-time equivalents. ") + enter)
    else:
        staff = _("%(fte)s full-time equivalents") % {"fte": formatting.number(fig.staff_fte, 2)}
        add(
            6,
            MET if fig.meets_staff else NOT_MET,
            staff,
            _("The centre needs at least one full-time equivalent."),
            OWNER,
        )

    # 7 At least 40 % local funding (computed in centreyear.selectors, nowhere else).
    if fig is None or not fig.total:
        add(7, MISSING, "", _("Enter the operating income by source. ") + enter)
    else:
        share = _("Local share %(share)s (%(local)s of %(total)s)") % {
            "share": formatting.percent(fig.local_share, 1),
            "local": formatting.money(fig.local),
            "total": formatting.money(fig.total),
        }
        fix = _("%(shortfall)s more local funding is needed.") % {
            "shortfall": formatting.money(fig.local_shortfall)
        }
        add(7, MET if fig.meets_local_share else NOT_MET, share, fix, OWNER)

    # 8 "Frivilligsentral" (or similar) in the name.
    add(
        8,
        MET if _NAME.search(centre.name) else NOT_MET,
        centre.name,
        _('The name must contain "frivilligsentral" or similar.'),
        OWNER,
    )

    missing = [c for c in conditions if c.state != MET]
    if cy is not None and cy.is_draft:
        missing.append(
            Condition(
                number=0,
                label=_("Figures marked final"),
                state=MISSING,
                evidence="",
                fix=_("Mark the figures for %(year)s as final.") % years,
                fixer=COORDINATOR,
            )
        )
    return CentreRound(
        centre=centre,
        year=year,
        centre_year=cy,
        figures=fig,
        conditions=conditions,
        missing=missing,
    )
