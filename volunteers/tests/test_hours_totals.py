import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.figures import fte
from core.permissions import access_for_user
from tests.factories import VolunteerFactory
from volunteers.selectors import hours_per_volunteer, hours_per_year

from .factories import HourEntryFactory


def test_it_totals_approved_hours_per_year_and_volunteer(world):
    HourEntryFactory(volunteer=world.volunteer, date=dt.date(2025, 3, 1), hours="2.5")
    HourEntryFactory(volunteer=world.volunteer, date=dt.date(2025, 4, 1), hours=3)
    HourEntryFactory(volunteer=world.other_volunteer, date=dt.date(2025, 4, 1), hours=1)
    HourEntryFactory(volunteer=world.other_volunteer, date=dt.date(2026, 1, 1), hours=4)
    HourEntryFactory(volunteer=world.volunteer, date=dt.date(2025, 5, 1), hours=9, status="pending")
    HourEntryFactory(volunteer=world.foreign_volunteer, date=dt.date(2025, 5, 1), hours=50)
    access = access_for_user(world.coordinator)
    years = {y.year: (y.hours, y.volunteers) for y in hours_per_year(access=access)}
    assert years == {2025: (Decimal("6.5"), 2), 2026: (Decimal("4"), 1)}
    rows = hours_per_volunteer(access=access, year=2025)
    assert [(r["volunteer_id"], r["hours"]) for r in rows] == [
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
    from volunteers.selectors import volunteer_figures

    settings.HOURS_PER_FTE = 1695
    HourEntryFactory(volunteer=world.volunteer, date=dt.date(2025, 3, 1), hours="1695")
    figures = volunteer_figures(access=access_for_user(world.municipality_viewer), year=2025)
    assert (figures.hours, figures.fte, figures.hours_per_fte) == (Decimal("1695"), 1, 1695)
    assert figures.volunteers_with_hours == 1
