"""The target dashboard page: figures, read-only for municipality viewers, fixed queries."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import ActivityFactory, ProjectFactory, YearTargetFactory


@pytest.fixture
def project(world):
    project = ProjectFactory(centre=world.centre, name="Steg for Steg")
    YearTargetFactory(
        project=project, year=2025, activities=220, average_participants=Decimal("10.0")
    )
    return project


def test_it_shows_done_target_and_the_charts(world, login, project):
    ActivityFactory.create_batch(3, project=project, date=dt.date(2025, 2, 3), participants=12)
    response = login(world.coordinator).get(
        reverse("activities:dashboard"), {"project": project.pk, "year": 2025}
    )
    page = response.content.decode()
    progress = response.context["progress"]
    assert progress.activities.done == 3
    assert progress.activities.target == 220
    assert "<svg" in page and "<polyline" in page
    assert page.count("<rect") == 24  # twelve bars in each of the two charts
    assert "Steg for Steg" in page


def test_a_municipality_viewer_sees_the_dashboard_of_its_centres_read_only(world, login):
    sibling = ProjectFactory(centre=world.sibling_centre, name="Nordbyen-prosjekt")
    ActivityFactory(project=sibling, date=dt.date(2025, 1, 7))
    client = login(world.municipality_viewer)
    response = client.get(reverse("activities:dashboard"), {"project": sibling.pk, "year": 2025})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Lesevisning for kommunen." in page
    assert reverse("activities:project_edit", args=[sibling.pk]) not in page
    assert response.context["progress"].activities.done == 1


def test_it_hides_another_municipalitys_project(world, login):
    foreign = ProjectFactory(centre=world.other_centre)
    for user in (world.municipality_viewer, world.coordinator):
        response = login(user).get(reverse("activities:dashboard"), {"project": foreign.pk})
        assert response.status_code == 404


def test_it_answers_an_empty_installation_with_a_hint(world, login):
    response = login(world.coordinator).get(reverse("activities:dashboard"))
    assert response.status_code == 200
    assert "Ingen prosjekter ennå." in response.content.decode()


@pytest.mark.parametrize("size", [2, 40])
def test_it_runs_a_fixed_number_of_queries_whatever_the_number_of_activities(
    world, login, project, size, django_assert_num_queries
):
    for index in range(size):
        ActivityFactory(
            project=project,
            date=dt.date(2025, 1 + index % 12, 1 + index % 28),
            participants=index,
            cancelled=index % 7 == 0,
        )
    client = login(world.coordinator)
    # session, user, `projects_pace`'s three (projects, targets, totals per project) and
    # `year_progress`'s four.
    with django_assert_num_queries(11):
        response = client.get(
            reverse("activities:dashboard"), {"project": project.pk, "year": 2025}
        )
    assert response.status_code == 200


def test_the_chart_coordinates_are_not_localised(world, login, project):
    """Norwegian decimal commas would break the SVG: coordinates stay with a dot."""
    ActivityFactory.create_batch(3, project=project, date=dt.date(2025, 2, 3), participants=7)
    page = (
        login(world.coordinator)
        .get(reverse("activities:dashboard"), {"project": project.pk, "year": 2025})
        .content.decode()
    )
    rects = re.findall(r'<rect x="([^"]+)" y="([^"]+)" width="([^"]+)" height="([^"]+)"', page)
    assert len(rects) == 24
    for values in rects:
        for value in values:
            float(value)  # raises on "12,5"


def test_an_association_user_follows_its_own_projects_targets(world, login, project):
    own = ProjectFactory(centre=world.centre, organisation=world.organisation)
    YearTargetFactory(project=own, year=2025, activities=40)
    ActivityFactory.create_batch(
        4, project=own, organiser=world.organisation, date=dt.date(2025, 1, 9)
    )
    client = login(world.association)
    response = client.get(reverse("activities:dashboard"), {"project": own.pk, "year": 2025})
    progress = response.context["progress"]
    assert (progress.activities.done, progress.activities.target) == (4, 40)
    assert progress.activities.percent == Decimal("10.0")
    centre_project = client.get(
        reverse("activities:dashboard"), {"project": project.pk, "year": 2025}
    )
    assert centre_project.status_code == 404


def test_it_opens_on_the_main_project_and_lists_every_project(world, login, project):
    small = ProjectFactory(centre=world.centre, name="Lite prosjekt")
    YearTargetFactory(project=small, year=2025, activities=10)
    operations = ProjectFactory(centre=world.centre, name="Drift", is_operations=True)
    response = login(world.coordinator).get(reverse("activities:dashboard"), {"year": 2025})
    assert response.context["project"] == project
    overview = [row.project for row in response.context["overview"]]
    # The largest target first; a project without a target or activities last.
    assert overview == [project, small, operations]
    page = response.content.decode()
    for each in overview:
        assert f'href="?project={each.pk}&amp;year=2025"' in page


def test_without_targets_it_opens_on_the_project_with_most_activities(world, login):
    quiet = ProjectFactory(centre=world.centre, name="Aaa stille")
    busy = ProjectFactory(centre=world.centre, name="Travel")
    ActivityFactory.create_batch(3, project=busy, date=dt.date(2025, 5, 5))
    ActivityFactory(project=quiet, date=dt.date(2025, 5, 5))
    response = login(world.coordinator).get(reverse("activities:dashboard"), {"year": 2025})
    assert response.context["project"] == busy


def test_it_says_in_words_that_a_finished_year_missed_its_target(world, login, project):
    ActivityFactory(project=project, date=dt.date(2025, 1, 2), participants=3)
    page = login(world.coordinator).get(
        reverse("activities:dashboard"), {"project": project.pk, "year": 2025}
    )
    text = page.content.decode()
    # 2025 is over: one activity against 220 was not reached, said in text and not by colour
    # alone; a finished year has no pace and no forecast.
    assert "Ikke nådd" in text or "Not reached" in text
    assert "Bak tempoet" not in text and "Prognose" not in text


@pytest.mark.parametrize("projects", [1, 6])
def test_its_queries_do_not_grow_with_the_number_of_projects(
    world, login, projects, django_assert_num_queries
):
    for index in range(projects):
        each = ProjectFactory(centre=world.centre, name=f"Prosjekt {index}")
        YearTargetFactory(project=each, year=2025, activities=10 + index)
        ActivityFactory(project=each, date=dt.date(2025, 3, 1))
    client = login(world.coordinator)
    with django_assert_num_queries(11):
        client.get(reverse("activities:dashboard"), {"year": 2025})
