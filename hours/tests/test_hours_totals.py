import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.permissions import access_for_user
from figures.catalogue import fte
from figures.engine import Scope, compute, hours_by_volunteer
from tests.factories import VolunteerFactory
from volunteers.tests.factories import HourEntryFactory


def test_it_totals_approved_hours_per_year_and_volunteer(world):
    HourEntryFactory(volunteer=world.volunteer, date=dt.date(2025, 3, 1), hours="2.5")
    HourEntryFactory(volunteer=world.volunteer, date=dt.date(2025, 4, 1), hours=3)
    HourEntryFactory(volunteer=world.other_volunteer, date=dt.date(2025, 4, 1), hours=1)
    HourEntryFactory(volunteer=world.other_volunteer, date=dt.date(2026, 1, 1), hours=4)
    HourEntryFactory(volunteer=world.volunteer, date=dt.date(2025, 5, 1), hours=9, status="pending")
    HourEntryFactory(volunteer=world.foreign_volunteer, date=dt.date(2025, 5, 1), hours=50)
    scope = Scope.of_centre(world.centre)
    figures = compute(scope, years=[2025, 2026], today=dt.date(2026, 12, 31))
    years = {
        year: (
            figures.get("volunteer_hours.own", year),
            figures.get("volunteers.with_own_hours", year),
        )
        for year in (2025, 2026)
    }
    assert years == {2025: (Decimal("6.5"), 2), 2026: (Decimal("4"), 1)}
    rows = hours_by_volunteer(scope, year=2025)
    assert [(r.volunteer_id, r.hours) for r in rows] == [
        (world.volunteer.pk, Decimal("5.5")),
        (world.other_volunteer.pk, Decimal("1")),
    ]


def test_it_converts_hours_to_arsverk_with_the_setting(settings):
    assert fte(1695) == Decimal("1.00")
    settings.HOURS_PER_FTE = 1000
    assert fte(1500) == Decimal("1.50")


def test_it_keeps_the_pending_hours_query_count_fixed(world, login, django_assert_num_queries):
    client = login(world.coordinator)
    url = reverse("volunteers:hours_pending")
    HourEntryFactory(volunteer=world.volunteer, status="pending")
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(10):
        HourEntryFactory(volunteer=VolunteerFactory(centre=world.centre), status="pending")
    with django_assert_num_queries(len(small)):
        client.get(url)


def test_it_gives_reports_the_year_figures_with_the_hours_per_arsverk_used(world, settings):
    settings.HOURS_PER_FTE = 1695
    HourEntryFactory(volunteer=world.volunteer, date=dt.date(2025, 3, 1), hours="1695")
    scope = Scope.of_centres(access_for_user(world.municipality_viewer).centre_ids)
    figures = compute(scope, years=[2025], today=dt.date(2026, 1, 1))
    assert figures.get("volunteer_hours.own", 2025) == Decimal("1695")
    assert figures.get("fte.total", 2025) == Decimal("1.00")
    assert figures.get("volunteers.with_own_hours", 2025) == 1
