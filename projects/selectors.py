"""Reads of projects, targets and activities (lists, details, the activity filter).

Every selector takes the user's `Access` and scopes through `visible_to(access)` first, so a
caller can never read another centre's rows. Figures (activities held, participants, hours,
targets against results) are not counted here: `figures.engine` is the one place that counts
them, and `figures.presenters` builds the dashboard's and the project page's figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet, Sum

from core.permissions import Access
from organisations.models import Organisation

from .models import (
    BudgetLine,
    GoalResult,
    Grant,
    OutcomeCounter,
    Partner,
    Project,
    ProjectGoal,
    YearTarget,
)


def project_list(*, access: Access, include_ended: bool = True) -> QuerySet[Project]:
    """The projects the user may see (coordinators and municipality viewers: all of their
    centres'; association users: their own plus the centre's), with the owner loaded."""
    qs = Project.objects.visible_to(access).select_related("organisation", "centre")
    if not include_ended:
        qs = qs.exclude(status=Project.Status.ENDED)
    return qs


def projects_managed(*, access: Access) -> QuerySet[Project]:
    """The projects whose pages the user opens: an association user only its own (the centre's
    projects it may log in are not its to read); other roles as `project_list`."""
    qs = project_list(access=access)
    if access.is_association:
        qs = qs.filter(organisation__memberships__user=access.user_id)
    return qs


def project_detail(*, access: Access) -> QuerySet[Project]:
    """Queryset for one project's page: partners, grants, outcomes and targets prefetched."""
    return projects_managed(access=access).prefetch_related(
        "partners", "grants", "outcomes", "targets"
    )


def partners_of(*, access: Access, project: Project) -> QuerySet[Partner]:
    """A project's partners (public and private), with role and agreement period."""
    return Partner.objects.visible_to(access).filter(project=project)


def grants_of(*, access: Access, project: Project, year: int | None = None) -> QuerySet[Grant]:
    """Grants per year and funder in NOK (applied for and granted); one year if given."""
    qs = Grant.objects.visible_to(access).filter(project=project)
    return qs.filter(year=year) if year is not None else qs


def grant_totals_by_year(*, access: Access, project: Project) -> list[Mapping[str, Any]]:
    """[{"year": 2012, "applied": 650000, "granted": 650000}, ...], one query."""
    return list(
        Grant.objects.visible_to(access)
        .filter(project=project)
        .values("year")
        .annotate(applied=Sum("applied_nok"), granted=Sum("granted_nok"))
        .order_by("year")
    )


def outcomes_of(
    *, access: Access, project: Project, year: int | None = None
) -> QuerySet[OutcomeCounter]:
    """Named outcome counters ("had contact with a time-giver: 35") of a project, per year."""
    qs = OutcomeCounter.objects.visible_to(access).filter(project=project)
    return qs.filter(year=year) if year is not None else qs


def targets_of(*, access: Access, project: Project) -> QuerySet[YearTarget]:
    """A project's yearly targets, oldest first."""
    return YearTarget.objects.visible_to(access).filter(project=project).order_by("year")


def target_for(*, access: Access, project: Project, year: int) -> YearTarget | None:
    return YearTarget.objects.visible_to(access).filter(project=project, year=year).first()


@dataclass(frozen=True)
class GoalRow:
    """A goal with its target and its result per year (None: no result that year)."""

    goal: ProjectGoal
    results: list[GoalResult | None]

    @property
    def latest(self) -> GoalResult | None:
        return next((result for result in reversed(self.results) if result is not None), None)

    @property
    def reached(self) -> bool | None:
        """Whether the latest result reaches the target (None without both)."""
        return self._reaches(self.latest)

    @property
    def yearly(self) -> list[tuple[GoalResult, bool | None]]:
        """Each year's result, oldest first, with whether it reaches the target (None without
        a target)."""
        return [(result, self._reaches(result)) for result in self.results if result is not None]

    def _reaches(self, result: GoalResult | None) -> bool | None:
        if result is None or self.goal.target is None:
            return None
        return result.value >= self.goal.target

    @property
    def is_percent(self) -> bool:
        return self.goal.unit == ProjectGoal.Unit.PERCENT


def goals_of(*, access: Access, project: Project, years) -> dict[str, list[GoalRow]]:
    """{"sub": [...], "effect": [...]}: the project's goals in order, results per year of
    `years` (two queries)."""
    years = list(years)
    goals = list(ProjectGoal.objects.visible_to(access).filter(project=project))
    results = {
        (result.goal_id, result.year): result
        for result in GoalResult.objects.visible_to(access).filter(project=project, year__in=years)
    }
    grouped: dict[str, list[GoalRow]] = {kind: [] for kind in ProjectGoal.Kind.values}
    for goal in goals:
        grouped[goal.kind].append(GoalRow(goal, [results.get((goal.pk, year)) for year in years]))
    return grouped


@dataclass(frozen=True)
class BudgetRow:
    """A budget line (or a total): budget and accounts added up over its lines.

    `complete` is False when a line has a budget but no accounts yet (or the other way round):
    then no difference is computed, since it would compare unlike periods.
    """

    label: str
    budget: int | None
    accounts: int | None
    complete: bool = True

    @property
    def difference(self) -> int | None:
        """Accounts minus budget (None unless both are there for every line)."""
        if self.budget is None or self.accounts is None or not self.complete:
            return None
        return self.accounts - self.budget


def _sum_or_none(values) -> int | None:
    present = [value for value in values if value is not None]
    return sum(present) if present else None


def _total(rows: list[BudgetRow]) -> BudgetRow:
    return BudgetRow(
        "",
        _sum_or_none(row.budget for row in rows),
        _sum_or_none(row.accounts for row in rows),
        all(row.complete for row in rows),
    )


@dataclass(frozen=True)
class Budget:
    """Budget against accounts: expense lines by name, income by source, totals computed.

    total budget   = sum of the lines' budgets (lines without a budget left out)
    total accounts = sum of the lines' accounts (lines without accounts left out)
    difference     = accounts - budget, only where every line has both
    result         = income accounts - expense accounts, only where every line has accounts
    """

    expenses: list[BudgetRow]
    income: list[BudgetRow]
    # Years with a budget but no accounts yet on some line (no difference is computed there).
    years_without_accounts: list[int] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.expenses and not self.income

    @property
    def expense_total(self) -> BudgetRow:
        return _total(self.expenses)

    @property
    def income_total(self) -> BudgetRow:
        return _total(self.income)

    @property
    def result(self) -> int | None:
        income, expenses = self.income_total, self.expense_total
        if income.accounts is None or expenses.accounts is None:
            return None
        if not (income.complete and expenses.complete):
            return None
        return income.accounts - expenses.accounts


def budget_of(*, access: Access, project: Project, years=None) -> Budget:
    """The project's budget and accounts over `years` (one year, the period; None: all).

    Expense lines of the same name are added up over the years, in the order first entered;
    income is added up per source. One query.
    """
    lines = BudgetLine.objects.visible_to(access).filter(project=project)
    if years is not None:
        lines = lines.filter(year__in=list(years))
    expenses: dict[str, list[BudgetLine]] = {}
    income: dict[str, list[BudgetLine]] = {}
    for line in lines.order_by("pk"):
        if line.kind == BudgetLine.Kind.EXPENSE:
            expenses.setdefault(line.name, []).append(line)
        else:
            income.setdefault(line.source, []).append(line)
    sources = dict(BudgetLine.Source.choices)

    def row(label: str, group: list[BudgetLine]) -> BudgetRow:
        return BudgetRow(
            label,
            _sum_or_none(line.budget for line in group),
            _sum_or_none(line.accounts for line in group),
            all((line.budget is None) == (line.accounts is None) for line in group),
        )

    unsettled = sorted(
        {
            line.year
            for group in (*expenses.values(), *income.values())
            for line in group
            if (line.budget is None) != (line.accounts is None)
        }
    )
    return Budget(
        years_without_accounts=unsettled,
        expenses=[row(name, group) for name, group in expenses.items()],
        income=[
            row(str(sources[source]), income[source])
            for source in BudgetLine.Source.values
            if source in income
        ],
    )


def organisers_for(*, access: Access) -> QuerySet[Organisation]:
    """The associations the user may name as organiser (an association user: its own)."""
    return Organisation.objects.visible_to(access).filter(is_archived=False).order_by("name")
