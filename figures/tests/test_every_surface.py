"""Property: on generated data, every surface shows the engine's figure, and the engine's figure
is what the raw rows add up to.

Hypothesis generates a centre's two years: projects with yearly targets, activities (some
cancelled, some in the future, some without a participant count), hours logged on activities,
volunteers' own hours (approved and waiting) and reported figures. For each example the figures
are added up from the generated rows by plain Python (the oracle) and compared with the engine;
then the pages that print them (the hours page, the municipality overview and its CSV and
Excel, the start page's card, each project's page and dashboard, the public front page, the
About the figures page, the open API and the annual report) are read by their `data-figure`
keys (or CSV/Excel headers) and each number must be the engine's value, formatted by the one
formatter. The rows are written, edited and deleted one by one, and the rollups the engine
reads must equal the logs after them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activities.models import Activity, ActivityCategory
from core import formatting
from figures import engine, rollups
from figures.catalogue import format_value
from hours.models import HourEntry
from projects.models import Project, YearTarget
from reports.rendering import ReportParams, render_html
from volunteers.models import Volunteer

FIGURE = re.compile(r'<span data-figure="([a-z_.]+)">([^<]*)</span>')

activity = st.fixed_dictionaries(
    {
        "project": st.integers(0, 1),
        "year": st.integers(0, 1),  # last year or this year
        "day": st.integers(0, 364),
        "participants": st.one_of(st.none(), st.integers(0, 40)),
        "new": st.one_of(st.none(), st.integers(0, 5)),
        "hours": st.decimals(0, 12, places=2),
        "cancelled": st.booleans(),
    }
)
own_hours = st.fixed_dictionaries(
    {
        "year": st.integers(0, 1),
        "day": st.integers(0, 364),
        "hours": st.decimals("0.25", 9, places=2),
        "approved": st.booleans(),
    }
)
# Changes after the rows were written: what each changes is drawn (the rollups follow every one).
edit = st.tuples(st.integers(0, 13), st.sampled_from(["cancel", "recount", "move", "delete"]))
hour_edit = st.tuples(st.integers(0, 5), st.sampled_from(["approve", "reject", "move", "delete"]))
target = st.one_of(
    st.none(),
    st.fixed_dictionaries({"activities": st.integers(1, 60), "hours": st.integers(1, 200)}),
)


def _figures_in(html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, text in FIGURE.findall(html):
        found.setdefault(key, []).append(text)
    return found


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    activities=st.lists(activity, max_size=14),
    hours=st.lists(own_hours, max_size=6),
    targets=st.lists(target, min_size=2, max_size=2),
    edits=st.lists(edit, max_size=4),
    hour_edits=st.lists(hour_edit, max_size=3),
)
@pytest.mark.heavy
def test_every_surface_shows_the_engines_figures_and_they_add_up(
    world, client, activities, hours, targets, edits, hour_edits
):
    today = timezone.localdate()
    this_year = today.year
    with transaction.atomic():
        _check(world, client, today, this_year, activities, hours, targets, edits, hour_edits)
        transaction.set_rollback(True)


def _other_year(day: dt.date, this_year: int) -> dt.date:
    year = this_year - 1 if day.year == this_year else this_year
    return day.replace(year=year, day=min(day.day, 28) if day.month == 2 else day.day)


def _edit_activities(rows, edits, projects, this_year) -> None:
    for index, what in edits:
        if index >= len(rows) or rows[index].pk is None:
            continue
        row = rows[index]
        if what == "delete":
            row.delete()
            continue
        if what == "cancel":
            row.cancelled = not row.cancelled
        elif what == "recount":
            row.participants = None if row.participants else 7
            row.volunteer_hours = Decimal("1.50")
        else:  # to the other project, a year earlier or later
            row.project = projects[1 - projects.index(row.project)]
            row.date = row.date.replace(
                year=this_year - 1 if row.date.year == this_year else this_year
            )
        row.save()


def _edit_hours(entries, edits, this_year) -> None:
    for index, what in edits:
        if index >= len(entries) or entries[index].pk is None:
            continue
        entry = entries[index]
        if what == "delete":
            entry.delete()
            continue
        if what == "approve":
            entry.status = HourEntry.Status.APPROVED
        elif what == "reject":
            entry.status = HourEntry.Status.REJECTED
        else:
            entry.date = _other_year(entry.date, this_year)
        entry.save()


def _from_log(centre, this_year, today):
    engine.USE_ROLLUPS = False
    try:
        return engine.compute(
            engine.Scope.of_centre(centre),
            years=[this_year - 1, this_year],
            today=today,
            by="project",
        )
    finally:
        engine.USE_ROLLUPS = True


def _check(world, client, today, this_year, activities, hours, targets, edits, hour_edits):
    centre = world.centre
    category = ActivityCategory.objects.first()
    projects = [
        Project.objects.create(centre=centre, name=f"Prosjekt {n}", slug=f"p-{n}") for n in range(2)
    ]
    for project, goal in zip(projects, targets, strict=True):
        if goal is not None:
            YearTarget.objects.create(
                centre=centre,
                project=project,
                year=this_year,
                activities=goal["activities"],
                volunteer_hours=goal["hours"],
            )
    rows = []
    for spec in activities:
        day = dt.date(this_year - 1 + spec["year"], 1, 1) + dt.timedelta(days=spec["day"])
        rows.append(
            Activity(
                centre=centre,
                project=projects[spec["project"]],
                title="Tur",
                category=category,
                date=day,
                participants=spec["participants"],
                participants_new=spec["new"],
                volunteer_hours=spec["hours"],
                cancelled=spec["cancelled"],
            )
        )
    for row in rows:
        row.save()
    _edit_activities(rows, edits, projects, this_year)
    rows = [row for row in rows if row.pk is not None]
    volunteer = Volunteer.objects.system().create(
        centre=centre, first_name="Ola", last_name="Frivillig", email="ola@example.org"
    )
    entries = []
    for spec in hours:
        day = dt.date(this_year - 1 + spec["year"], 1, 1) + dt.timedelta(days=spec["day"])
        entries.append(
            HourEntry(
                centre=centre,
                volunteer=volunteer,
                date=day,
                hours=spec["hours"],
                status=HourEntry.Status.APPROVED if spec["approved"] else HourEntry.Status.PENDING,
            )
        )
    for entry in entries:
        entry.save()
    _edit_hours(entries, hour_edits, this_year)
    entries = [entry for entry in entries if entry.pk is not None]
    # The rollups the engine reads equal the logs after every write, edit and delete, and the
    # engine gives the same figures from the logs as from the rollups.
    assert rollups.verify(centre_ids=[centre.pk]) == []
    from_log = _from_log(centre, this_year, today)

    figures = engine.compute(
        engine.Scope.of_centre(centre), years=[this_year - 1, this_year], today=today, by="project"
    )
    for year in (this_year - 1, this_year):
        assert figures.year(year) == from_log.year(year)

    # The oracle: the generated rows added up by hand.
    for year in (this_year - 1, this_year):
        held = [a for a in rows if a.date.year == year and a.date <= today and not a.cancelled]
        counted = [a for a in held if a.participants is not None]
        on_activities = sum((Decimal(a.volunteer_hours) for a in held), Decimal(0))
        own = sum(
            (
                Decimal(e.hours)
                for e in entries
                if e.date.year == year and e.status == HourEntry.Status.APPROVED
            ),
            Decimal(0),
        )
        assert figures.get("activities.held", year) == len(held)
        assert figures.get("participants.total", year) == (
            sum(a.participants for a in counted) if counted else None
        )
        assert figures.get("participants.average", year) == (
            _round(Decimal(sum(a.participants for a in counted)) / len(counted), 1)
            if counted
            else None
        )
        assert figures.get("volunteer_hours.on_activities", year) == on_activities
        assert figures.get("volunteer_hours.own", year) == own
        assert figures.get("volunteer_hours.total", year) == on_activities + own

    def shown(key: str, year: int = this_year) -> str:
        return format_value(key, figures.get(key, year))

    with translation.override("nb"):
        client.force_login(world.coordinator)
        # The hours page: one row per year with hours.
        page = client.get(reverse("reports:hours")).content.decode()
        for year in (this_year - 1, this_year):
            match = re.search(rf'data-year="{year}">(.*?)</tr>', page, re.S)
            if match is None:
                assert figures.get("volunteer_hours.total", year) == 0
                continue
            cells = _figures_in(match.group(1))
            for key in ("volunteer_hours.on_activities", "volunteer_hours.own"):
                assert cells[key] == [shown(key, year)], (key, year)
            assert cells["volunteer_hours.total"] == [shown("volunteer_hours.total", year)]
            assert cells["fte.total"] == [shown("fte.total", year)]

        # The overview of the year and its CSV (numbers, headers carrying the keys).
        page = _figures_in(client.get(reverse("reports:overview")).content.decode())
        for key in ("activities.held", "volunteer_hours.total", "fte.total"):
            assert page[key] == [shown(key)], key
        csv = client.get(reverse("reports:overview_export", args=["csv"])).content
        header, line = csv.decode("utf-8-sig").splitlines()[:2]
        columns = dict(zip(header.split(";"), line.split(";"), strict=True))
        total = next(v for k, v in columns.items() if k.endswith("[volunteer_hours.total]"))
        assert Decimal(total) == formatting.quantize(
            figures.get("volunteer_hours.total", this_year), 1
        )

        # The overview's Excel: numbers as numbers, the same values.
        xlsx = client.get(reverse("reports:overview_export", args=["xlsx"])).content
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
        rows = list(sheet.iter_rows(values_only=True))
        excel = dict(zip(rows[0], next(r for r in rows[1:] if r[0] == centre.name), strict=True))
        held = next(v for k, v in excel.items() if str(k).endswith("[activities.held]"))
        assert held == figures.get("activities.held", this_year)

        # The start page's card: activities held this year.
        card = re.search(
            r'class="card__figure"><strong><span data-figure="activities.held">([^<]*)<',
            client.get(reverse("core:home")).content.decode(),
        )
        assert card.group(1) == shown("activities.held")

        # Each project's page: one row per year, counted figures from the same engine.
        for project in projects:
            part = engine.compute(
                engine.Scope.of_project(project), years=[this_year - 1, this_year], today=today
            )
            page = client.get(reverse("activities:project_detail", args=[project.pk]))
            for year in (this_year - 1, this_year):
                match = re.search(
                    rf'<th scope="row">{year}</th>(.*?)</tr>', page.content.decode(), re.S
                )
                if match is None:  # a year without any figure is left out
                    assert not part.get("activities.held", year)
                    continue
                cells = _figures_in(match.group(1))
                assert cells["activities.held"] == [
                    format_value("activities.held", part.get("activities.held", year))
                ]

        # The dashboard of each project against its own target, like with like.
        for project in projects:
            part = engine.compute(engine.Scope.of_project(project), years=[this_year], today=today)
            html = client.get(
                reverse("activities:dashboard"), {"project": project.pk, "year": this_year}
            ).content.decode()
            page = _figures_in(html)
            card = re.search(
                r'class="metric__done"><strong><span data-figure="activities.held">([^<]*)<', html
            )
            assert card.group(1) == format_value(
                "activities.held", part.get("activities.held", this_year)
            )
            comparison = part.compare("volunteer_hours.on_activities", this_year)
            if comparison.percent is not None:
                assert page["volunteer_hours.on_activities.percent_of_target"] == [
                    formatting.percent(comparison.percent)
                ]

        # The annual report (the PDF's HTML, the same template WeasyPrint lays out).
        report = _figures_in(
            render_html(ReportParams(centre=centre, kind="annual", year=this_year))
        )
        for key in ("volunteer_hours.total", "fte.total"):
            assert set(report[key]) == {shown(key)}, key
        # The centre's count leads; the target rows carry each project's own count.
        assert report["activities.held"][0] == shown("activities.held")
        own_counts = {shown("activities.held")} | {
            format_value("activities.held", figures.group(p.pk).get("activities.held", this_year))
            for p in projects
        }
        assert set(report["activities.held"]) <= own_counts

        # The public front page, About the figures and the open API.
        client.logout()
        front = _figures_in(client.get(f"/c/{centre.slug}/").content.decode())
        about = _figures_in(
            client.get(reverse("public:figures", args=[centre.slug])).content.decode()
        )
        for key in ("volunteer_hours.total", "volunteer_hours.on_activities", "activities.held"):
            assert front[key] == [shown(key)], key
            assert about[key] == [shown(key)], key
    api = client.get(reverse("api:centre_figures", args=[centre.slug])).json()
    assert api["volunteer_hours_total"] == formatting.as_number(
        figures.get("volunteer_hours.total", this_year), 1
    )
    assert api["activities_held"] == figures.get("activities.held", this_year)
