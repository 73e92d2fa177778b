from decimal import Decimal

from reports import figures
from reports.figures import PENDING

from .conftest import YEAR, log_activities


def test_it_counts_the_year_against_its_targets(world, project_231):
    data = figures.annual_figures(centre=world.centre, year=YEAR)

    assert data.activities.held == 231
    assert data.activities.participants == 2541
    assert data.activities.average == Decimal("11.0")
    assert data.targets.activities == 220
    assert data.targets.average_participants == Decimal("10.0")
    assert data.measures[0].percent_of_target == 105
    assert sum(month.activities for month in data.months) == 231
    assert data.volunteers.activity_hours == Decimal(462)
    assert data.volunteers.fte == Decimal("0.3")  # 462 / 1 695


def test_it_leaves_out_cancelled_activities_and_other_years(world, project_231):
    log_activities(project_231, count=5, participants=50, cancelled=True)
    log_activities(project_231, count=7, participants=70, year=YEAR - 1)

    data = figures.annual_figures(centre=world.centre, year=YEAR, project=project_231)

    assert data.activities.held == 231
    assert data.activities.cancelled == 5


def test_it_marks_figures_without_a_source_as_not_recorded(world, project_231):
    data = figures.annual_figures(centre=world.centre, year=YEAR)

    assert data.persons_reached is None
    assert data.volunteers.own_hours is None
    assert data.matches is None
    assert data.partners is None
    assert data.outcomes is None
    assert set(PENDING) == {
        "persons_reached",
        "own_hours",
        "matches",
        "partners",
        "funding",
        "outcomes",
    }


def test_it_counts_associations_by_main_category(world):
    data = figures.annual_figures(centre=world.centre, year=YEAR)

    # The world has two associations of the centre, both confirmed now, without categories.
    assert data.associations.total == 2
    assert sum(n for _label, n in data.associations.by_category) == 2


def test_it_puts_the_years_of_a_project_side_by_side(world, project_231):
    import datetime as dt

    project_231.start_date = dt.date(YEAR - 1, 3, 1)
    project_231.end_date = dt.date(YEAR, 12, 31)
    project_231.planned_reach = 210
    project_231.actual_reach = 75
    project_231.save()
    log_activities(project_231, count=10, participants=80, year=YEAR - 1)

    data = figures.final_figures(centre=world.centre, project=project_231, year=YEAR)

    assert [column.year for column in data.years] == [YEAR - 1, YEAR]
    assert [column.activities.held for column in data.years] == [10, 231]
    assert data.total.held == 241
    assert data.reach_percent == 36
    assert data.grants is None


def test_a_final_report_stops_at_the_report_year(world, project_231):
    import datetime as dt

    project_231.start_date = dt.date(YEAR, 1, 1)
    project_231.end_date = dt.date(YEAR + 2, 12, 31)
    project_231.save()

    data = figures.final_figures(centre=world.centre, project=project_231, year=YEAR)

    assert [column.year for column in data.years] == [YEAR]
