"""A project's page: its figures per year read on any screen, its goals with every year's result."""

import datetime as dt
import re

from django.urls import reverse

from activities.tests.factories import (
    GoalResultFactory,
    ProjectGoalFactory,
    ReportedFigureFactory,
)
from tests.factories import ProjectFactory


def figure_table(page: str) -> str:
    return re.search(r'<table class="figure-years"[^>]*>.*?</table>', page, re.S).group(0)


def test_it_lists_the_figures_with_a_row_per_year_however_many_years(world, login):
    # A project with no end date, running since 2013: one row per year, never a column.
    project = ProjectFactory(centre=world.centre, start_date=dt.date(2013, 1, 1), end_date=None)
    for year in range(2013, dt.date.today().year + 1):
        ReportedFigureFactory(project=project, figure="activities", year=year, value=100)
        ReportedFigureFactory(project=project, figure="participants", year=year, value=900)

    page = login(world.coordinator).get(reverse("activities:project_detail", args=[project.pk]))
    table = figure_table(page.content.decode())

    # Columns: the year and the two figures, whatever the number of years.
    assert len(re.findall(r'<th scope="col"', table)) == 3
    assert re.findall(r'<th scope="row">(\d{4})</th>', table) == [
        str(year) for year in range(2013, dt.date.today().year + 1)
    ]
    # On a phone each year is a card; every value carries its figure's name.
    assert 'data-label="Aktiviteter gjennomført"' in table
    assert "Hele perioden" in table


def test_it_leaves_out_years_without_figures_and_a_period_row_repeating_the_one_year(world, login):
    project = ProjectFactory(centre=world.centre, start_date=dt.date(2020, 1, 1), end_date=None)
    ReportedFigureFactory(project=project, figure="project_volunteers", year=2022, value=12)

    page = login(world.coordinator).get(reverse("activities:project_detail", args=[project.pk]))
    html = page.content.decode()
    table = figure_table(html)

    assert re.findall(r'<th scope="row">([^<]+)</th>', table) == ["2022"]
    assert "År uten noen tall er utelatt." in html


def test_it_shows_each_years_result_of_a_goal(world, login):
    project = ProjectFactory(centre=world.centre, start_date=dt.date(2024, 1, 1))
    goal = ProjectGoalFactory(project=project, text="Flere i arbeid", target=50)
    GoalResultFactory(goal=goal, year=2024, value=30, comment="Oppstart")
    GoalResultFactory(goal=goal, year=2025, value=55, comment="Målt i desember")

    page = login(world.coordinator).get(reverse("activities:project_detail", args=[project.pk]))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.content.decode()))
    text = text.replace(" .", ".").replace("\xa0", " ")

    assert (
        "Flere i arbeid Mål: 50 %. Resultat 2024: 30 % (ikke nådd). Oppstart "
        "Resultat 2025: 55 % (nådd). Målt i desember"
    ) in text
