"""Core's start-page card: the state grant's conditions for this year."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .factories import CentreYearFactory, incomes

YEAR = timezone.localdate().year


def home(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.get(reverse("core:home")).content.decode()


def test_it_flags_that_nothing_is_entered_for_the_year(world, login):
    page = home(login(world.coordinator))
    assert f"State grant conditions {YEAR}" in page
    assert f'href="{reverse("centreyear:centre_year", kwargs={"year": YEAR})}"' in page
    assert "Needs attention:" in page
    assert f"Nothing is entered for {YEAR} yet." in page


def test_it_flags_a_local_share_below_40_percent(world, login):
    cy = CentreYearFactory(centre=world.centre, year=YEAR)
    incomes(cy, state_grant=480_046, municipality=300_000)

    page = home(login(world.coordinator))

    assert "<strong>38.5\xa0%</strong> local funding" in page
    assert "Needs attention:" in page
    assert "below the required 40 %" in page


def test_it_flags_staff_below_one_arsverk(world, login):
    cy = CentreYearFactory(centre=world.centre, year=YEAR, staff_fte="0.6", is_draft=True)
    incomes(cy, state_grant=480_046, municipality=330_000, own_income=20_000)

    page = home(login(world.coordinator))

    assert "<strong>42.2\xa0%</strong> local funding (draft)" in page
    assert "Staff is 0.60 full-time equivalents, below the required 1." in page
    assert "below the required 40 %" not in page


def test_it_shows_no_warning_when_every_condition_is_met(world, login):
    cy = CentreYearFactory(centre=world.centre, year=YEAR)
    incomes(cy, state_grant=480_046, municipality=330_000, own_income=20_000)
    assert "Needs attention:" not in home(login(world.coordinator))


@pytest.mark.parametrize(
    ("role", "shown"),
    [("municipality_viewer", True), ("association", False), ("volunteer_user", False)],
)
def test_it_shows_the_card_to_coordinators_and_municipality_viewers_only(world, login, role, shown):
    page = home(login(getattr(world, role)))
    assert (f"State grant conditions {YEAR}" in page) is shown


def test_the_coordinator_sets_whether_new_activities_start_public(world, login):
    from django.urls import reverse

    from core.models import AuditEvent, Centre

    client = login(world.coordinator)
    url = reverse("core:centre_public")
    assert client.get(url).status_code == 200
    response = client.post(url, {"activities_public_by_default": "on", "description": "Hei"})
    assert response.status_code == 302
    centre = Centre.objects.get(pk=world.centre.pk)
    assert centre.activities_public_by_default is True and centre.description == "Hei"
    assert AuditEvent.objects.filter(action="centre.public_updated").exists()
    assert login(world.association).get(url).status_code == 403
