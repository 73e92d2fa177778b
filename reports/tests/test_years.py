"""Years side by side: every year with data for a centre, an organisation, a municipality and
a district, from the figures engine, with a query count that does not grow with the years;
reported figures labelled; CSV, Excel and the municipality's years PDF."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from centreyear.models import CentreIncome, CentreYear
from cooperation.models import Partnership, ReportedYear
from cooperation.tests.factories import ContributionFactory, PartnershipFactory
from figures.engine import Scope, compute, years_with_data
from tests import factories as f
from volunteers.tests.factories import HourEntryFactory

THIS_YEAR = timezone.localdate().year
URL = reverse("reports:years")


def _activities(centre, years, per_year=2):
    project = f.ProjectFactory(centre=centre)
    for year in years:
        for day in range(per_year):
            f.ActivityFactory(project=project, date=dt.date(year, 3, 1 + day), participants=5)


def _centre_year(centre, year, staff, municipality=100000):
    row = CentreYear.objects.create(centre=centre, year=year, staff_fte=Decimal(staff))
    CentreIncome.objects.create(centre_year=row, source="municipality", amount=municipality)
    CentreIncome.objects.create(centre_year=row, source="state_grant", amount=480046)


@pytest.fixture
def districts(world):
    return f.north_and_south(world)


def test_every_year_with_data_side_by_side_for_the_centre(world, login):
    years = [THIS_YEAR - 3, THIS_YEAR - 2, THIS_YEAR - 1]
    _activities(world.centre, years)
    _centre_year(world.centre, THIS_YEAR - 1, "1.5")
    page = login(world.coordinator).get(URL)
    table = page.context["table"]
    assert table.years == years
    rows = {row["key"]: row["cells"] for row in table.rows}
    assert [cell.counted for cell in rows["activities.held"]] == [2, 2, 2]
    assert rows["staff.fte"][-1].counted == Decimal("1.5")
    assert rows["income.municipality"][-1].counted == 100000
    assert rows["income.total"][-1].counted == 580046
    assert 'data-figure="activities.held"' in page.content.decode()


def test_an_organisation_enters_its_reported_years_and_sees_them_labelled(world, login):
    client = login(world.association)
    for year, volunteers, fte in ((2002, 888, "12"), (2006, 4437, "105")):
        response = client.post(
            reverse("cooperation:reported_years"),
            {
                "year": year,
                "volunteers_active": volunteers,
                "volunteer_fte": fte,
                "staff_fte": "50",
            },
        )
        assert response.status_code == 302
    # Correcting a year changes it, not a second row.
    client.post(reverse("cooperation:reported_years"), {"year": 2006, "volunteers_active": 4437})
    assert ReportedYear.objects.system().filter(organisation=world.organisation).count() == 2
    page = client.get(URL)
    table = page.context["table"]
    assert table.years == [2002, 2006]
    rows = {row["key"]: row["cells"] for row in table.rows}
    assert [c.reported for c in rows["volunteers.active"]] == [888, 4437]
    assert "(reported)" in page.content.decode() or "(rapportert)" in page.content.decode()


def test_the_coordinator_reads_an_organisations_years(world, login):
    ReportedYear.objects.create(
        organisation=world.other_organisation, centre=world.centre, year=2010, activities=31
    )
    page = login(world.coordinator).get(URL, {"organisation": world.other_organisation.pk})
    assert page.context["table"].title == world.other_organisation.name
    rows = {row["key"]: row["cells"] for row in page.context["table"].rows}
    assert rows["activities.held"][0].reported == 31


def test_the_municipality_reads_one_district_and_the_whole(world, login, districts):
    _activities(world.centre, [THIS_YEAR - 1], per_year=3)
    _activities(world.sibling_centre, [THIS_YEAR - 1], per_year=1)
    client = login(world.municipality_viewer)

    def held(**params):
        table = client.get(URL, params).context["table"]
        return {row["key"]: row["cells"] for row in table.rows}["activities.held"][0].counted

    assert held() == 4
    assert held(district=districts["south"].pk) == 3
    assert held(district=districts["north"].pk) == 1
    pdf = client.get(
        reverse("reports:years_export", args=["pdf"]), {"district": districts["north"].pk}
    )
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Nord" in text and str(THIS_YEAR - 1) in text


def test_the_downloads_carry_each_figures_key(world, login):
    _activities(world.centre, [THIS_YEAR - 1])
    client = login(world.coordinator)
    csv_text = client.get(reverse("reports:years_export", args=["csv"])).content.decode("utf-8-sig")
    assert "activities.held" in csv_text and str(THIS_YEAR - 1) in csv_text
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("reports:years_export", args=["xlsx"])).content)
    )
    header = [cell.value for cell in workbook.active[1]]
    assert header[-1] == str(THIS_YEAR - 1)
    assert client.get(reverse("reports:years_export", args=["pdf"])).status_code == 404


def test_partnerships_and_municipal_money_per_year(world):
    PartnershipFactory(
        organisation=world.organisation,
        start_date=dt.date(2020, 1, 1),
        end_date=dt.date(2021, 12, 31),
    )
    partnership = PartnershipFactory(
        organisation=world.organisation, start_date=dt.date(2021, 6, 1), end_date=None
    )
    ContributionFactory(partnership=partnership, year=2021, amount=300000)
    ContributionFactory(partnership=partnership, year=2021, side="organisation", amount=5)
    scope = Scope.of_centre(world.centre)
    today = timezone.localdate()
    figures = compute(
        scope,
        years=[2020, 2021, 2022],
        today=today,
        keys=["partnerships.active", "municipal_support.partnerships"],
    )
    assert [figures.get("partnerships.active", y) for y in (2020, 2021, 2022)] == [1, 2, 1]
    assert figures.get("municipal_support.partnerships", 2021) == 300000
    assert 2021 in years_with_data(scope, today=today)


def test_partnerships_in_force_are_those_active_in_each_year(world):
    """Counted per span of years in one read: the same as the partnerships' own `active_in`."""
    spans = [
        (dt.date(2019, 12, 31), dt.date(2020, 1, 1)),
        (dt.date(2020, 12, 31), None),
        (None, dt.date(2021, 1, 1)),
        (None, None),
        (dt.date(2022, 1, 1), dt.date(2022, 1, 1)),
        (dt.date(2023, 7, 1), dt.date(2024, 6, 30)),
        (dt.date(2021, 3, 1), dt.date(2021, 3, 1)),
    ]
    for start, end in spans:
        PartnershipFactory(organisation=world.organisation, start_date=start, end_date=end)
    PartnershipFactory(organisation=world.organisation, status=Partnership.Status.PLANNED)
    years = list(range(2018, 2026))
    figures = compute(
        Scope.of_centre(world.centre),
        years=years,
        today=timezone.localdate(),
        keys=["partnerships.active"],
    )
    expected = [Partnership.objects.system().active_in(year).count() for year in years]
    assert [figures.get("partnerships.active", year) for year in years] == expected
    assert expected == [2, 3, 4, 4, 3, 3, 3, 2]


def _a_year_of_everything(world, year):
    _activities(world.centre, [year], per_year=1)
    _centre_year(world.centre, year, "1")
    ReportedYear.objects.create(
        organisation=world.organisation, centre=world.centre, year=year, volunteers_active=5
    )
    ContributionFactory(partnership=PartnershipFactory(organisation=world.organisation), year=year)
    HourEntryFactory(volunteer=f.VolunteerFactory(centre=world.centre), date=dt.date(year, 4, 1))


@pytest.mark.parametrize("district", [False, True])
def test_the_query_count_is_the_same_for_3_and_10_years(world, login, districts, district):
    """The municipality's trends (and one district's): the same queries for 3 years of data
    as for 10, every figure read once for all the years."""
    client = login(world.municipality_viewer)
    params = {"district": districts["south"].pk} if district else {}

    def queries_for(count):
        client.get(URL, params)  # warm-up: the session and the menus' reads
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, params)
        assert len(response.context["table"].years) == count
        return [q["sql"] for q in queries]

    for year in range(THIS_YEAR - 3, THIS_YEAR):
        _a_year_of_everything(world, year)
    three = queries_for(3)
    for year in range(THIS_YEAR - 10, THIS_YEAR - 3):
        _a_year_of_everything(world, year)
    ten = queries_for(10)
    assert len(three) == len(ten), "\n".join(q[:150] for q in ten)


def test_active_volunteers_are_those_with_hours_or_a_running_match_each_counted_once(world):
    """A volunteer with a running match is counted in each year they gave no hours in (one
    read of the years they gave hours in, for any number of years), never twice."""
    from volunteers.tests.factories import MatchFactory, TaskFactory

    task = TaskFactory(centre=world.centre, organisation=world.organisation)
    kari, ola, per = (f.VolunteerFactory(centre=world.centre) for _ in range(3))
    MatchFactory(
        task=task, volunteer=kari, started_on=dt.date(2020, 3, 1), ended_on=dt.date(2024, 6, 30)
    )
    MatchFactory(task=task, volunteer=ola, started_on=dt.date(2022, 1, 1))
    project = f.ProjectFactory(centre=world.centre)
    for day, on_project in ((dt.date(2021, 5, 1), True), (dt.date(2023, 2, 1), True)):
        HourEntryFactory(
            volunteer=kari, date=day, task=task, project=project if on_project else None
        )
    HourEntryFactory(volunteer=kari, date=dt.date(2023, 9, 1), task=task)
    HourEntryFactory(volunteer=per, date=dt.date(2022, 4, 1))
    today = dt.date(2025, 12, 1)
    years = list(range(2019, 2026))
    for scope, expected in (
        (Scope.of_centre(world.centre), [0, 1, 1, 3, 2, 2, 1]),
        (Scope.of_centres([world.centre, world.sibling_centre]), [0, 1, 1, 3, 2, 2, 1]),
        (Scope.of_association(world.organisation), [0, 1, 1, 2, 2, 2, 1]),
    ):
        figures = compute(scope, years=years, today=today, keys=["volunteers.active"])
        assert [figures.get("volunteers.active", year) for year in years] == expected
        assert figures.get("volunteers.active") == (2 if scope.kind == "association" else 3)
        # Years far apart (more than one number's bits) and one at a time: the same.
        apart = compute(scope, years=[1950, 2022], today=today, keys=["volunteers.active"])
        assert [apart.get("volunteers.active", y) for y in (1950, 2022)] == [0, expected[3]]
        for year, value in zip(years, expected, strict=True):
            one = compute(scope, years=[year], today=today, keys=["volunteers.active"])
            assert one.get("volunteers.active", year) == value


def test_staff_and_income_per_year_are_read_together_and_alone_alike(world):
    """The centres' years and their incomes in one read: a year's staff counted once however
    many incomes it has, a year without staff or without income left out of that figure."""
    for centre, staff in ((world.centre, "1.5"), (world.sibling_centre, "0.5")):
        first = CentreYear.objects.create(centre=centre, year=2020, staff_fte=Decimal(staff))
        for source, amount in (("municipality", 100), ("municipality", 50), ("private", 10)):
            CentreIncome.objects.create(centre_year=first, source=source, amount=amount)
        second = CentreYear.objects.create(centre=centre, year=2021)
        CentreIncome.objects.create(centre_year=second, source="state_grant", amount=7)
        CentreYear.objects.create(centre=centre, year=2022, staff_fte=Decimal("2.0"))
    years = [2020, 2021, 2022]
    today = timezone.localdate()
    for scope, factor in (
        (Scope.of_centre(world.centre), 1),
        (Scope.of_centres([world.centre, world.sibling_centre]), 2),
    ):
        both = compute(scope, years=years, today=today, keys=["staff.fte", "income.total"])
        staff = compute(scope, years=years, today=today, keys=["staff.fte"])
        income = compute(scope, years=years, today=today, keys=["income.total", "income.private"])
        expected_staff = [Decimal("1.5") if factor == 1 else Decimal("2.0"), None, 2 * factor]
        for figures in (both, staff):
            assert [figures.get("staff.fte", y) for y in years] == expected_staff
        for figures in (both, income):
            assert [figures.get("income.total", y) for y in years] == [
                160 * factor,
                7 * factor,
                None,
            ]
        assert income.get("income.private", 2020) == 10 * factor
        assert income.get("income.municipality", 2020) == 150 * factor
