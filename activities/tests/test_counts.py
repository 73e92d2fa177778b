"""Filling in participant counts for many past activities on one page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ActivityFactory, ProjectFactory


@pytest.fixture
def project(world):
    return ProjectFactory(centre=world.centre)


def _management(count):
    return {
        "form-TOTAL_FORMS": str(count),
        "form-INITIAL_FORMS": str(count),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }


def test_it_lists_past_activities_without_a_count(world, login, project):
    ActivityFactory(project=project, title="Mangler", participants=None, date=dt.date(2025, 1, 1))
    ActivityFactory(project=project, title="Har tall", participants=5, date=dt.date(2025, 1, 1))
    ActivityFactory(
        project=project,
        title="Kansellert tur",
        participants=None,
        cancelled=True,
        date=dt.date(2025, 1, 1),
    )
    ActivityFactory(
        project=project,
        title="Framtidig",
        participants=None,
        date=timezone.localdate() + dt.timedelta(days=3),
    )
    page = login(world.coordinator).get(reverse("activities:counts")).content.decode()
    assert "Mangler" in page
    for title in ("Har tall", "Kansellert tur", "Framtidig"):
        assert title not in page


def test_it_saves_counts_for_many_activities_at_once(world, login, project):
    first, second = (
        ActivityFactory(project=project, participants=None, date=dt.date(2025, 1, d))
        for d in (6, 13)
    )
    data = {
        **_management(2),
        "form-0-id": first.pk,
        "form-0-participants": "12",
        "form-0-participants_new": "3",
        "form-0-volunteer_count": "2",
        "form-0-volunteer_hours": "1:30",
        "form-1-id": second.pk,
        "form-1-participants": "8",
        "form-1-volunteer_count": "1",
        "form-1-volunteer_hours": "2",
    }
    response = login(world.coordinator).post(reverse("activities:counts"), data)
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.participants, first.participants_new, str(first.volunteer_hours)) == (
        12,
        3,
        "1.50",
    )
    assert second.participants == 8


def test_it_shows_the_error_next_to_the_bad_count(world, login, project):
    activity = ActivityFactory(project=project, participants=None, date=dt.date(2025, 1, 6))
    data = {
        **_management(1),
        "form-0-id": activity.pk,
        "form-0-participants": "-3",
        "form-0-volunteer_count": "0",
        "form-0-volunteer_hours": "0",
    }
    response = login(world.coordinator).post(reverse("activities:counts"), data)
    assert response.status_code == 200
    assert "Skriv inn et helt tall, 0 eller mer." in response.content.decode()
    activity.refresh_from_db()
    assert activity.participants is None


def test_it_checks_ownership(world, login, project):
    """An association user cannot fill in counts of activities it does not organise."""
    theirs = ActivityFactory(
        project=project,
        participants=None,
        organiser=world.other_organisation,
        date=dt.date(2025, 1, 6),
    )
    data = {
        **_management(1),
        "form-0-id": theirs.pk,
        "form-0-participants": "99",
        "form-0-volunteer_count": "0",
        "form-0-volunteer_hours": "0",
    }
    login(world.association).post(reverse("activities:counts"), data)
    theirs.refresh_from_db()
    assert theirs.participants is None


def test_it_requires_rw_access(world, login, project):
    activity = ActivityFactory(project=project, participants=None, date=dt.date(2025, 1, 6))
    data = {
        **_management(1),
        "form-0-id": activity.pk,
        "form-0-participants": "99",
        "form-0-volunteer_count": "0",
        "form-0-volunteer_hours": "0",
    }
    response = login(world.municipality_viewer).post(reverse("activities:counts"), data)
    assert response.status_code == 403
    activity.refresh_from_db()
    assert activity.participants is None


@pytest.mark.parametrize("size", [1, 20])
def test_it_runs_a_fixed_number_of_queries(world, login, project, size, django_assert_num_queries):
    ActivityFactory.create_batch(size, project=project, participants=None, date=dt.date(2025, 1, 6))
    client = login(world.coordinator)
    with django_assert_num_queries(3):  # session, user, activities
        response = client.get(reverse("activities:counts"))
    assert response.status_code == 200


def test_it_refuses_a_post_claiming_thousands_of_rows_without_building_them(world, login):
    response = login(world.coordinator).post(reverse("activities:counts"), _management(1000))

    assert response.status_code == 200
    formset = response.context["formset"]
    assert len(formset.forms) <= 100
    assert formset.non_form_errors()
