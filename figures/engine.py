"""The one engine that computes every figure of the catalogue, for a scope and a period.

    figures = compute(Scope.of_centre(centre), years=[2025, 2026], today=today)
    figures.get("volunteer_hours.total", 2026)      # Decimal("1771.0")
    figures.get("activities.held")                  # the whole period (both years)
    figures.compare("activities.held", 2026)        # against the year's target (`targets`)
    figures.group(project.pk).get(...)              # one project of the centre (by="project")

Counting rules (the catalogue's notes say the same in words):
- An activity is *held* when it is not cancelled and dated on or before `today` (a series'
  future dates are planned, not held). Participants and hours are counted on held activities;
  the average divides by the held activities whose participants were counted.
- Volunteer hours in total = hours logged on activities + approved hours the volunteers logged
  themselves (their tasks and the rotas' held shifts). An hour is in one log only. A project's
  hours are those of its activities and of its rotas' held shifts; an association's, those of
  the activities it organised and of its tasks.
- A stock ("at the end of the period": registered volunteers, associations in the registry) is
  read from dated rows as of the period's last day (or today, while it runs), never from
  today's state: a report for a past year made today gives what it gave on 31 December.
- Active volunteers are those with approved hours (held shifts included) or a running match in
  the period, each counted once.

Queries: every source is read once for all the years asked, grouped by centre, project and year
(at most seven queries for every figure of the catalogue; fewer when `keys` names fewer), so a
page costs the same at every data size and for one year or twenty.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
    BigIntegerField,
    Count,
    DateField,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, ExtractMonth, ExtractYear, Power

from core.formatting import quantize
from core.permissions import Access
from figures.catalogue import (
    AT_END,
    CATALOGUE,
    PROJECT_FIGURES,
    REPORTED_KEYS,
    YEARS_FIGURES,
    definition,
    fte,
)
from figures.rollups import ACTIVITY_SUMS, activity_aggregates
from figures.targets import Comparison, monthly_target

# --- Scopes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """Whose figures: one or more centres, optionally narrowed to one project, association or
    volunteer. `kind` is the catalogue's scope name (what the figures may be shown for)."""

    kind: str
    centre_ids: tuple[int, ...]
    project_id: int | None = None
    organisation_id: int | None = None
    volunteer_id: int | None = None
    district_id: int | None = None
    # The project's own dates and plan, for the whole-period comparison.
    project: Any = field(default=None, compare=False, hash=False)

    @classmethod
    def of_centre(cls, centre) -> Scope:
        return cls("centre", (_pk(centre),))

    @classmethod
    def public(cls, centre) -> Scope:
        return cls("public", (_pk(centre),))

    @classmethod
    def of_centres(cls, centres: Iterable) -> Scope:
        """Several centres together (a municipality's)."""
        return cls("municipality", tuple(sorted({_pk(c) for c in centres})))

    @classmethod
    def of_district(cls, district, centres: Iterable) -> Scope:
        """One district of a municipality: the centres that belong to it (`centres`, the
        caller's, already narrowed to those the user may see)."""
        ids = tuple(sorted({_pk(c) for c in centres}))
        return cls("district", ids, district_id=_pk(district))

    @classmethod
    def of_project(cls, project) -> Scope:
        return cls("project", (project.centre_id,), project_id=project.pk, project=project)

    @classmethod
    def of_association(cls, organisation) -> Scope:
        return cls("association", (organisation.centre_id,), organisation_id=organisation.pk)

    @classmethod
    def of_volunteer(cls, volunteer) -> Scope:
        return cls("volunteer", (volunteer.centre_id,), volunteer_id=volunteer.pk)

    @property
    def access(self) -> Access:
        return Access.system(self.centre_ids)


def _pk(obj) -> int:
    return obj if isinstance(obj, int) else obj.pk


def _models():
    # The models of the apps whose rows are counted (imported late: the apps import this module
    # in their views, and the app registry must be ready first).
    from activities.models import Activity
    from centreyear.models import CentreIncome, CentreYear
    from cooperation.models import Contribution, MunicipalSupport, Partnership, ReportedYear
    from hours.models import HourEntry
    from organisations.models import Organisation
    from projects.models import Project, ReportedFigure, YearTarget
    from tasks.models import Match
    from volunteers.models import Volunteer

    return {
        "Contribution": Contribution,
        "MunicipalSupport": MunicipalSupport,
        "Partnership": Partnership,
        "ReportedYear": ReportedYear,
        "CentreYear": CentreYear,
        "CentreIncome": CentreIncome,
        "Activity": Activity,
        "Project": Project,
        "ReportedFigure": ReportedFigure,
        "YearTarget": YearTarget,
        "Organisation": Organisation,
        "HourEntry": HourEntry,
        "Match": Match,
        "Volunteer": Volunteer,
    }


# --- Which sources a figure needs -------------------------------------------------------------

ACTIVITY_KEYS = {
    "activities.held",
    "participants.total",
    "participants.average",
    "persons_reached.total",
    "volunteer_hours.on_activities",
}
OWN_HOUR_KEYS = {"volunteer_hours.own"}
TOTAL_KEYS = {"volunteer_hours.total", "fte.total"}
ACTIVE_KEYS = {"volunteers.active", "volunteers.with_own_hours"}
VOLUNTEER_STOCK_KEYS = {"volunteers.registered", "volunteers.new"}
ASSOCIATION_KEYS = {"associations.registered", "associations.new", "associations.confirmed"}
MATCH_KEYS = {"matches.made"}
# The years side by side (not read unless asked for by `keys`: the older pages' queries stay).
STAFF_KEYS = {"staff.fte"}
INCOME_SOURCES = {
    "income.state_grant": "state_grant",
    "income.municipality": "municipality",
    "income.other_public": "other_public",
    "income.private": "private",
    "income.own_income": "own_income",
}
INCOME_KEYS = {"income.total", *INCOME_SOURCES}
SUPPORT_KEYS = {"municipal_support.partnerships"}
PARTNERSHIP_KEYS = {"partnerships.active"}
LINE_KEYS = {
    "support.lines_supported",
    "support.lines_fully_financed",
    "support.self_financed_share",
    "support.operating",
    "support.activity",
}
YEARS_KEYS = (
    STAFF_KEYS | INCOME_KEYS | SUPPORT_KEYS | PARTNERSHIP_KEYS | LINE_KEYS | {"support.lines"}
)
# The source (`_Raw.queried`) each figure is read from.
_SOURCE_OF = {
    **dict.fromkeys(ACTIVITY_KEYS, "activity"),
    "volunteers.active": "active",
    "volunteers.with_own_hours": "active",
    **dict.fromkeys(STAFF_KEYS, "staff"),
    **dict.fromkeys(INCOME_KEYS, "income"),
    **dict.fromkeys(SUPPORT_KEYS, "support"),
    **dict.fromkeys(PARTNERSHIP_KEYS, "partnerships"),
    **dict.fromkeys(LINE_KEYS, "lines"),
    "support.lines": "activity",
}

COMPUTED_KEYS = (
    ACTIVITY_KEYS
    | OWN_HOUR_KEYS
    | TOTAL_KEYS
    | ACTIVE_KEYS
    | VOLUNTEER_STOCK_KEYS
    | ASSOCIATION_KEYS
    | MATCH_KEYS
)


def _years_q(years: Iterable[int], field_name: str = "year") -> Q:
    """`field_name` in `years`: a range where they follow each other (two parameters, so the
    statement's parsing is cached by the driver however many years), else a list."""
    years = sorted(years)
    if years and years[-1] - years[0] + 1 == len(years):
        return Q(**{f"{field_name}__gte": years[0], f"{field_name}__lte": years[-1]})
    return Q(**{f"{field_name}__in": years})


def _year_bounds(years: Iterable[int]) -> tuple[dt.date, dt.date]:
    years = list(years)
    return dt.date(min(years), 1, 1), dt.date(max(years), 12, 31)


def _as_of(year: int, today: dt.date) -> dt.date:
    """The day a stock is taken for `year`: its last day, or today while it runs."""
    return min(dt.date(year, 12, 31), today)


# --- The raw sums ---------------------------------------------------------------------------


@dataclass
class _Raw:
    """The sums every figure is made of, per (centre, project, year) and per (centre, year)."""

    activity: dict[tuple[int, int | None, int], dict] = field(default_factory=dict)
    own_hours: dict[tuple[int, int | None, int], Decimal] = field(default_factory=dict)
    # (centre, year) -> the volunteers with approved hours, counted ((centre, None): over the
    # whole period, each once; a volunteer's hours are in their own centre); the volunteers
    # with a running match but no hours that year (ids, few; (centre, None): none in the
    # period).
    with_hours: dict[tuple[int, int | None], int] = field(default_factory=dict)
    matched_only: dict[tuple[int, int | None], set[int]] = field(
        default_factory=lambda: defaultdict(set)
    )
    # The whole period's volunteers with hours per centre: a query read when first asked.
    period_people: Any = None
    period_people_read: dict[int, int] | None = None
    volunteer_stock: dict[tuple[int, int], dict] = field(default_factory=dict)
    association_stock: dict[tuple[int, int], dict] = field(default_factory=dict)
    matches: dict[tuple[int, int], int] = field(default_factory=dict)
    # (project, year) -> YearTarget; project -> {(year|None, figure key): ReportedFigure}
    targets_query: Any = None
    targets_read: dict[tuple[int, int], Any] | None = None
    reported: dict[tuple[int | None, str], Any] = field(default_factory=dict)
    # The years side by side: (centre, year) -> staff; (centre, year, source) -> NOK;
    # (centre, year) -> NOK of the municipality through partnerships; partnerships in force;
    # (centre, year) -> {catalogue key: sum} of the organisations' own reported years.
    staff: dict[tuple[int, int], Decimal] = field(default_factory=dict)
    income: dict[tuple[int, int, str], int] = field(default_factory=dict)
    support: dict[tuple[int, int], int] = field(default_factory=dict)
    partnerships: dict[tuple[int, int], int] = field(default_factory=dict)
    reported_years: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    # (centre, project, year) -> {"operating", "activity", "cost"}: the municipality's money.
    lines: dict[tuple[int, int, int], dict[str, Any]] = field(default_factory=dict)
    queried: set[str] = field(default_factory=set)
    # The years read (those found, for `compute(years=None)`).
    years: list[int] = field(default_factory=list)
    # `activity` and the targets by year, made on first use (`Figures._activity`,
    # `Figures._targets_in`): a page asks for many figures of a few years.
    activity_by_year: dict[int, list[tuple[int, int | None, dict]]] | None = None
    targets_by_year: dict[int, list[tuple[int, Any]]] | None = None

    def activity_in(self, year: int) -> list[tuple[int, int | None, dict]]:
        if self.activity_by_year is None:
            self.activity_by_year = defaultdict(list)
            for (centre_id, project_id, row_year), row in self.activity.items():
                self.activity_by_year[row_year].append((centre_id, project_id, row))
        return self.activity_by_year.get(year, [])


# The first year `compute(years=None)` looks for data in (the registry's earliest year).
EARLIEST_YEAR = 1990


def _read(
    scope: Scope,
    years: list[int] | None,
    today: dt.date,
    keys: set[str],
    reported_years: bool = False,
    by: str | None = None,
) -> _Raw:
    """The sources `keys` need. `years=None`: every year with data up to today's, found by
    the reads that group by year (activities, hours, staff, income, the municipality's money,
    reported years), before the reads that need the years named (stocks, matches running,
    partnerships in force) — the same queries as for named years."""
    m = _models()
    raw = _Raw()
    discover = years is None
    if discover:
        years = list(range(EARLIEST_YEAR, today.year + 1))
    assert years is not None
    raw.years = list(years)
    if not scope.centre_ids or not years:
        raw.years = [] if discover else raw.years
        return raw
    access = scope.access
    first, last = _year_bounds(years)
    wanted_years = set(years)

    if keys & (ACTIVITY_KEYS | TOTAL_KEYS | {"support.lines"}) and scope.volunteer_id is None:
        raw.queried.add("activity")
        for row in _activity_rows(m, scope, first, last, today):
            if row["year"] in wanted_years:
                key = (row["centre_id"], row["project_id"], row["year"])
                sums = {name: row[f"agg_{name}"] or 0 for name in ACTIVITY_SUMS}
                if key in raw.activity:  # a rollup's months and the running month's log
                    sums = {name: raw.activity[key][name] + sums[name] for name in sums}
                raw.activity[key] = sums

    wants_hours = bool(keys & (OWN_HOUR_KEYS | TOTAL_KEYS))
    wants_active = bool(keys & ACTIVE_KEYS)
    hours = _own_hours_of(m, scope)
    if wants_hours or wants_active:
        # One read of the hours per centre and year: their sums and how many volunteers gave
        # them (the centres' years where they serve, else the buckets grouped in the database;
        # per project too when `by="project"` asks, then the volunteers in a read of their own).
        if wants_hours:
            raw.queried.add("own_hours")
        if wants_active:
            raw.queried.add("active")
        in_years = hours.in_years(years)
        split = wants_hours and by == "project"
        total = wants_hours and not split
        if split:
            for row in hours.by_project(in_years):
                part = (row["centre_id"], row["of_project"] or None, row["year"])
                raw.own_hours[part] = raw.own_hours.get(part, Decimal(0)) + (row["total"] or 0)
        if total or wants_active:
            for row in hours.per_centre_year(in_years, total=total, people=wants_active):
                if total:
                    raw.own_hours[(row["centre_id"], None, row["year"])] = row["total"] or Decimal(
                        0
                    )
                if wants_active:
                    raw.with_hours[(row["centre_id"], row["year"])] = row["people"]
    if keys & MATCH_KEYS:
        raw.queried.add("matches")
        made = (
            m["Match"]
            .objects.visible_to(access)
            .exclude(status=m["Match"].Status.PROPOSED)
            .annotate(made_on=Coalesce("started_on", Cast("created_at", output_field=DateField())))
            .filter(made_on__gte=first, made_on__lte=last)
            .annotate(year=ExtractYear("made_on"))
            .values("centre_id", "year")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in made:
            if row["year"] in wanted_years:
                raw.matches[(row["centre_id"], row["year"])] = row["n"]

    if scope.project_id is None and scope.volunteer_id is None:
        _read_years(m, raw, scope, years, keys, reported_years)

    if discover:
        years = raw.years = _years_found(raw, today)
        if not years:
            return raw
        first, last = _year_bounds(years)

    if wants_active and len(years) > 1:
        # Over the whole period each volunteer once: read only when a page asks for it.
        period = hours.qs.filter(hours.in_years(years)).values("centre_id")
        raw.period_people = period.annotate(people=Count("volunteer_id", distinct=True))

    if wants_active:
        # The volunteers with a running match (few: one row each), and whether they also gave
        # hours in each year, so nobody is counted twice.
        matches = (
            m["Match"]
            .objects.visible_to(access)
            .exclude(status=m["Match"].Status.PROPOSED)
            .filter(
                Q(started_on__lte=last) | Q(started_on__isnull=True, created_at__date__lte=last)
            )
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=first))
        )
        if scope.organisation_id:
            matches = matches.filter(task__organisation_id=scope.organisation_id)
        gave = {f"g{first_year}": mask for first_year, mask in _years_given(hours, years).items()}
        for row in (
            matches.annotate(**gave)
            .values("centre_id", "volunteer_id", "started_on", "created_at", "ended_on", *gave)
            .order_by()
        ):
            start = row["started_on"] or row["created_at"].date()
            ended = row["ended_on"]
            given = {year for year in years if _given(row, year, years)}
            for year in years:
                running = start <= _as_of(year, today) and (
                    ended is None or ended >= dt.date(year, 1, 1)
                )
                if running and year not in given:
                    raw.matched_only[(row["centre_id"], year)].add(row["volunteer_id"])
            if not given:
                # Over the period: counted here unless counted among those who gave hours.
                raw.matched_only[(row["centre_id"], None)].add(row["volunteer_id"])

    if keys & VOLUNTEER_STOCK_KEYS:
        raw.queried.add("volunteer_stock")
        aggregates = {}
        for year in years:
            end = _as_of(year, today)
            aggregates[f"registered_{year}"] = Count(
                "pk",
                filter=Q(approved_on__lte=end)
                & (Q(ended_on__isnull=True) | Q(ended_on__gt=end))
                & (Q(erased_at__isnull=True) | Q(erased_at__date__gt=end)),
            )
            aggregates[f"new_{year}"] = Count(
                "pk", filter=Q(approved_on__gte=dt.date(year, 1, 1), approved_on__lte=end)
            )
        for row in (
            m["Volunteer"]
            .objects.visible_to(access)
            .filter(approved_on__isnull=False, approved_on__lte=last)
            .values("centre_id")
            .annotate(**aggregates)
            .order_by()
        ):
            for year in years:
                raw.volunteer_stock[(row["centre_id"], year)] = {
                    "registered": row[f"registered_{year}"],
                    "new": row[f"new_{year}"],
                }

    if keys & ASSOCIATION_KEYS:
        raw.queried.add("association_stock")
        aggregates = {}
        for year in years:
            end = _as_of(year, today)
            in_registry = m["Organisation"].in_registry_on(end)
            aggregates[f"registered_{year}"] = Count("pk", filter=in_registry)
            aggregates[f"new_{year}"] = Count(
                "pk", filter=in_registry & Q(created_at__date__gte=dt.date(year, 1, 1))
            )
            aggregates[f"confirmed_{year}"] = Count(
                "pk",
                filter=in_registry
                & Q(confirmed_at__date__gte=dt.date(year, 1, 1), confirmed_at__date__lte=end),
            )
        qs = m["Organisation"].objects.visible_to(access).filter(created_at__date__lte=last)
        if scope.organisation_id:
            qs = qs.filter(pk=scope.organisation_id)
        for row in qs.values("centre_id").annotate(**aggregates).order_by():
            for year in years:
                raw.association_stock[(row["centre_id"], year)] = {
                    name: row[f"{name}_{year}"] for name in ("registered", "new", "confirmed")
                }

    if scope.kind != "volunteer" and keys & ACTIVITY_KEYS:
        # The projects' yearly targets: read when a page first compares (`Figures.target`).
        raw.queried.add("targets")
        targets = m["YearTarget"].objects.visible_to(access).filter(_years_q(years))
        if scope.project_id:
            targets = targets.filter(project_id=scope.project_id)
        raw.targets_query = targets

    if scope.project_id is None and scope.volunteer_id is None:
        _read_partnerships(m, raw, scope, years, keys)

    if scope.project_id:
        raw.queried.add("reported")
        for row in (
            m["ReportedFigure"].objects.visible_to(access).filter(project_id=scope.project_id)
        ):
            reported_key = REPORTED_KEYS.get(row.figure)
            if reported_key:
                raw.reported[(row.year, reported_key)] = row
    return raw


# The years one number holds in `_years_given` (one bit each: a 64-bit integer's, signed).
YEARS_PER_MASK = 62


def _years_given(hours: _OwnHours, years: list[int]) -> dict[int, Subquery]:
    """Whether a volunteer (`OuterRef("volunteer_id")`) gave approved hours in each of `years`,
    by the first year of each YEARS_PER_MASK years (one in practice: 1990 to today fits): the
    sum of 2^(year - first year) over the distinct years they gave hours in, so bit n says
    whether they did in the n-th year from the first (read with `_given`). One subquery
    per match whatever the number of years, where an EXISTS per year made the statement grow
    with the years (and its building and compiling with it)."""
    masks = {}
    for first_year in range(min(years), max(years) + 1, YEARS_PER_MASK):
        span = [y for y in years if first_year <= y < first_year + YEARS_PER_MASK]
        if not span:
            continue
        bit = Cast(Power(Value(2), F("year") - first_year), BigIntegerField())
        masks[first_year] = Subquery(
            hours.of_volunteer.filter(hours.in_years(span), volunteer_id=OuterRef("volunteer_id"))
            .order_by()
            .values("volunteer_id")
            .annotate(given=Sum(bit, distinct=True))
            .values("given")
        )
    return masks


def _given(row: dict, year: int, years: list[int]) -> bool:
    """Whether `row`'s volunteer gave hours in `year` (`_years_given(…, years)`, annotated as
    g<first year>)."""
    first_year = year - (year - min(years)) % YEARS_PER_MASK
    return bool(int(row[f"g{first_year}"] or 0) >> (year - first_year) & 1)


def _read_years(
    m: dict, raw: _Raw, scope: Scope, years: list[int], keys: set[str], reported_years: bool
) -> None:
    """The sources of the years side by side: one grouped query per family (staff, income,
    municipal money, partnerships, reported years), for every year at once."""
    access = scope.access
    org = scope.organisation_id
    wants_staff = bool(keys & STAFF_KEYS) and org is None
    wants_income = bool(keys & INCOME_KEYS) and org is None
    if wants_staff or wants_income:
        # The centres' years (one per centre and year) with their income per source, in one
        # read: the staff of each year is on every row of its sources.
        centre_years = m["CentreYear"].objects.visible_to(access).filter(_years_q(years))
        if wants_staff:
            raw.queried.add("staff")
        if wants_income:
            raw.queried.add("income")
        else:
            centre_years = centre_years.filter(staff_fte__isnull=False)
        for row in (
            centre_years.values("centre_id", "year", "staff_fte", "incomes__source")
            .annotate(total=Sum("incomes__amount"))
            .order_by()
        ):
            if wants_staff and row["staff_fte"] is not None:
                raw.staff[(row["centre_id"], row["year"])] = row["staff_fte"]
            if wants_income and row["incomes__source"] is not None:
                key = (row["centre_id"], row["year"], row["incomes__source"])
                raw.income[key] = row["total"]
    if keys & SUPPORT_KEYS:
        raw.queried.add("support")
        contributions = (
            m["Contribution"]
            .objects.visible_to(access)
            .filter(_years_q(years), side="municipality", kind="money")
        )
        if org is not None:
            contributions = contributions.filter(partnership__organisation_id=org)
        for row in (
            contributions.values("centre_id", "year").annotate(total=Sum("amount")).order_by()
        ):
            raw.support[(row["centre_id"], row["year"])] = row["total"]
    if keys & (LINE_KEYS | {"support.lines"}):
        raw.queried.add("lines")
        supports = m["MunicipalSupport"].objects.visible_to(access).filter(_years_q(years))
        if org is not None:
            supports = supports.filter(project__organisation_id=org)
        for row in (
            supports.values("centre_id", "project_id", "year")
            .annotate(
                operating=Sum("amount", filter=Q(kind="operating")),
                activity=Sum("amount", filter=Q(kind="activity")),
                cost=Max("cost_total"),
            )
            .order_by()
        ):
            raw.lines[(row["centre_id"], row["project_id"], row["year"])] = row
    if reported_years or org is not None:
        fields = m["ReportedYear"].FIGURE_KEYS
        wanted = {name: key for name, key in fields.items() if key in keys}
        if wanted:
            raw.queried.add("reported_years")
            rows = m["ReportedYear"].objects.visible_to(access).filter(_years_q(years))
            if org is not None:
                rows = rows.filter(organisation_id=org)
            for row in (
                rows.values("centre_id", "year")
                .annotate(**{f"r_{name}": Sum(name) for name in wanted})
                .order_by()
            ):
                raw.reported_years[(row["centre_id"], row["year"])] = {
                    key: row[f"r_{name}"] for name, key in wanted.items()
                }


def _read_partnerships(m: dict, raw: _Raw, scope: Scope, years: list[int], keys: set[str]):
    """The partnerships in force in each year (one query): counted per centre and the years
    they run from and to, each group counted in the years between them (a partnership is in
    force in a year when it starts before its end and ends after its start, or has no date)."""
    access = scope.access
    org = scope.organisation_id
    if keys & PARTNERSHIP_KEYS:
        raw.queried.add("partnerships")
        partnerships = m["Partnership"].objects.visible_to(access).exclude(status="planned")
        if org is not None:
            partnerships = partnerships.filter(organisation_id=org)
        spans = (
            partnerships.annotate(
                from_year=ExtractYear("start_date"), to_year=ExtractYear("end_date")
            )
            .values("centre_id", "from_year", "to_year")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in spans:
            start, end = row["from_year"], row["to_year"]
            for year in years:
                key = (row["centre_id"], year)
                in_force = (start is None or start <= year) and (end is None or end >= year)
                raw.partnerships[key] = raw.partnerships.get(key, 0) + (row["n"] if in_force else 0)


def _years_found(raw: _Raw, today: dt.date) -> list[int]:
    """The years the grouped reads found data in (held activities, hours, staff, income, the
    municipality's money, reported years), up to today's."""
    found = {year for (_c, _p, year), row in raw.activity.items() if row["held"]}
    found |= {year for (_c, _p, year), hours in raw.own_hours.items() if hours}
    found |= {year for (_c, year), people in raw.with_hours.items() if year and people}
    for source in (raw.staff, raw.income, raw.support, raw.reported_years):
        found |= {key[1] for key in source}
    found |= {year for (_c, _p, year) in raw.lines}
    return sorted(year for year in found if year is not None and year <= today.year)


# --- Reading the rollups (or the logs, where no rollup has the scope's cut) -------------------
#
# `figures.models` keeps the logs' sums per project and month (activities) and per volunteer,
# project and year (approved own hours); `figures.rollups` keeps them equal to the logs. A
# centre's, a municipality's or a project's figures read the rollups for the months before the
# running one and the log for the running month up to today (what is held depends on the day);
# an association's and a volunteer's read their own rows of the log.
USE_ROLLUPS = True


def _rollups_serve(scope: Scope) -> bool:
    return USE_ROLLUPS and scope.organisation_id is None and scope.volunteer_id is None


def _closed_months(scope: Scope, running: dt.date, **filters):
    """The scope's activity buckets of the months before `running` (the first day of the
    running month, which the log gives up to today: what is held depends on the day)."""
    from figures.models import ActivityMonth

    months = ActivityMonth.objects.filter(centre_id__in=scope.centre_ids, **filters).filter(
        Q(year__lt=running.year) | Q(year=running.year, month__lt=running.month)
    )
    return months.filter(project_id=scope.project_id) if scope.project_id else months


def _volunteer_years(scope: Scope, **filters):
    """The scope's approved own hours per volunteer, project and year (buckets with entries)."""
    from figures.models import HourYear

    years = HourYear.objects.filter(centre_id__in=scope.centre_ids, entries__gt=0, **filters)
    return years.filter(project_key=scope.project_id) if scope.project_id else years


def _centre_years(scope: Scope):
    """The scope's centres' years in the hour log (`PeopleYear`, those with entries): no
    project's cut, so a centre's, a municipality's or a district's."""
    from figures.models import PeopleYear

    return PeopleYear.objects.filter(centre_id__in=scope.centre_ids, entries__gt=0)


def _activity_rows(m: dict, scope: Scope, first: dt.date, last: dt.date, today: dt.date):
    """Activity sums per (centre, project, year) from `first` to min(`last`, `today`): rows of
    {"centre_id", "project_id", "year", "agg_<sum>"}; a (centre, project, year) may come twice
    (the rollup's months and the running month's log), to be added up."""
    end = min(last, today)
    if end < first:
        return []
    if not _rollups_serve(scope):
        return list(
            _log_activity_rows(_activities(m, scope).filter(date__gte=first, date__lte=end))
        )
    running = end.replace(day=1)
    months = _closed_months(scope, running, year__gte=first.year, year__lte=end.year)
    rows = list(
        months.values("centre_id", "project_id", "year")
        .annotate(**{f"agg_{name}": Sum(name) for name in ACTIVITY_SUMS})
        .order_by()
    )
    log = _activities(m, scope).filter(date__gte=max(first, running), date__lte=end)
    return rows + list(_log_activity_rows(log))


def _log_activity_rows(qs):
    return (
        qs.annotate(year=ExtractYear("date"))
        .values("centre_id", "project_id", "year")
        .annotate(**activity_aggregates())
        .order_by()
    )


@dataclass(frozen=True)
class _OwnHours:
    """The scope's approved own hours, where they are read from: the rollup's buckets (a
    centre's, a municipality's, a project's) or the log (an association's, a volunteer's).
    `qs` has the fields centre_id, volunteer_id, year and hours; `in_year` and `in_years`
    are the filters of a period."""

    qs: Any
    rollup: bool
    # The centres' years (`PeopleYear`, with entries) where they serve: a centre's and a
    # municipality's hours, not a project's.
    centre_years: Any = None
    # The same hours for one volunteer at a time (`volunteer_id=OuterRef(...)`): from the
    # rollup without the scope's centres (a volunteer's hours are in their own centre), so
    # the statement stays short whatever the number of centres.
    of_volunteer: Any = None

    def in_year(self, year: int) -> Q:
        if self.rollup:
            return Q(year=year)
        return Q(date__gte=dt.date(year, 1, 1), date__lte=dt.date(year, 12, 31))

    def in_years(self, years: Iterable[int]) -> Q:
        years = sorted(years)
        if self.rollup:
            return _years_q(years)
        if years and years[-1] - years[0] + 1 == len(years):  # one span: one range
            return Q(date__gte=dt.date(years[0], 1, 1), date__lte=dt.date(years[-1], 12, 31))
        found = Q()
        for year in years:
            found |= self.in_year(year)
        return found

    def per_centre_year(self, where: Q, *, total: bool, people: bool):
        """The hours (`total`) and the volunteers who gave them, each once (`people`), per
        centre and year: rows of centre_id, year, total, people. A centre's year is one row of
        `centre_years` where they serve; else the buckets (or the log) grouped."""
        if self.centre_years is not None:
            return self.centre_years.filter(where).values(
                "centre_id", "year", "people", total=F("hours")
            )
        sums = {"total": Sum("hours")} if total else {}
        counted = {"people": Count("volunteer_id", distinct=True)} if people else {}
        return (
            self.qs.filter(where).values("centre_id", "year").annotate(**sums, **counted).order_by()
        )

    def by_project(self, where: Q):
        """The hours per (centre, project, year): rows of centre_id, of_project, year, total."""
        project = F("project_key") if self.rollup else F("project_id")
        return (
            self.qs.filter(where)
            .annotate(of_project=project)
            .values("centre_id", "of_project", "year")
            .annotate(total=Sum("hours"))
            .order_by()
        )


def _own_hours_of(m: dict, scope: Scope) -> _OwnHours:
    if _rollups_serve(scope):
        from figures.models import HourYear

        buckets = HourYear.objects.filter(entries__gt=0)
        if scope.project_id:
            buckets = buckets.filter(project_key=scope.project_id)
        return _OwnHours(
            _volunteer_years(scope),
            rollup=True,
            centre_years=None if scope.project_id else _centre_years(scope),
            of_volunteer=buckets,
        )
    log = _approved_hours(m, scope).annotate(year=ExtractYear("date"))
    return _OwnHours(log, rollup=False, of_volunteer=log)


def _activities(m: dict, scope: Scope):
    """The scope's activity log (its centres; narrowed to its project or organiser)."""
    qs = m["Activity"].objects.visible_to(scope.access)
    if scope.project_id:
        qs = qs.filter(project_id=scope.project_id)
    if scope.organisation_id:
        qs = qs.filter(organiser_id=scope.organisation_id)
    return qs


def _held_in(m: dict, scope: Scope, year: int, today: dt.date):
    """The scope's activities held in `year` (not cancelled, on or before `today`)."""
    return _activities(m, scope).filter(
        date__gte=dt.date(year, 1, 1),
        date__lte=min(dt.date(year, 12, 31), today),
        cancelled=False,
    )


# What the breakdowns (months, categories) count of the held activities.
_HELD_COUNTS = {
    "n": Count("pk"),
    "counted": Count("pk", filter=Q(participants__isnull=False)),
    "people": Sum("participants"),
}


def _approved_hours(m: dict, scope: Scope):
    qs = (
        m["HourEntry"]
        .objects.visible_to(scope.access)
        .filter(status=m["HourEntry"].Status.APPROVED)
    )
    if scope.project_id:
        qs = qs.filter(project_id=scope.project_id)
    if scope.organisation_id:
        qs = qs.filter(task__organisation_id=scope.organisation_id)
    if scope.volunteer_id:
        qs = qs.filter(volunteer_id=scope.volunteer_id)
    return qs


# --- The figures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    """A figure counted from the log, reported (typed in), or both (projects report some).

    Where both exist and differ, pages and reports show both, each labelled.
    """

    key: str
    counted: Decimal | int | None = None
    reported: Decimal | int | None = None
    approximate: bool = False
    comment: str = ""

    @property
    def has_data(self) -> bool:
        return self.counted is not None or self.reported is not None

    @property
    def differs(self) -> bool:
        return (
            self.counted is not None
            and self.reported is not None
            and Decimal(self.counted) != Decimal(self.reported)
        )

    @property
    def value(self) -> Decimal | int | None:
        """The counted figure where there is one, else the reported one."""
        return self.counted if self.counted is not None else self.reported

    @property
    def decimals(self) -> int:
        return definition(self.key).decimals


class Figures:
    """The figures of one scope over some years (see `compute`)."""

    def __init__(
        self,
        scope: Scope,
        years: list[int],
        today: dt.date,
        raw: _Raw,
        centre_ids: set[int] | None = None,
        project_ids: set[int | None] | None = None,
        by: str | None = None,
    ) -> None:
        self.scope = scope
        self.by = by
        self.years = list(years)
        self.today = today
        self._raw = raw
        # A sub-view: only these centres / projects (`group`).
        self._centres = centre_ids
        self._projects = project_ids
        self._cache: dict[tuple[str, int | None], Any] = {}
        self._sums: dict[tuple, dict] = {}

    # -- selection

    def _in(self, centre_id: int, project_id: int | None = None, *, by_project=True) -> bool:
        if self._centres is not None and centre_id not in self._centres:
            return False
        if by_project and self._projects is not None and project_id not in self._projects:
            return False
        return True

    def _years(self, year: int | None) -> list[int]:
        return self.years if year is None else [year]

    def _activity(self, years: list[int], projects: set | None = None) -> dict:
        """The activity sums of `years` (of `projects` only, when named), added up once per
        instance and years asked (a copy: the caller may change it)."""
        memo_key = (tuple(sorted(set(years))), None if projects is None else frozenset(projects))
        total = self._sums.get(memo_key)
        if total is None:
            total = dict.fromkeys(ACTIVITY_SUMS, 0)
            for year in memo_key[0]:
                for centre_id, project_id, row in self._raw.activity_in(year):
                    if not self._in(centre_id, project_id):
                        continue
                    if projects is not None and project_id not in projects:
                        continue
                    for name in ACTIVITY_SUMS:
                        total[name] += row[name]
            self._sums[memo_key] = total
        return dict(total)

    def _own_hours(self, years: list[int]) -> Decimal:
        wanted = set(years)
        return sum(
            (
                hours
                for (centre_id, project_id, year), hours in self._raw.own_hours.items()
                if year in wanted and self._in(centre_id, project_id)
            ),
            Decimal(0),
        )

    def _people(self, years: list[int], *, matched: bool) -> int:
        """The volunteers with approved hours (and, `matched`, those with a running match) in
        `years` (one, or all of the period), each counted once."""
        year = years[0] if len(years) == 1 else None
        if year is None:
            raw = self._raw
            if raw.period_people_read is None:
                rows = raw.period_people if raw.period_people is not None else []
                raw.period_people_read = {row["centre_id"]: row["people"] for row in rows}
            counted = sum(
                n
                for centre_id, n in raw.period_people_read.items()
                if self._in(centre_id, by_project=False)
            )
        else:
            counted = sum(
                n
                for (centre_id, row_year), n in self._raw.with_hours.items()
                if row_year == year and self._in(centre_id, by_project=False)
            )
        if matched:
            counted += sum(
                len(ids)
                for (centre_id, row_year), ids in self._raw.matched_only.items()
                if row_year == year and self._in(centre_id, by_project=False)
            )
        return counted

    def _stock(self, source: dict, name: str, year: int) -> int:
        return sum(
            row[name]
            for (centre_id, row_year), row in source.items()
            if row_year == year and self._in(centre_id, by_project=False)
        )

    # -- values

    def logged(self, year: int | None = None) -> bool:
        """Whether any activity was logged (cancelled ones included) in the year / period."""
        return bool(self._activity(self._years(year))["logged"])

    def activity_sums(self, year: int | None = None) -> dict:
        """The raw sums of the activity log (held, cancelled, with_count, …) for a year."""
        return self._activity(self._years(year))

    def get(self, key: str, year: int | None = None):
        """The counted value of `key` for `year`, or for all the years when `year` is None."""
        cache_key = (key, year)
        if cache_key not in self._cache:
            self._cache[cache_key] = self._value(key, year)
        return self._cache[cache_key]

    def _value(self, key: str, year: int | None):
        figure = definition(key)
        years = self._years(year)
        if figure.period == AT_END and year is None:
            return self.get(key, max(self.years)) if self.years else None
        if key in ACTIVITY_KEYS:
            if not self.computed(key):
                return None
            return _from_sums(key, self._activity(years))
        if key == "volunteer_hours.own":
            return self._own_hours(years)
        if key == "volunteer_hours.total":
            on_activities = self.get("volunteer_hours.on_activities", year) or Decimal(0)
            return on_activities + self._own_hours(years)
        if key == "fte.total":
            return fte(self.get("volunteer_hours.total", year))
        if key == "volunteers.active":
            return self._people(years, matched=True)
        if key == "volunteers.with_own_hours":
            return self._people(years, matched=False)
        if key == "volunteers.registered":
            return self._stock(self._raw.volunteer_stock, "registered", years[-1])
        if key == "volunteers.new":
            return sum(self._stock(self._raw.volunteer_stock, "new", y) for y in years)
        if key == "associations.registered":
            return self._stock(self._raw.association_stock, "registered", years[-1])
        if key == "associations.new":
            return sum(self._stock(self._raw.association_stock, "new", y) for y in years)
        if key == "associations.confirmed":
            if len(years) != 1:
                return None
            return self._stock(self._raw.association_stock, "confirmed", years[0])
        if key == "matches.made":
            return sum(
                n
                for (centre_id, row_year), n in self._raw.matches.items()
                if row_year in set(years) and self._in(centre_id, by_project=False)
            )
        if key == "volunteers.engaged":
            return None  # reported only
        if key in YEARS_KEYS:
            return self._years_value(key, years)
        raise KeyError(f"The engine does not compute {key!r}")

    def _years_value(self, key: str, years: list[int]):
        """A figure of the years side by side (None where its source holds nothing)."""
        wanted = set(years)

        def summed(source: dict, match=lambda k: True):
            values = [
                value
                for k, value in source.items()
                if k[1] in wanted and self._in(k[0], by_project=False) and match(k)
            ]
            return sum(values) if values else None

        if key == "staff.fte":
            return summed(self._raw.staff, lambda k: k[1] == years[-1])
        if key == "income.total":
            return summed(self._raw.income)
        if key in INCOME_SOURCES:
            return summed(self._raw.income, lambda k: k[2] == INCOME_SOURCES[key])
        if key == "municipal_support.partnerships":
            return summed(self._raw.support)
        if key == "support.lines":
            # An activity line is a project (what the municipality's money is given to, as
            # the numerator's lines are), not a weekly series: those that held an activity in
            # the year and those the municipality supports that year, each once, so "16 of
            # 31 supported" never counts more supported lines than lines.
            lines = {
                (project_id, year)
                for year in wanted
                for centre_id, project_id, row in self._raw.activity_in(year)
                if row["held"] and self._in(centre_id, project_id)
            }
            lines |= {
                (project_id, year)
                for (centre_id, project_id, year) in self._raw.lines
                if year in wanted and self._in(centre_id, project_id)
            }
            return len(lines) if len(years) == 1 else None
        if key in LINE_KEYS:
            return self._lines_value(key, wanted)
        if key == "partnerships.active":
            if len(years) != 1:
                return None  # a partnership in force in two years is one partnership
            return summed(self._raw.partnerships) or 0
        raise KeyError(key)

    def _lines_value(self, key: str, wanted: set[int]):
        lines = [
            row
            for (centre_id, project_id, year), row in self._raw.lines.items()
            if year in wanted and self._in(centre_id, project_id)
        ]
        if not lines:
            return None
        if key == "support.operating":
            return sum(row["operating"] or 0 for row in lines)
        if key == "support.activity":
            return sum(row["activity"] or 0 for row in lines)
        if len(wanted) != 1:
            return None  # a line supported in two years is one line
        if key == "support.lines_supported":
            return len(lines)
        given = [((row["operating"] or 0) + (row["activity"] or 0), row["cost"]) for row in lines]
        if key == "support.lines_fully_financed":
            return sum(1 for amount, cost in given if cost is not None and amount >= cost)
        known = [(amount, cost) for amount, cost in given if cost]
        if not known:
            return None
        cost = sum(c for _a, c in known)
        covered = sum(min(a, c) for a, c in known)
        return quantize(Decimal(100) * (cost - covered) / cost, 1)

    def reported(self, key: str, year: int):
        """The sum of what the scope's organisations reported themselves for `key` in `year`
        (None when none did): `compute(..., reported_years=True)`, or an organisation's scope."""
        values = [
            row[key]
            for (centre_id, row_year), row in self._raw.reported_years.items()
            if row_year == year
            and self._in(centre_id, by_project=False)
            and row.get(key) is not None
        ]
        return sum(values) if values else None

    def year_pair(self, key: str, year: int) -> Pair:
        """`key` in `year` as counted (or recorded) and as reported by the organisations."""
        counted = self.get(key, year) if self.computed(key) else None
        if key in ACTIVITY_KEYS and not self.logged(year):
            counted = None
        return Pair(key, counted, self.reported(key, year))

    def has_data(self, year: int) -> bool:
        """Whether anything was counted, recorded or reported for `year`."""
        if self.logged(year) or any(self.reported(key, year) is not None for key in YEARS_FIGURES):
            return True
        return any(
            self.get(key, year) not in (None, 0, Decimal(0))
            for key in YEARS_FIGURES
            if self.computed(key) and key not in ACTIVITY_KEYS
        )

    def year(self, year: int, keys: Iterable[str] | None = None) -> dict[str, Any]:
        return {key: self.get(key, year) for key in keys or self._computed_keys()}

    def period(self, keys: Iterable[str] | None = None) -> dict[str, Any]:
        return {key: self.get(key) for key in keys or self._computed_keys()}

    def _computed_keys(self) -> list[str]:
        return [key for key in CATALOGUE if key in COMPUTED_KEYS]

    # -- counted and reported (a project's)

    def pair(self, key: str, year: int | None = None) -> Pair:
        """The counted and the reported value of a project's figure, for a year or the period.

        Counted is None where the log holds nothing to count it from (no activity logged).
        Reported for the period: the row without a year; else, in a one-year period, that
        year's row; else, for a figure that adds up, the sum of the years' rows.
        """
        counted = None
        if key in ACTIVITY_KEYS and self.logged(year):
            counted = self.get(key, year)
        reported = self._raw.reported
        row = reported.get((year, key))
        if row is None and year is None:
            rows = [reported[(y, key)] for y in self.years if (y, key) in reported]
            if len(self.years) == 1 and rows:
                row = rows[0]
            elif rows and definition(key).additive:
                return Pair(
                    key,
                    counted,
                    sum(r.value for r in rows),
                    any(r.is_approximate for r in rows),
                )
        if row is None:
            return Pair(key, counted)
        return Pair(key, counted, row.value, row.is_approximate, row.comment)

    def pairs(self, year: int | None = None) -> dict[str, Pair]:
        return {key: self.pair(key, year) for key in PROJECT_FIGURES}

    def _targets(self) -> dict[tuple[int, int], Any]:
        """The yearly targets of the scope's projects ((project, year) -> YearTarget), read on
        first use: the pages that never compare do not read them."""
        raw = self._raw
        if raw.targets_read is None:
            rows = raw.targets_query if raw.targets_query is not None else []
            raw.targets_read = {(target.project_id, target.year): target for target in rows}
        return raw.targets_read

    def _targets_in(self, year: int) -> list[tuple[int, Any]]:
        """The yearly targets of `year`: (project, YearTarget) pairs."""
        raw = self._raw
        if raw.targets_by_year is None:
            raw.targets_by_year = defaultdict(list)
            for (project_id, target_year), target in self._targets().items():
                raw.targets_by_year[target_year].append((project_id, target))
        return raw.targets_by_year.get(year, [])

    @property
    def has_reported(self) -> bool:
        return bool(self._raw.reported)

    # -- targets

    def target(self, key: str, year: int | None = None):
        """The target that belongs to `key` in this scope: a project's yearly target for a
        year, its whole-period plan (or the sum of its yearly targets) for the period; for a
        centre, the sum of its projects' yearly targets (compared only with those projects)."""
        figure = definition(key)
        if figure.target is None:
            return None
        if year is None:
            project = self.scope.project
            if figure.period_target and project is not None:
                plan = getattr(project, figure.period_target, None)
                if plan is not None:
                    return plan
            if not figure.additive:
                return None
            values = [self.target(key, y) for y in self.years]
            if not values or any(v is None for v in values):
                return None
            return sum(values)
        values = [
            getattr(target, figure.target)
            for project_id, target in self._targets_in(year)
            if getattr(target, figure.target) is not None and self._in(target.centre_id, project_id)
        ]
        if not values:
            return None
        if figure.additive:
            return sum(values)
        return values[0] if len(values) == 1 else None

    def _targeted_projects(self, key: str, year: int) -> set[int]:
        field_name = definition(key).target
        assert field_name is not None  # compare() asks only for a figure with a target
        return {
            project_id
            for project_id, target in self._targets_in(year)
            if getattr(target, field_name) is not None
        }

    def compare(self, key: str, year: int | None = None) -> Comparison:
        """`key` against its own target, like with like (see `figures.targets`).

        For a project: its value for the year (or the period) against its target for the same.
        For a centre or several: the sum of the targets of the projects that set one, against
        the value of those projects only (a project without a target is not compared).
        """
        figure = definition(key)
        target = self.target(key, year)
        if self.scope.project_id or year is None or target is None:
            value = self.get(key, year)
            sums = self._activity(self._years(year))
        else:
            projects = self._targeted_projects(key, year)
            sums = self._activity([year], projects)
            value = _from_sums(key, sums)
        start, end = self._bounds(year)
        target_activities = None
        if figure.key == "participants.average":
            target_activities = self.target("activities.held", year)
        return Comparison(
            key=key,
            value=value,
            target=target,
            start=start,
            end=end,
            today=self.today,
            decimals=figure.decimals,
            is_average=not figure.additive and figure.unit == "average",
            target_activities=target_activities,
            held=sums["held"],
            participants=sums["participants"],
        )

    def _bounds(self, year: int | None) -> tuple[dt.date, dt.date]:
        if year is not None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        start, end = _year_bounds(self.years or [self.today.year])
        project = self.scope.project
        if project is not None:
            start = max(start, project.start_date or start)
            end = min(end, project.end_date or end) if project.end_date else end
        return start, end

    # -- parts

    def group(self, group_id: int) -> Figures:
        """The figures of one centre (by="centre") or one project (by="project")."""
        if self.by == "centre":
            return Figures(self.scope, self.years, self.today, self._raw, centre_ids={group_id})
        return Figures(self.scope, self.years, self.today, self._raw, project_ids={group_id})

    def computed(self, key: str) -> bool:
        """Whether the sources of `key` were read (`compute(keys=…)` may leave some out)."""
        return _SOURCE_OF.get(key, "") in self._raw.queried or key not in _SOURCE_OF

    def year_target(self, year: int):
        """The project's YearTarget of `year` (a project's scope), or None."""
        if self.scope.project_id is None:
            return None
        return self._targets().get((self.scope.project_id, year))


def _from_sums(key: str, sums: dict):
    if key == "activities.held":
        return sums["held"]
    if key == "participants.total":
        return sums["participants"] if sums["with_count"] else None
    if key == "participants.average":
        return (
            quantize(Decimal(sums["participants"]) / sums["with_count"], 1)
            if sums["with_count"]
            else None
        )
    if key == "persons_reached.total":
        return sums["new"] if sums["with_new"] else None
    if key == "volunteer_hours.on_activities":
        return quantize(Decimal(sums["hours"]), 2)
    raise KeyError(key)


def compute(
    scope: Scope,
    *,
    years: Iterable[int] | None,
    today: dt.date,
    keys: Iterable[str] | None = None,
    by: str | None = None,
    reported_years: bool = False,
) -> Figures:
    """The figures of `scope` for `years` as of `today` (see the module's rules).

    `keys` limits the sources read to those the keys need (every figure of the older pages
    when None; the years side by side name theirs, `YEARS_FIGURES`); `by` ("centre" or
    "project") lets `Figures.group(id)` give each part, from the same reads;
    `reported_years` also reads the organisations' own reported years (`Figures.reported`).
    `years=None`: every year with data up to today's (`Figures.years`), in the same queries.
    """
    wanted = set(keys) if keys is not None else set(COMPUTED_KEYS)
    asked = sorted(set(years)) if years is not None else None
    raw = _read(scope, asked, today, wanted, reported_years, by)
    return Figures(scope, raw.years if asked is None else asked, today, raw, by=by)


def years_with_data(scope: Scope, *, today: dt.date) -> list[int]:
    """Every year the scope has data in (activities, own hours, a centre year, a contribution
    or a reported year), oldest first: a fixed number of queries, whatever the years."""
    m = _models()
    access = scope.access
    found: set[int] = set(years_with_hours(scope, today=today))
    org = scope.organisation_id
    if org is None and scope.volunteer_id is None and scope.project_id is None:
        found |= set(
            m["CentreYear"]
            .objects.visible_to(access)
            .order_by()
            .values_list("year", flat=True)
            .distinct()
        )
    if scope.volunteer_id is None and scope.project_id is None:
        contributions = m["Contribution"].objects.visible_to(access)
        reported = m["ReportedYear"].objects.visible_to(access)
        if org is not None:
            contributions = contributions.filter(partnership__organisation_id=org)
            reported = reported.filter(organisation_id=org)
        found |= set(contributions.order_by().values_list("year", flat=True).distinct())
        found |= set(reported.order_by().values_list("year", flat=True).distinct())
    return sorted(year for year in found if year <= today.year)


# --- Breakdowns -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Month:
    month: int
    activities: int
    participants: int
    with_count: int
    target_activities: Decimal | None

    @property
    def target(self) -> Decimal | None:
        return self.target_activities

    @property
    def average_participants(self) -> Decimal | None:
        if not self.with_count:
            return None
        return quantize(Decimal(self.participants) / self.with_count, 1)


def _month_rows(m: dict, scope: Scope, year: int, today: dt.date) -> dict[int, Any]:
    """Held activities per month of `year` ({month: {"n", "counted", "people"}})."""
    if not _rollups_serve(scope):
        return {
            row["month"]: row
            for row in _held_in(m, scope, year, today)
            .annotate(month=ExtractMonth("date"))
            .values("month")
            .annotate(**_HELD_COUNTS)
            .order_by()
        }
    running = today.replace(day=1)
    months = _closed_months(scope, running, year=year)
    rows = {
        row["month"]: row
        for row in months.values("month")
        .annotate(n=Sum("held"), counted=Sum("with_count"), people=Sum("participants"))
        .order_by()
    }
    if year == running.year:
        log = _held_in(m, scope, year, today).filter(date__gte=running)
        for row in (
            log.annotate(month=ExtractMonth("date"))
            .values("month")
            .annotate(**_HELD_COUNTS)
            .order_by()
        ):
            rows[row["month"]] = row
    return rows


def months(scope: Scope, *, year: int, today: dt.date, target_activities=None) -> list[Month]:
    """Twelve months of held activities and participants of a year, with the yearly activity
    target spread over the months by their days (`targets.monthly_target`). Two queries."""
    rows = _month_rows(_models(), scope, year, today)
    return [
        Month(
            month=month,
            activities=rows.get(month, {}).get("n", 0),
            participants=int(rows.get(month, {}).get("people") or 0),
            with_count=rows.get(month, {}).get("counted", 0),
            target_activities=monthly_target(target_activities, year, month),
        )
        for month in range(1, 13)
    ]


def by_category(scope: Scope, *, year: int, today: dt.date) -> list[dict]:
    """Held activities of a year per activity category (every category, zeros included).

    Rows: {"category", "activities", "participants", "counted" (activities with a count),
    "average"}. Two queries.
    """
    from activities.models import ActivityCategory

    counts = {
        row["category_id"]: row
        for row in _held_in(_models(), scope, year, today)
        .values("category_id")
        .annotate(**_HELD_COUNTS)
        .order_by()
    }
    rows = []
    for category in ActivityCategory.objects.all():
        row = counts.get(category.pk, {})
        counted = row.get("counted", 0)
        people = int(row.get("people") or 0)
        rows.append(
            {
                "category": category,
                "activities": row.get("n", 0),
                "participants": people,
                "counted": counted,
                "average": quantize(Decimal(people) / counted, 1) if counted else None,
            }
        )
    return rows


def national_categories(by_category_rows: list[dict]) -> list[dict]:
    """`by_category`'s rows gathered in the national register's nine categories (no query):
    every activity category maps to one, so the nine add up to the activities held."""
    from activities.models import NationalCategory

    found: dict[str, dict] = {
        value: {"category": value, "label": label, "activities": 0, "participants": 0}
        for value, label in NationalCategory.choices
    }
    for row in by_category_rows:
        bucket = found[row["category"].national_category]
        bucket["activities"] += row["activities"]
        bucket["participants"] += row["participants"]
    return list(found.values())


def by_national_category(scope: Scope, *, year: int, today: dt.date) -> list[dict]:
    """Held activities of a year in the national register's nine categories (every category,
    zeros included), each activity counted once through its category's mapping. One query."""
    from activities.models import NationalCategory

    counts = {
        row["category__national_category"]: row
        for row in _held_in(_models(), scope, year, today)
        .values("category__national_category")
        .annotate(**_HELD_COUNTS)
        .order_by()
    }
    return [
        {
            "category": value,
            "label": label,
            "activities": counts.get(value, {}).get("n", 0),
            "participants": int(counts.get(value, {}).get("people") or 0),
        }
        for value, label in NationalCategory.choices
    ]


def years_with_hours(scope: Scope, *, today: dt.date) -> list[int]:
    """Years with hours in either log (activities held, approved own hours), newest first.

    One query (two for an association's or a volunteer's log)."""
    m = _models()
    if not _rollups_serve(scope):
        held = _activities(m, scope).filter(date__lte=today, cancelled=False)
        activity_years = {day.year for day in held.dates("date", "year")}
        own_years = {day.year for day in _approved_hours(m, scope).dates("date", "year")}
        return sorted(activity_years | own_years, reverse=True)
    running = today.replace(day=1)
    months = _closed_months(scope, running, held__gt=0)
    own = _volunteer_years(scope)
    log = (
        _held_in(m, scope, running.year, today)
        .filter(date__gte=running)
        .annotate(year=ExtractYear("date"))
        .values_list("year", flat=True)
        .order_by()
    )
    years = (
        months.values_list("year", flat=True)
        .order_by()
        .union(own.values_list("year", flat=True).order_by(), log)
    )
    return sorted({int(year) for year in years}, reverse=True)


@dataclass(frozen=True)
class PersonHours:
    volunteer_id: int
    name: str
    hours: Decimal
    entries: int

    @property
    def fte(self) -> Decimal:
        return fte(self.hours)


def hours_by_volunteer(scope: Scope, *, year: int) -> list[PersonHours]:
    """Approved own hours of a year per volunteer, most first (for the coordinator's page:
    names are shown to those who may see the volunteers). One query."""
    m = _models()
    if _rollups_serve(scope):
        rows = (
            _volunteer_years(scope, year=year)
            .values("volunteer_id", "volunteer__first_name", "volunteer__last_name")
            .annotate(total=Sum("hours"), n=Sum("entries"))
            .order_by("-total", "volunteer__last_name", "volunteer_id")
        )
    else:
        rows = (
            _approved_hours(m, scope)
            .filter(date__gte=dt.date(year, 1, 1), date__lte=dt.date(year, 12, 31))
            .values("volunteer_id", "volunteer__first_name", "volunteer__last_name")
            .annotate(total=Sum("hours"), n=Count("pk"))
            .order_by("-total", "volunteer__last_name", "volunteer_id")
        )
    return [
        PersonHours(
            volunteer_id=row["volunteer_id"],
            name=f"{row['volunteer__first_name']} {row['volunteer__last_name']}",
            hours=row["total"] or Decimal(0),
            entries=row["n"],
        )
        for row in rows
    ]


@dataclass(frozen=True)
class YearHours:
    year: int
    hours: Decimal

    @property
    def fte(self) -> Decimal:
        return fte(self.hours)


@dataclass(frozen=True)
class VolunteerHours:
    """One volunteer's approved hours: per year and in total."""

    years: list[YearHours]
    total: Decimal

    def __iter__(self):
        return iter(self.years)

    def __len__(self) -> int:
        return len(self.years)

    @property
    def newest_first(self) -> list[YearHours]:
        return list(reversed(self.years))


def hours_of_volunteer(
    volunteer, *, start: dt.date | None = None, end: dt.date | None = None
) -> VolunteerHours:
    """One volunteer's approved hours per year (between `start` and `end` when given), oldest
    first, and their total; the same hour log every total reads. One query."""
    m = _models()
    qs = _approved_hours(m, Scope.of_volunteer(volunteer))
    if start:
        qs = qs.filter(date__gte=start)
    if end:
        qs = qs.filter(date__lte=end)
    rows = (
        qs.annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(total=Sum("hours"))
        .order_by("year")
    )
    years = [YearHours(year=row["year"], hours=row["total"] or Decimal(0)) for row in rows]
    return VolunteerHours(years=years, total=sum((row.hours for row in years), Decimal(0)))


def hours_waiting(access: Access) -> Decimal:
    """`volunteer_hours.waiting`: the hours waiting for approval that `access` may decide (a
    coordinator's centre), whatever their date. One query."""
    m = _models()
    total = (
        m["HourEntry"]
        .objects.visible_to(access)
        .filter(status=m["HourEntry"].Status.PENDING)
        .aggregate(total=Sum("hours"))["total"]
    )
    return total or Decimal(0)


def pending_hours_by_centre() -> dict[int, dict]:
    """Hours waiting for approval per centre, every centre ({centre_id: {entries, hours}}):
    the weekly digest to coordinators. One query."""
    m = _models()
    return {
        row["centre_id"]: {"entries": row["entries"], "hours": row["total"] or Decimal(0)}
        for row in m["HourEntry"]
        .objects.system()
        .filter(status=m["HourEntry"].Status.PENDING)
        .values("centre_id")
        .annotate(entries=Count("pk"), total=Sum("hours"))
        .order_by()
    }
