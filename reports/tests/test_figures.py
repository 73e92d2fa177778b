from decimal import Decimal

from activities.tests import factories as af
from reports import figures
from tests import factories as f

from .conftest import YEAR, log_activities


def test_it_counts_the_year_against_its_targets(world, project_231):
    data = figures.annual_figures(centre=world.centre, year=YEAR)

    assert data.activities.held == 231
    assert data.activities.participants == 2541
    assert data.activities.average == Decimal("11.0")
    # A centre's report compares each project with its own targets, on the project's row.
    rows = {row.key: row for row in data.target_rows}
    assert rows["activities.held"].project == project_231.name
    assert rows["activities.held"].metric.target == 220
    assert rows["activities.held"].metric.percent == 105
    assert rows["participants.average"].metric.target == Decimal("10.0")
    assert sum(month.activities for month in data.months) == 231
    assert data.hours.activity_hours == Decimal(462)
    assert data.hours.fte == Decimal("0.27")  # 462 / 1 695


def test_it_leaves_out_cancelled_activities_and_other_years(world, project_231):
    log_activities(project_231, count=5, participants=50, cancelled=True)
    log_activities(project_231, count=7, participants=70, year=YEAR - 1)

    data = figures.annual_figures(centre=world.centre, year=YEAR, project=project_231)

    assert data.activities.held == 231
    assert data.activities.cancelled == 5


def test_every_figure_has_a_source(world, project_231):
    data = figures.annual_figures(centre=world.centre, year=YEAR)

    # Persons reached is "not recorded" only while no activity has its new participants counted.
    assert data.persons_reached is None
    assert data.hours.own_hours == Decimal(0)
    assert data.matches == 0
    assert (data.partners, data.funding, data.outcomes) == ([], [], [])


def test_it_reads_the_years_other_records_through_the_selectors(world, year_records):
    data = figures.annual_figures(centre=world.centre, year=YEAR)

    assert data.persons_reached == 210
    persons = next(row for row in data.target_rows if row.key == "persons_reached.total")
    assert persons.metric.percent == 100
    assert data.matches == 2
    assert [p.name for p in data.partners] == ["NAV Fjordvik"]
    assert [(r.funder, r.applied, r.granted) for r in data.funding] == [
        ("Helsedirektoratet", 750_000, 650_000)
    ]
    assert [(o.label, o.value, o.approximate) for o in data.outcomes] == [
        ("Hadde kontakt med en tidgiver", 35, False),
        ("Lunsjer servert", 70, True),
    ]


def test_it_adds_approved_own_hours_to_activity_hours(world, year_records):
    data = figures.annual_figures(centre=world.centre, year=YEAR)
    h = data.hours

    assert h.activity_hours == Decimal(462)
    assert h.own_hours == Decimal(38)  # pending, rejected and last year's hours left out
    assert h.with_own_hours == 2
    assert h.total == Decimal(500)
    assert h.fte == Decimal("0.29")  # 500 / 1 695
    # The hours target belongs to the project's hours on its activities: it is compared with
    # those (462), never with the centre's total of both logs (500).
    hours = next(row for row in data.target_rows if row.key == "volunteer_hours.on_activities")
    assert (hours.metric.value, hours.metric.target) == (Decimal(462), 1500)


def test_a_projects_report_keeps_centre_figures_out(world, year_records):
    data = figures.annual_figures(centre=world.centre, year=YEAR, project=year_records)

    # A project's own hours are only its rotas' shifts (none here), not the centre's.
    assert data.hours.own_hours == Decimal(0)
    assert data.hours.total == Decimal(462)
    assert [row.key for row in data.target_rows][3] == "volunteer_hours.on_activities"
    # The centre's registry, volunteers, matches and state grant are not the project's.
    assert (data.volunteers, data.matches, data.associations, data.state) == (None,) * 4
    assert data.persons_reached == 210
    assert data.by_project == []


def test_it_does_not_count_planned_activities_after_the_report_day(world, project_231):
    import datetime as dt

    data = figures.annual_figures(centre=world.centre, year=YEAR, today=dt.date(YEAR, 6, 30))

    assert 0 < data.activities.held < 231
    assert sum(month.activities for month in data.months[6:]) == 0


def test_it_reads_a_fixed_number_of_queries(world, project_231, django_assert_num_queries):

    with django_assert_num_queries(21) as small:
        figures.annual_figures(centre=world.centre, year=YEAR)
    f.ActivityFactory.create_batch(30, project=project_231, date=factory_date())
    with django_assert_num_queries(len(small.captured_queries)):
        figures.annual_figures(centre=world.centre, year=YEAR)


def factory_date():
    import datetime as dt

    return dt.date(YEAR, 3, 3)


def test_it_counts_associations_by_main_category(world):
    import datetime as dt

    from organisations.models import Organisation

    # The world has two associations of the centre, without categories; registered before the
    # year ended, they are in its registry (one registered after it would not be).
    Organisation.objects.system().filter(centre=world.centre).update(
        created_at=dt.datetime(YEAR - 1, 5, 1, tzinfo=dt.UTC)
    )
    data = figures.annual_figures(centre=world.centre, year=YEAR)
    assert data.associations.total == 2
    assert sum(n for _label, n in data.associations.by_category) == 2


def test_it_puts_the_years_of_a_project_side_by_side(world, project_231):
    import datetime as dt

    project_231.start_date = dt.date(YEAR - 1, 3, 1)
    project_231.end_date = dt.date(YEAR, 12, 31)
    project_231.planned_reach = 210
    project_231.save()
    af.ReportedFigureFactory(project=project_231, figure="persons_reached", year=None, value=75)
    log_activities(project_231, count=10, participants=80, year=YEAR - 1)

    data = figures.final_figures(centre=world.centre, project=project_231, year=YEAR)

    assert [column.year for column in data.years] == [YEAR - 1, YEAR]
    assert [column.activities.held for column in data.years] == [10, 231]
    assert data.total.held == 241
    assert data.reach.reported == 75
    assert data.reach_reported_percent == 36
    assert data.grants == []


def test_a_final_report_has_grants_outcomes_and_reach_per_year(world, year_records):
    import datetime as dt

    year_records.start_date = dt.date(YEAR - 1, 1, 1)
    year_records.save()

    data = figures.final_figures(centre=world.centre, project=year_records, year=YEAR)

    assert data.grants == [(YEAR - 1, 600_000), (YEAR, 650_000)]
    assert data.grants_total == 1_250_000
    assert [column.grant for column in data.years] == [600_000, 650_000]
    assert [(o.label, o.values) for o in data.outcomes] == [
        ("Hadde kontakt med en tidgiver", [20, 35]),
        ("Lunsjer servert", [None, 70]),
    ]
    assert [column.activities.persons_reached for column in data.years] == [None, 210]
    assert data.total.persons_reached == 210
    assert {p.name for p in data.partners} == {"NAV Fjordvik", "Gammel partner"}


def test_a_final_report_stops_at_the_report_year(world, project_231):
    import datetime as dt

    project_231.start_date = dt.date(YEAR, 1, 1)
    project_231.end_date = dt.date(YEAR + 2, 12, 31)
    project_231.save()

    data = figures.final_figures(centre=world.centre, project=project_231, year=YEAR)

    assert [column.year for column in data.years] == [YEAR]


def test_it_leaves_the_fte_target_out_when_no_hours_target_was_set(world, project_231):
    project_231.targets.update(volunteer_hours=None)

    data = figures.annual_figures(centre=world.centre, year=YEAR, project=project_231)
    hours = next(
        row.metric for row in data.target_rows if row.key == "volunteer_hours.on_activities"
    )

    # Årsverk has no target of its own (an hours target is compared with hours, like with
    # like), and an hours target not set is none, never 0.
    assert data.hours.fte == Decimal("0.27")
    assert hours.target is None
    assert hours.percent is None
