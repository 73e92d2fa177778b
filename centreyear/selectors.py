"""Reads of the state grant's conditions per centre and year (`CentreYear`, `CentreIncome`).

The caller decides who may read: pass only centres the user may see (views look the centre up
through `Access.centre_ids` first). Totals are never stored; they are computed here:

- `total` = the sum of every income line (operating income).
- `local` = the municipality + private foundations and businesses + the centre's own income.
  The state grant and other public funding (county, other state grants) are not local.
- `local_share` = local × 100 / total, as a percent rounded to one decimal (ROUND_HALF_UP);
  None when the total is 0.
- `meets_local_share`: local is at least 40 % of total (LOCAL_SHARE_MINIMUM), decided on the
  exact amounts: local × 100 ≥ 40 × total. (A share of 39,96 % shows as "40,0 %" once rounded,
  but it does not meet the condition.)
- `local_needed` = the least local funding that meets 40 % given the income that is not local:
  ⌈not_local × 40 / 60⌉ (with the 2024 state grant of kr 480 046 alone: kr 320 031).
  `local_shortfall` = max(0, local_needed − local).
- `meets_staff`: at least 1 årsverk (STAFF_MINIMUM) of paid staff.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, cast

from django.db.models import Field, Sum
from django.utils.translation import gettext as _

from core import formatting
from core.formatting import money as nok
from core.models import Centre

from .models import CentreIncome, CentreYear, GrantApplication, GrantDecision
from .registry import annual_reports_made

if TYPE_CHECKING:
    from .grant import CentreRound

LOCAL_SHARE_MINIMUM = Decimal(40)
STAFF_MINIMUM = Decimal(1)

Source = CentreIncome.Source
LOCAL_SOURCES = frozenset({Source.MUNICIPALITY, Source.PRIVATE, Source.OWN_INCOME})


@dataclass(frozen=True)
class SourceAmount:
    source: str
    label: str
    amount: int
    is_local: bool


@dataclass(frozen=True)
class CentreYearFigures:
    """A centre's figures for one year, ready to show (see the module docstring for formulas)."""

    centre_id: int
    year: int
    sources: tuple[SourceAmount, ...]  # all five sources, in the order of `CentreIncome.Source`
    total: int
    local: int
    local_share: Decimal | None
    meets_local_share: bool
    local_needed: int
    local_shortfall: int
    staff_fte: Decimal | None
    meets_staff: bool
    owner_name: str
    owner_kind: str
    owner_kind_label: str
    advisory_body: str
    advisory_body_label: str
    voluntary_sector_on_body: bool
    premises: str
    is_draft: bool
    problems: tuple[str, ...]
    # The award letter's expectations: (what is expected, what the centre did), all five.
    expectations: tuple[tuple[str, str], ...] = ()

    @property
    def meets_all(self) -> bool:
        return not self.problems


def _number(value: Decimal | None, decimals: int) -> str:
    return formatting.number(value, decimals)


def figures_for(centre_year: CentreYear, amounts: Mapping[str, int]) -> CentreYearFigures:
    """The figures of a centre year from its amounts per source (saved or not; no query)."""
    sources = tuple(
        SourceAmount(
            source=source.value,
            label=str(source.label),
            amount=int(amounts.get(source.value) or 0),
            is_local=source in LOCAL_SOURCES,
        )
        for source in Source
    )
    total = sum(line.amount for line in sources)
    local = sum(line.amount for line in sources if line.is_local)
    not_local = total - local
    local_share = (
        (Decimal(local) * 100 / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        if total
        else None
    )
    meets_local_share = bool(total) and local * 100 >= LOCAL_SHARE_MINIMUM * total
    minimum = int(LOCAL_SHARE_MINIMUM)
    local_needed = -(-not_local * minimum // (100 - minimum))  # ceiling division
    staff = centre_year.staff_fte
    meets_staff = staff is not None and staff >= STAFF_MINIMUM

    problems: list[str] = []
    if not total:
        problems.append(_("No income is entered."))
    elif not meets_local_share:
        problems.append(
            _(
                "Local funding is %(share)s %% of the income, below the required 40 %%: "
                "%(shortfall)s more local funding is needed."
            )
            % {"share": _number(local_share, 1), "shortfall": nok(local_needed - local)}
        )
    if staff is None:
        problems.append(_("Staff in full-time equivalents is not entered."))
    elif not meets_staff:
        problems.append(
            _("Staff is %(fte)s full-time equivalents, below the required 1.")
            % {"fte": _number(staff, 2)}
        )
    if not centre_year.owner_kind:
        problems.append(_("The owner is not entered."))
    body = centre_year.advisory_body
    if body in ("", CentreYear.AdvisoryBody.NONE):
        problems.append(_("No advisory body (council or board)."))
    elif not centre_year.voluntary_sector_on_body:
        problems.append(_("The voluntary sector is not represented on the advisory body."))
    if not centre_year.premises.strip():
        problems.append(_("No physical premises are entered."))

    return CentreYearFigures(
        centre_id=centre_year.centre_id,
        year=centre_year.year,
        sources=sources,
        total=total,
        local=local,
        local_share=local_share,
        meets_local_share=meets_local_share,
        local_needed=local_needed,
        local_shortfall=max(0, local_needed - local),
        staff_fte=staff,
        meets_staff=meets_staff,
        owner_name=centre_year.owner_name,
        owner_kind=centre_year.owner_kind,
        owner_kind_label=str(centre_year.get_owner_kind_display()),
        advisory_body=body,
        advisory_body_label=str(centre_year.get_advisory_body_display()),
        voluntary_sector_on_body=centre_year.voluntary_sector_on_body,
        premises=centre_year.premises,
        is_draft=centre_year.is_draft,
        problems=tuple(problems),
        expectations=tuple(
            (
                str(cast(Field, CentreYear._meta.get_field(name)).verbose_name),
                getattr(centre_year, name).strip(),
            )
            for name in CentreYear.EXPECTATIONS
        ),
    )


def amounts_of(incomes: Iterable[CentreIncome]) -> dict[str, int]:
    """Sum income lines (saved or not) per source."""
    amounts: dict[str, int] = {}
    for income in incomes:
        amounts[income.source] = amounts.get(income.source, 0) + int(income.amount or 0)
    return amounts


def centre_year_figures(*, centre: Centre | int, year: int) -> CentreYearFigures | None:
    """The saved figures of one centre and year, or None when nothing is saved (2 queries)."""
    centre_year = CentreYear.objects.for_centre(centre).filter(year=year).first()
    if centre_year is None:
        return None
    rows = (
        CentreIncome.objects.filter(centre_year=centre_year)
        .values("source")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    return figures_for(centre_year, {row["source"]: row["amount"] for row in rows})


def _years_with_amounts(
    centres: Iterable[Centre | int], year: int
) -> dict[int, tuple[CentreYear, dict[str, int]]]:
    """The saved years of many centres with their amounts per source, by centre id (2 queries)."""
    centre_years = list(CentreYear.objects.for_centres(centres).filter(year=year))
    if not centre_years:
        return {}
    amounts: dict[int, dict[str, int]] = {row.pk: {} for row in centre_years}
    rows = (
        CentreIncome.objects.filter(centre_year__in=[row.pk for row in centre_years])
        .values("centre_year_id", "source")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    for row in rows:
        amounts[row["centre_year_id"]][row["source"]] = row["amount"]
    return {row.centre_id: (row, amounts[row.pk]) for row in centre_years}


def centre_year_overview(
    *, centres: Iterable[Centre | int], year: int
) -> dict[int, CentreYearFigures]:
    """The saved figures of many centres for one year, keyed by centre id (2 queries).

    Centres that have saved nothing for the year are left out of the answer.
    """
    return {
        centre_id: figures_for(row, amounts)
        for centre_id, (row, amounts) in _years_with_amounts(centres, year).items()
    }


# --- The grant round ------------------------------------------------------------------------------


def grant_round(*, centres: Sequence[Centre], year: int) -> list[CentreRound]:
    """Every given centre in the grant round for operating `year`: its eight conditions
    decided on the evidence of the year before (`centreyear.grant`), what is missing, and the
    municipality's decision. A fixed number of queries (5, whatever the number of centres)."""
    from .grant import conditions_for, evidence_year, report_year

    if not centres:
        return []
    years = _years_with_amounts(centres, evidence_year(year))
    decisions = {
        d.centre_id: d
        for d in GrantDecision.objects.for_centres(centres)
        .filter(year=year)
        .select_related("decided_by")
    }
    made = annual_reports_made([c.pk for c in centres], report_year(year))
    rounds = []
    for centre in centres:
        row, amounts = years.get(centre.pk, (None, {}))
        entry = conditions_for(
            centre=centre,
            year=year,
            centre_year=row,
            figures=figures_for(row, amounts) if row is not None else None,
            annual_report_made=centre.pk in made,
        )
        entry.decision = decisions.get(centre.pk)
        rounds.append(entry)
    return rounds


def grant_applications(*, municipality_id: int | None, year: int) -> list[GrantApplication]:
    """The application summaries made for the municipality's round, newest first."""
    return list(
        GrantApplication.objects.of_municipality(municipality_id)
        .filter(year=year)
        .select_related("requested_by")
    )


def grant_decisions_count(*, centres: Iterable[Centre | int], year: int) -> int:
    """How many of the centres the municipality has confirmed for operating `year`."""
    return (
        GrantDecision.objects.for_centres(centres)
        .filter(year=year, decision=GrantDecision.Decision.CONFIRMED)
        .count()
    )
