"""The final report prints each thing once, leaves out what was never planned or recorded, and
lays out a project of many years so that its figures still fit the page."""

import datetime as dt
from decimal import Decimal

from activities.tests.factories import (
    GoalResultFactory,
    GrantFactory,
    OutcomeCounterFactory,
    ProjectGoalFactory,
    ReportedFigureFactory,
)
from reports import figures
from reports.rendering import ReportParams, render_pdf, year_tables
from tests import factories as f

from .conftest import YEAR
from .test_pdf import folded, pdf_text


def final_text(centre, project, year: int = YEAR) -> str:
    return folded(
        pdf_text(render_pdf(ReportParams(centre=centre, kind="final", year=year, project=project)))
    )


def test_it_prints_the_outcome_counters_once(world, year_records):
    year_records.start_date = dt.date(YEAR - 1, 1, 1)
    year_records.save()

    text = final_text(world.centre, year_records)

    assert text.count("Hadde kontakt med en tidgiver") == 1
    assert "Hadde kontakt med en tidgiver 20 35" in text.split("5. Resultater")[-1]


def test_it_prints_each_years_result_of_an_effect_goal(world):
    project = f.ProjectFactory(centre=world.centre, start_date=dt.date(YEAR - 2, 1, 1))
    goal = ProjectGoalFactory(project=project, text="Flere i arbeid", target=50, measure="")
    GoalResultFactory(goal=goal, year=YEAR - 2, value=30, comment="Oppstart")
    GoalResultFactory(goal=goal, year=YEAR, value=Decimal("55.5"), comment="Målt i desember")

    text = final_text(world.centre, project)

    assert "Flere i arbeid 50 % 2023 30 % Nei Oppstart 2025 55,5 % Ja Målt i desember" in text


def test_it_leaves_out_the_reach_table_of_a_project_without_plan_or_figure(world):
    project = f.ProjectFactory(
        centre=world.centre, start_date=dt.date(YEAR, 1, 1), planned_reach=None
    )
    GrantFactory(project=project, year=YEAR)

    text = final_text(world.centre, project)

    assert "Personer i målgruppen" not in text
    assert "ikke registrert" not in text


def test_it_leaves_out_the_planned_row_and_share_without_a_plan(world):
    project = f.ProjectFactory(
        centre=world.centre, start_date=dt.date(YEAR, 1, 1), planned_reach=None
    )
    ReportedFigureFactory(project=project, figure="persons_reached", year=None, value=75)

    text = final_text(world.centre, project)

    assert (
        f"Personer i målgruppen over hele perioden, {YEAR}–{YEAR} Tall Personer "
        "Nådd, slik prosjektet har rapportert 75"
    ) in text
    assert "Planlagt" not in text
    assert "Av planlagt" not in text
    assert "ikke registrert" not in text


def test_it_leaves_out_the_total_column_of_a_one_year_project(world):
    project = f.ProjectFactory(
        centre=world.centre, start_date=dt.date(YEAR, 1, 1), end_date=dt.date(YEAR, 12, 31)
    )
    ReportedFigureFactory(project=project, figure="project_volunteers", year=YEAR, value=12)

    text = final_text(world.centre, project)

    assert f"Tall år for år Tall {YEAR} Frivillige engasjert 12 (rapportert)" in text
    assert "Totalt" not in text


def test_it_splits_a_long_project_over_tables_of_at_most_six_years(world):
    project = f.ProjectFactory(centre=world.centre, start_date=dt.date(2013, 1, 1), end_date=None)
    for year in range(2013, 2027):
        GrantFactory(project=project, year=year, granted_nok=100_000)
    OutcomeCounterFactory(project=project, year=2014, name="Lunsjer servert", value=40)

    data = figures.final_figures(centre=world.centre, project=project, year=2026)
    tables = year_tables(data)

    assert [[column.year for column in table["years"]] for table in tables] == [
        list(range(2013, 2018)),
        list(range(2018, 2023)),
        list(range(2023, 2027)),
    ]
    assert [table["total"] for table in tables] == [False, False, True]
    # A row with nothing in a table's years is left out of that table.
    assert [[row["kind"] for row in table["rows"]] for table in tables] == [
        ["grant", "outcome"],
        ["grant"],
        ["grant"],
    ]

    text = final_text(world.centre, project, year=2026)
    assert "Tall år for år, 2013–2017 Tall 2013 2014 2015 2016 2017 Tilskudd" in text
    assert "Tall år for år, 2023–2026 Tall 2023 2024 2025 2026 Totalt" in text
    assert "kr 1 400 000" in text


def test_the_year_tables_fit_the_width_of_the_page(world):
    from weasyprint import HTML
    from weasyprint.formatting_structure.boxes import TableBox

    from reports.rendering import STATIC_DIR, render_html

    project = f.ProjectFactory(centre=world.centre, start_date=dt.date(2013, 1, 1), end_date=None)
    for year in range(2013, 2027):
        for figure, value in (("activities", 2000), ("participants", 20_000)):
            ReportedFigureFactory(project=project, figure=figure, year=year, value=value)
        GrantFactory(project=project, year=year, granted_nok=1_250_000)
    params = ReportParams(centre=world.centre, kind="final", year=2026, project=project)

    document = HTML(string=render_html(params), base_url=str(STATIC_DIR)).render()

    tables = 0
    for page in document.pages:
        body = page._page_box
        right = body.content_box_x() + body.width
        for box in body.descendants():
            if isinstance(box, TableBox):
                tables += 1
                assert box.position_x + box.margin_width() <= right + 0.5
    assert tables >= 3
