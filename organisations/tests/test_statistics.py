import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.permissions import Access
from organisations.models import Category
from organisations.services import organisation_update
from tests import factories as f

URL = reverse("organisations:statistics")


def _add(world, centre, count):
    health = Category.objects.get_or_create(name="Helse")[0]
    district = f.DistrictFactory(municipality=centre.municipality, name=f"Bydel {count}")
    for index in range(count):
        organisation = f.OrganisationFactory(centre=centre, district=district)
        organisation_update(
            actor=Access.system(),  # entries of any centre
            organisation=organisation,
            data={"needs_volunteers": index % 2 == 0},
            categories=[health],
        )


def test_it_counts_by_category_district_needs_and_staleness(world, login):
    _add(world, world.centre, 4)
    stale = world.organisation
    stale.confirmed_at = timezone.now() - dt.timedelta(days=500)
    stale.save()
    response = login(world.coordinator).get(URL)
    stats = response.context["stats"]
    assert stats.total == 6
    assert stats.needs_volunteers == 2
    assert stats.stale == 1
    assert ("Helse", 4) in stats.by_category
    assert ("Bydel 4", 4) in stats.by_district
    assert stats.new_per_year == [(str(timezone.now().year), 6)]
    page = response.content.decode()
    # One chart per figure, each bar a labelled row (HTML bars: readable on a phone).
    assert page.count('class="chart orgs-chart"') == 3 and "<progress" in page


def test_it_shows_municipality_viewers_their_municipalitys_centres_only(world, login):
    _add(world, world.sibling_centre, 3)
    _add(world, world.other_centre, 5)
    stats = login(world.municipality_viewer).get(URL).context["stats"]
    assert stats.total == 2 + 3
    stats = login(world.coordinator).get(URL).context["stats"]
    assert stats.total == 2


def test_it_runs_a_fixed_number_of_queries(world, login, django_assert_num_queries):
    client = login(world.coordinator)
    _add(world, world.centre, 2)
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    _add(world, world.centre, 15)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(URL)


def test_it_breaks_the_municipality_down_by_centre(world, login):
    _add(world, world.sibling_centre, 3)
    response = login(world.municipality_viewer).get(URL)
    assert response.context["stats"].by_centre == [
        ("Fjordvik frivilligsentral", 2),
        ("Nordbyen frivilligsentral", 3),
    ]
    assert response.content.decode().count('class="chart orgs-chart"') == 4
