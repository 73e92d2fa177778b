"""Editing activities: association users see and edit only their own; clear validation."""

import datetime as dt

import pytest
from django.urls import reverse

from activities.models import Activity
from tests.factories import ActivityCategoryFactory, ActivityFactory, ProjectFactory


@pytest.fixture
def project(world):
    return ProjectFactory(
        centre=world.centre, start_date=dt.date(2025, 1, 1), end_date=dt.date(2025, 12, 31)
    )


def _data(activity, **overrides):
    return {
        "project": activity.project_id,
        "title": activity.title,
        "category": activity.category_id,
        "date": activity.date.isoformat(),
        "organiser": activity.organiser_id or "",
        "participants": "10",
        "volunteer_count": "1",
        "volunteer_hours": "2",
        **overrides,
    }


def test_it_checks_ownership(world, login, project):
    """Another association's activity, the centre's own and another centre's answer 404."""
    client = login(world.association)
    others = [
        ActivityFactory(project=project, organiser=world.other_organisation),
        ActivityFactory(project=project, organiser=None),
        ActivityFactory(
            project=ProjectFactory(centre=world.other_centre), organiser=world.foreign_organisation
        ),
    ]
    for activity in others:
        url = reverse("activities:edit", args=[activity.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, _data(activity, title="Kapret")).status_code == 404
        activity.refresh_from_db()
        assert activity.title != "Kapret"
    foreign = others[2]
    coordinator = login(world.coordinator)
    assert coordinator.get(reverse("activities:edit", args=[foreign.pk])).status_code == 404


def test_it_requires_rw_access(world, login, project):
    activity = ActivityFactory(project=project)
    client = login(world.municipality_viewer)
    url = reverse("activities:edit", args=[activity.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _data(activity, title="Endret")).status_code == 403
    activity.refresh_from_db()
    assert activity.title == "Felleslunsj"


def test_an_association_user_sees_only_its_own_activities(world, login, project):
    ActivityFactory(project=project, organiser=world.organisation, title="Vår strikkekafé")
    ActivityFactory(project=project, organiser=world.other_organisation, title="Turlagets tur")
    ActivityFactory(project=project, organiser=None, title="Sentralens lunsj")
    page = login(world.association).get(reverse("activities:list")).content.decode()
    assert "Vår strikkekafé" in page
    assert "Turlagets tur" not in page
    assert "Sentralens lunsj" not in page
    coordinator_page = login(world.coordinator).get(reverse("activities:list")).content.decode()
    for title in ("Vår strikkekafé", "Turlagets tur", "Sentralens lunsj"):
        assert title in coordinator_page


def test_an_association_user_edits_its_own_activity(world, login, project):
    activity = ActivityFactory(project=project, organiser=world.organisation)
    response = login(world.association).post(
        reverse("activities:edit", args=[activity.pk]), _data(activity, participants="14")
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.participants == 14


def test_an_association_user_cannot_hand_an_activity_to_another_association(world, login, project):
    activity = ActivityFactory(project=project, organiser=world.organisation)
    response = login(world.association).post(
        reverse("activities:edit", args=[activity.pk]),
        _data(activity, organiser=world.other_organisation.pk),
    )
    assert response.status_code == 200  # not a valid choice for this user
    activity.refresh_from_db()
    assert activity.organiser_id == world.organisation.pk


def test_an_association_user_logs_in_a_centre_project_as_organiser(world, login, project):
    client = login(world.association)
    response = client.post(
        reverse("activities:quick_add"),
        {
            "project": project.pk,
            "category": ActivityCategoryFactory().pk,
            "title": "Kaffetreff",
            "date": "2025-05-05",
            "organiser": world.organisation.pk,
            "participants": "6",
            "volunteer_count": "2",
            "volunteer_hours": "1:30",
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get(title="Kaffetreff")
    assert activity.organiser == world.organisation
    assert activity.volunteer_hours == pytest.approx(1.5)
    assert activity.centre == world.centre


def test_an_association_user_cannot_log_without_its_association(world, login, project):
    response = login(world.association).post(
        reverse("activities:quick_add"),
        {
            "project": project.pk,
            "category": ActivityCategoryFactory().pk,
            "title": "Uten arrangør",
            "date": "2025-05-05",
            "volunteer_count": "0",
            "volunteer_hours": "0",
        },
    )
    assert response.status_code == 200
    assert not Activity.objects.filter(title="Uten arrangør").exists()


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"participants": "-1"}, "Skriv inn et helt tall, 0 eller mer."),
        ({"participants": "2,5"}, "Skriv inn et helt tall, 0 eller mer."),
        ({"volunteer_count": "tre"}, "Skriv inn et helt tall, 0 eller mer."),
        ({"volunteer_hours": "-2"}, "Timer kan ikke være negative."),
        ({"volunteer_hours": "mange"}, "Skriv timer som tall (1,5) eller som timer og minutter"),
        (
            {"start_time": "13:00", "end_time": "11:00"},
            "Sluttidspunktet må være etter starttidspunktet.",
        ),
        ({"project": ""}, "Velg et prosjekt: hver aktivitet hører til et prosjekt."),
        (
            {"participants": "5", "participants_new": "4", "participants_returning": "3"},
            "Nye og gjengangere kan til sammen ikke være flere enn alle deltakerne.",
        ),
    ],
)
def test_it_rejects_bad_input_with_a_clear_norwegian_message(
    world, login, project, overrides, field_message
):
    activity = ActivityFactory(project=project, title="Original")
    response = login(world.coordinator).post(
        reverse("activities:edit", args=[activity.pk]), _data(activity, title="Ny", **overrides)
    )
    assert response.status_code == 200
    assert field_message in response.content.decode()
    activity.refresh_from_db()
    assert activity.title == "Original"


def test_it_warns_but_saves_a_date_outside_the_project_period(world, login, project):
    activity = ActivityFactory(project=project, date=dt.date(2025, 3, 3))
    client = login(world.coordinator)
    response = client.post(
        reverse("activities:edit", args=[activity.pk]),
        _data(activity, date="2026-02-02"),
        follow=True,
    )
    activity.refresh_from_db()
    assert activity.date == dt.date(2026, 2, 2)
    assert "er utenfor perioden til prosjektet" in response.content.decode()
