"""The quick-add form remembers the last project and category."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.models import Activity, ActivityCategory
from tests.factories import ProjectFactory


@pytest.fixture
def project(world):
    return ProjectFactory(centre=world.centre, name="Steg for Steg")


def _post(client, project, category, **extra):
    return client.post(
        reverse("activities:quick_add"),
        {
            "project": project.pk,
            "category": category.pk,
            "title": "Felleslunsj",
            "date": "2025-03-04",
            "start_time": "12:00",
            "end_time": "14:00",
            "participants": "11",
            "volunteer_count": "2",
            "volunteer_hours": "4",
            **extra,
        },
    )


def test_it_logs_an_activity_and_remembers_the_project_and_category(world, login, project):
    ProjectFactory(centre=world.centre, name="Annet prosjekt")
    category = ActivityCategory.objects.get(name="Kurs")
    client = login(world.coordinator)
    response = _post(client, project, category)
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert (activity.project, activity.category, activity.participants) == (project, category, 11)
    assert activity.date == dt.date(2025, 3, 4)
    form = client.get(reverse("activities:quick_add")).context["form"]
    assert form.initial["project"] == project.pk
    assert form.initial["category"] == category.pk


def test_it_starts_with_today_and_no_project_on_a_first_visit(world, login, project):
    form = login(world.coordinator).get(reverse("activities:quick_add")).context["form"]
    assert form.initial["project"] is None
    assert form.initial["date"] == timezone.localdate()


def test_it_refuses_an_activity_without_a_project(world, login, project):
    category = ActivityCategory.objects.get(name="Kurs")
    client = login(world.coordinator)
    response = client.post(
        reverse("activities:quick_add"),
        {
            "category": category.pk,
            "title": "Løs",
            "date": "2025-03-04",
            "volunteer_count": "0",
            "volunteer_hours": "0",
        },
    )
    assert response.status_code == 200
    assert "Velg et prosjekt: hver aktivitet hører til et prosjekt." in response.content.decode()
    assert not Activity.objects.exists()


def test_it_refuses_another_centres_project(world, login):
    foreign = ProjectFactory(centre=world.other_centre)
    response = _post(login(world.coordinator), foreign, ActivityCategory.objects.first())
    assert response.status_code == 200
    assert not Activity.objects.exists()


def test_it_warns_when_the_date_is_outside_the_project_period(world, login):
    project = ProjectFactory(
        centre=world.centre, start_date=dt.date(2025, 6, 1), end_date=dt.date(2025, 12, 31)
    )
    client = login(world.coordinator)
    response = _post(client, project, ActivityCategory.objects.first())
    assert Activity.objects.count() == 1  # warned, not blocked
    page = client.get(response.url).content.decode()
    assert "Merk: 04.03.2025 er utenfor perioden til prosjektet" in page


def test_empty_volunteer_fields_count_as_none(world, login, project):
    category = ActivityCategory.objects.get(name="Kurs")
    response = _post(
        login(world.coordinator), project, category, volunteer_count="", volunteer_hours=""
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert (activity.volunteer_count, activity.volunteer_hours) == (0, 0)


def test_the_full_form_saves_the_participant_split_and_age_groups(world, login, project):
    category = ActivityCategory.objects.get(name="Kurs")
    client = login(world.coordinator)
    response = client.post(
        reverse("activities:create"),
        {
            "project": project.pk,
            "category": category.pk,
            "title": "Datakurs",
            "date": "2025-03-04",
            "participants": "11",
            "participants_new": "4",
            "participants_returning": "7",
            "participants_under_18": "1",
            "participants_18_to_66": "6",
            "participants_67_plus": "4",
            "place": "Biblioteket",
            "note": "Godt oppmøte",
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert (activity.participants_new, activity.participants_returning) == (4, 7)
    assert (
        activity.participants_under_18,
        activity.participants_18_to_66,
        activity.participants_67_plus,
    ) == (1, 6, 4)
    assert activity.place == "Biblioteket"


def test_the_age_groups_cannot_exceed_the_participants(world, login, project):
    response = login(world.coordinator).post(
        reverse("activities:create"),
        {
            "project": project.pk,
            "category": ActivityCategory.objects.first().pk,
            "title": "Datakurs",
            "date": "2025-03-04",
            "participants": "5",
            "participants_67_plus": "6",
        },
    )
    assert response.status_code == 200
    assert "Aldersgruppene kan til sammen ikke være flere enn alle deltakerne." in (
        response.content.decode()
    )
    assert not Activity.objects.exists()
