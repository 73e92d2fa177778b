"""Target arithmetic of the dashboard, checked exactly against known data."""

import datetime as dt
from decimal import Decimal

import pytest

from figures import engine
from figures.presenters import year_progress
from tests.factories import ActivityFactory, ProjectFactory, YearTargetFactory


@pytest.fixture
def project(world):
    return ProjectFactory(centre=world.centre, name="Steg for Steg")


def _target(project, year, **figures):
    defaults = {
        "activities": 220,
        "average_participants": Decimal("10.0"),
        "persons_reached": 100,
        "volunteer_hours": 500,
    }
    return YearTargetFactory(project=project, year=year, **{**defaults, **figures})


def test_it_computes_done_target_percent_pace_and_forecast_exactly(world, project):
    _target(project, 2025)
    for day in range(18):
        ActivityFactory(
            project=project,
            date=dt.date(2025, 1, 2) + dt.timedelta(days=day * 4),
            participants=12,
            participants_new=2,
            volunteer_hours=Decimal("3"),
        )
    # Not counted: cancelled, after today, another project, another year.
    ActivityFactory.create_batch(
        2, project=project, date=dt.date(2025, 2, 1), cancelled=True, participants=50
    )
    ActivityFactory(project=project, date=dt.date(2025, 4, 15), participants=50)
    ActivityFactory(project=ProjectFactory(centre=world.centre), date=dt.date(2025, 2, 1))
    ActivityFactory(project=project, date=dt.date(2024, 12, 31), participants=50)

    progress = year_progress(project=project, year=2025, today=dt.date(2025, 3, 31))

    assert (progress.days_in_year, progress.elapsed_days) == (365, 90)
    activities = progress.activities
    assert activities.done == 18
    assert activities.target == 220
    assert activities.percent == 8  # 18 / 220, a whole percentage (half-up)
    assert activities.forecast == Decimal("73.0")  # 18 / 90 * 365
    assert activities.remaining == 202
    assert activities.pace_needed_per_week == Decimal("5.1")  # 202 / (275 / 7)
    assert activities.on_track is False

    average = progress.average_participants
    assert average.done == Decimal("12.0")
    assert average.percent == 120
    assert average.pace_needed_per_week == Decimal("9.8")  # (10 * 220 - 216) / (220 - 18)

    persons = progress.persons_reached
    assert (persons.done, persons.percent, persons.forecast) == (36, 36, 146)
    assert persons.pace_needed_per_week == Decimal("1.6")  # 64 / (275 / 7)

    hours = progress.volunteer_hours
    assert hours.done == Decimal("54.00")
    assert hours.percent == 11  # 10.8
    assert hours.forecast == Decimal("219.0")  # 54 / 90 * 365
    assert hours.pace_needed_per_week == Decimal("11.4")  # 446 / (275 / 7)
    assert progress.participants_total == 216


def test_it_counts_an_empty_year_as_zero_done_with_the_whole_target_ahead(project):
    _target(project, 2025)
    progress = year_progress(project=project, year=2025, today=dt.date(2025, 7, 2))
    assert progress.elapsed_days == 183
    assert progress.activities.done == 0
    assert progress.activities.percent == 0
    assert progress.activities.forecast == Decimal("0.0")
    assert progress.activities.pace_needed_per_week == Decimal("8.5")  # 220 / (182 / 7)
    assert progress.average_participants.done is None  # nothing counted
    assert progress.average_participants.percent is None
    assert progress.average_participants.forecast is None
    assert [m.activities for m in progress.months] == [0] * 12


def test_it_leaves_out_cancelled_activities(project):
    _target(project, 2025, activities=10)
    ActivityFactory.create_batch(4, project=project, date=dt.date(2025, 1, 10), participants=10)
    ActivityFactory.create_batch(
        6, project=project, date=dt.date(2025, 1, 10), participants=40, cancelled=True
    )
    progress = year_progress(project=project, year=2025, today=dt.date(2025, 12, 31))
    assert progress.activities.done == 4
    assert progress.activities.percent == 40
    assert progress.average_participants.done == Decimal("10.0")
    assert progress.months[0].activities == 4
    assert progress.months[0].participants == 40


def test_it_uses_366_days_in_a_leap_year(project):
    _target(project, 2024)
    ActivityFactory.create_batch(10, project=project, date=dt.date(2024, 2, 29))
    progress = year_progress(project=project, year=2024, today=dt.date(2024, 3, 1))
    assert (progress.days_in_year, progress.elapsed_days) == (366, 61)
    assert progress.activities.forecast == Decimal("60.0")  # 10 / 61 * 366 (not 10 / 60 * 365)
    assert progress.activities.pace_needed_per_week == Decimal("4.8")  # 210 / (305 / 7)
    february = progress.months[1]
    assert february.activities == 10
    assert february.target_activities == Decimal("17.4")  # 220 * 29 / 366


def test_it_spreads_the_monthly_target_by_the_days_of_an_ordinary_year(project):
    _target(project, 2025)
    months = year_progress(project=project, year=2025, today=dt.date(2025, 6, 1)).months
    assert months[1].target_activities == Decimal("16.9")  # 220 * 28 / 365
    assert months[0].target_activities == Decimal("18.7")  # 220 * 31 / 365


def test_a_finished_year_says_reached_or_not_with_no_pace_and_no_forecast(project):
    _target(project, 2025)
    ActivityFactory(project=project, date=dt.date(2025, 5, 5))
    over = year_progress(project=project, year=2025, today=dt.date(2026, 1, 10))
    assert over.elapsed_days == 365
    assert over.activities.forecast is None
    assert over.activities.pace_needed_per_week is None
    assert (over.activities.status, over.activities.reached) == ("not_reached", False)
    ahead = year_progress(project=project, year=2025, today=dt.date(2024, 12, 1))
    assert ahead.elapsed_days == 0
    assert ahead.activities.done == 0
    assert ahead.activities.forecast is None
    assert ahead.activities.status == "not_started"


def test_it_shows_figures_without_a_target(project):
    ActivityFactory(project=project, date=dt.date(2025, 1, 5), participants=7)
    progress = year_progress(project=project, year=2025, today=dt.date(2025, 1, 5))
    assert progress.target is None
    assert progress.activities.done == 1
    assert progress.activities.target is None
    assert progress.activities.percent is None
    assert progress.activities.pace_needed_per_week is None
    assert progress.activities.forecast == Decimal("73.0")  # 1 / 5 * 365


@pytest.mark.parametrize("size", [1, 25])
def test_it_runs_three_queries_whatever_the_number_of_activities(
    project, size, django_assert_num_queries
):
    _target(project, 2025)
    ActivityFactory.create_batch(size, project=project, date=dt.date(2025, 2, 3))
    # The year's sums (the rollups and the running month's log), the targets, the reported
    # figures, the months (the same two reads).
    with django_assert_num_queries(6):
        progress = year_progress(project=project, year=2025, today=dt.date(2025, 6, 30))
    assert progress.activities.done == size


def test_it_counts_activities_by_category_and_year(world, project):
    ActivityFactory.create_batch(3, project=project, date=dt.date(2025, 3, 3), participants=5)
    ActivityFactory(project=project, date=dt.date(2025, 3, 3), cancelled=True)
    scope = engine.Scope.of_centre(world.centre)
    rows = engine.by_category(scope, year=2025, today=dt.date(2025, 12, 31))
    assert len(rows) == 9  # the nine seeded categories
    social = next(r for r in rows if r["category"].name == "Sosiale møteplasser")
    assert (social["activities"], social["participants"]) == (3, 15)
    figures = engine.compute(scope, years=[2025], today=dt.date(2025, 12, 31))
    assert figures.get("activities.held", 2025) == 3
    assert figures.get("participants.total", 2025) == 15


def test_another_centres_scope_sees_none_of_the_figures(world, project):
    ActivityFactory(project=project, date=dt.date(2025, 3, 3))
    foreign = engine.compute(
        engine.Scope.of_centre(world.other_centre), years=[2025], today=dt.date(2025, 12, 31)
    )
    assert foreign.get("activities.held", 2025) == 0
