"""The volunteer hours page and the municipality overview (pages of figures, with exports)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from centreyear.models import CentreIncome, CentreYear
from tests import factories as f
from volunteers.tests.factories import HourEntryFactory


def test_it_prints_the_hours_per_arsverk_used(world, login, settings):
    settings.HOURS_PER_FTE = 1700
    HourEntryFactory(volunteer=world.volunteer, date=dt.date(2025, 3, 1), hours=850)
    page = login(world.coordinator).get(reverse("reports:hours")).content.decode()
    assert "1\xa0700" in page
    assert "0,50" in page


def test_it_adds_the_hours_on_activities_to_the_volunteers_own(world, login):
    project = f.ProjectFactory(centre=world.centre)
    f.ActivityFactory(project=project, date=dt.date(2025, 3, 1), volunteer_hours=Decimal(6))
    f.ActivityFactory(project=project, date=dt.date(2025, 3, 2), volunteer_hours=9, cancelled=True)
    HourEntryFactory(volunteer=world.volunteer, date=dt.date(2025, 3, 1), hours=4)
    response = login(world.coordinator).get(reverse("reports:hours"))
    row = next(row for row in response.context["years"] if row.year == 2025)
    assert (row.activity_hours, row.own_hours, row.total) == (6, 4, 10)


def test_municipality_viewers_see_totals_without_names(world, login):
    HourEntryFactory(volunteer=world.volunteer, date=dt.date(2025, 3, 1), hours=10)
    page = login(world.municipality_viewer).get(reverse("reports:hours") + "?year=2025")
    assert "2025" in page.content.decode()
    assert world.volunteer.last_name not in page.content.decode()


@pytest.mark.parametrize("url_name", ["reports:hours", "reports:overview"])
def test_the_query_count_stays_fixed(world, login, django_assert_num_queries, url_name):
    client = login(world.coordinator)
    url = reverse(url_name) + "?year=2025"
    project = f.ProjectFactory(centre=world.centre)
    HourEntryFactory(volunteer=world.volunteer, date=dt.date(2025, 3, 1))
    f.ActivityFactory(project=project, date=dt.date(2025, 3, 1))
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(10):
        HourEntryFactory(
            volunteer=f.VolunteerFactory(centre=world.centre), date=dt.date(2025, 3, n + 1)
        )
        f.ActivityFactory(project=project, date=dt.date(2024 - n, 3, 1))
    with django_assert_num_queries(len(small)):
        client.get(url)


def test_the_overview_shows_only_the_viewers_own_centres(world, login):
    for centre in (world.centre, world.other_centre):
        f.ActivityFactory(project=f.ProjectFactory(centre=centre), date=dt.date(2025, 3, 1))
    response = login(world.municipality_viewer).get(reverse("reports:overview"), {"year": 2025})
    names = [row.centre.name for row in response.context["rows"]]
    assert world.centre.name in names
    assert world.other_centre.name not in names
    csv = login(world.municipality_viewer).get(
        reverse("reports:overview_export", args=["csv"]), {"year": 2025}
    )
    assert world.other_centre.name not in csv.content.decode("utf-8-sig")


def test_the_overview_flags_a_local_share_below_40_per_cent(world, login):
    centre_year = CentreYear.objects.create(centre=world.centre, year=2025, staff_fte=1)
    CentreIncome.objects.create(centre_year=centre_year, source="state_grant", amount=480_046)
    CentreIncome.objects.create(centre_year=centre_year, source="municipality", amount=300_000)
    page = login(world.coordinator).get(reverse("reports:overview"), {"year": 2025})
    text = page.content.decode().replace("\xa0", " ")
    assert "38,5 %" in text
    assert "under 40 %" in text


def test_an_unknown_export_format_is_not_found(world, login):
    url = reverse("reports:overview_export", args=["pdf"])
    assert login(world.coordinator).get(url).status_code == 404


def test_the_overview_reads_the_same_queries_for_one_centre_as_for_many(
    world, login, django_assert_num_queries
):
    client = login(world.municipality_viewer)
    url = reverse("reports:overview") + "?year=2025"
    f.ActivityFactory(project=f.ProjectFactory(centre=world.centre), date=dt.date(2025, 3, 1))
    CentreYear.objects.create(centre=world.centre, year=2025, staff_fte=1)
    with CaptureQueriesContext(connection) as one:
        before = len(client.get(url).context["rows"])
    for n in range(3):
        centre = f.CentreFactory(municipality=world.municipality, name=f"Sentral {n}")
        f.ActivityFactory(project=f.ProjectFactory(centre=centre), date=dt.date(2025, 3, 1))
        HourEntryFactory(volunteer=f.VolunteerFactory(centre=centre), date=dt.date(2025, 3, 1))
        CentreYear.objects.create(centre=centre, year=2025, staff_fte=1)
    with django_assert_num_queries(len(one)):
        response = client.get(url)
    assert len(response.context["rows"]) == before + 3
