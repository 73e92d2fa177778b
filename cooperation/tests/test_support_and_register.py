"""Municipal money per activity line ("16 of 31 activities supported, 3 fully financed,
self-financed share N %", from the figures engine) and the national register of volunteer
centres: its fields, the nine categories every activity category maps to, the annual
evaluation's count per national category and the national statistics export."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from activities.models import ActivityCategory, NationalCategory
from cooperation import services
from cooperation.models import MunicipalSupport, NationalRegisterEntry
from figures.engine import Scope, by_national_category, compute
from reports.figures import annual_figures
from tests import factories as f

YEAR = timezone.localdate().year - 1


def _lines(world, count):
    projects = []
    for index in range(count):
        project = f.ProjectFactory(
            centre=world.centre, slug=f"linje-{index}", name=f"Linje {index}"
        )
        f.ActivityFactory(project=project, date=dt.date(YEAR, 5, 1))
        projects.append(project)
    return projects


def test_the_engine_counts_supported_and_fully_financed_lines_and_the_self_financed_share(world):
    projects = _lines(world, 31)
    for index, project in enumerate(projects[:16]):
        full = index < 3
        MunicipalSupport.objects.create(
            centre=world.centre,
            project=project,
            year=YEAR,
            kind="operating" if index % 2 else "activity",
            amount=100000,
            cost_total=100000 if full else 400000,
        )
    keys = [
        "support.lines",
        "support.lines_supported",
        "support.lines_fully_financed",
        "support.self_financed_share",
        "support.operating",
        "support.activity",
    ]
    figures = compute(
        Scope.of_centre(world.centre), years=[YEAR], today=timezone.localdate(), keys=keys
    )
    assert figures.get("support.lines", YEAR) == 31
    assert figures.get("support.lines_supported", YEAR) == 16
    assert figures.get("support.lines_fully_financed", YEAR) == 3
    # Cost 3 × 100 000 + 13 × 400 000 = 5 500 000; covered 1 600 000: 70,9 % self-financed.
    assert figures.get("support.self_financed_share", YEAR) == Decimal("70.9")
    assert figures.get("support.operating", YEAR) + figures.get("support.activity", YEAR) == 1600000


def test_the_years_page_shows_the_support_figures(world, login):
    project = _lines(world, 2)[0]
    services.support_add(
        actor=f.access_of(world.coordinator),
        centre=world.centre,
        data={
            "project": project,
            "year": YEAR,
            "kind": "operating",
            "amount": 50000,
            "cost_total": 50000,
        },
    )
    page = login(world.coordinator).get(reverse("reports:years"))
    rows = {row["key"]: row["cells"] for row in page.context["table"].rows}
    assert rows["support.lines_supported"][-1].counted == 1
    assert rows["support.lines"][-1].counted == 2
    assert rows["support.lines_fully_financed"][-1].counted == 1
    assert 'data-figure="support.lines_supported"' in page.content.decode()


def test_support_for_another_centres_project_is_refused(world):
    foreign = f.ProjectFactory(centre=world.other_centre)
    with pytest.raises(ValidationError):
        services.support_add(
            actor=f.access_of(world.coordinator),
            centre=world.centre,
            data={"project": foreign, "year": YEAR, "kind": "activity", "amount": 1},
        )
    assert not MunicipalSupport.objects.system().exists()


def test_activities_per_national_category_equal_the_activity_count(world):
    meeting = f.ActivityCategoryFactory(
        name="Kafé", national_category=NationalCategory.MEETING_PLACES
    )
    walk = f.ActivityCategoryFactory(name="Tur", national_category=NationalCategory.PHYSICAL)
    unmapped = f.ActivityCategoryFactory(name="Noe nytt")  # "other" until mapped
    project = f.ProjectFactory(centre=world.centre)
    for category, count in ((meeting, 4), (walk, 2), (unmapped, 1)):
        for day in range(count):
            f.ActivityFactory(project=project, category=category, date=dt.date(YEAR, 2, 1 + day))
    f.ActivityFactory(project=project, category=walk, date=dt.date(YEAR, 3, 1), cancelled=True)
    today = timezone.localdate()
    rows = by_national_category(Scope.of_centre(world.centre), year=YEAR, today=today)
    assert [row["category"] for row in rows] == NationalCategory.values  # all nine
    counts = {row["category"]: row["activities"] for row in rows}
    assert counts["meeting_places"] == 4 and counts["physical"] == 2 and counts["other"] == 1
    held = compute(Scope.of_centre(world.centre), years=[YEAR], today=today).get(
        "activities.held", YEAR
    )
    assert sum(counts.values()) == held == 7
    annual = annual_figures(centre=world.centre, year=YEAR)
    assert sum(row.activities for row in annual.by_national_category) == annual.activities.held


def test_the_seeded_categories_map_to_the_nine(db):
    seeded = dict(ActivityCategory.objects.values_list("name", "national_category"))
    assert seeded.get("Sosiale møteplasser") == "meeting_places"
    assert seeded.get("Utlån/gjenbruk/reparasjon") == "lending"


def test_the_coordinator_keeps_the_register_entry_and_exports_the_national_statistics(world, login):
    client = login(world.coordinator)
    client.post(
        reverse("cooperation:national_register"),
        {
            "ownership": "municipal",
            "network": "Frivilligsentralene i Nordland",
            "manager_position": "100",
            "daily_manager": "Kari Leder",
            "chair": "Per Styreleder",
        },
    )
    entry = NationalRegisterEntry.objects.system().get(centre=world.centre)
    assert entry.manager_position == "100"
    f.ActivityFactory(project=f.ProjectFactory(centre=world.centre), date=dt.date(YEAR, 4, 1))
    text = client.get(reverse("reports:national_export"), {"year": YEAR}).content.decode(
        "utf-8-sig"
    )
    lines = text.strip().splitlines()
    assert "[activities.held]" in lines[0]
    assert "Kari Leder" in lines[1] and lines[1].endswith(";1")
    municipality = login(world.municipality_viewer).get(reverse("cooperation:national_register"))
    assert "Per Styreleder" in municipality.content.decode()


def test_an_activity_line_is_a_project_not_a_weekly_series(world):
    """The issue's "16 of 31 activities supported": the municipality supports projects
    (activity lines), so the lines counted are projects too: a project with two weekly series
    is one line, and a supported project that held nothing yet is still a line (never more
    supported lines than lines)."""
    from activities.models import ActivitySeries

    visiting, house, planned = _lines(world, 2) + [f.ProjectFactory(centre=world.centre)]
    category = f.ActivityCategoryFactory(name="Besøk")
    for weekday in (ActivitySeries.Weekday.MONDAY, ActivitySeries.Weekday.THURSDAY):
        series = ActivitySeries.objects.create(
            centre=world.centre,
            project=visiting,
            title="Besøk",
            category=category,
            weekday=weekday,
            first_date=dt.date(YEAR, 3, 1),
            last_date=dt.date(YEAR, 3, 31),
        )
        f.ActivityFactory(project=visiting, series=series, date=dt.date(YEAR, 3, 6 + weekday))
    for project in (house, planned):
        MunicipalSupport.objects.create(
            centre=world.centre, project=project, year=YEAR, kind="activity", amount=1000
        )
    figures = compute(
        Scope.of_centre(world.centre),
        years=[YEAR],
        today=timezone.localdate(),
        keys=["support.lines", "support.lines_supported"],
    )
    assert figures.get("support.lines", YEAR) == 3  # visiting, house, planned
    assert figures.get("support.lines_supported", YEAR) == 2
