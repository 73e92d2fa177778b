"""Query counts at two data sizes for the remaining pages, and the curated data lists."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import VolunteerFactory
from volunteers.models import Interest, Volunteer

from .factories import ConsentTextFactory, HourEntryFactory, InterestFactory, MatchFactory


def _grow(world, n):
    for _ in range(n):
        MatchFactory(task__centre=world.centre, volunteer=world.volunteer)
        HourEntryFactory(volunteer=world.volunteer)
        ConsentTextFactory(centre=world.centre)
        old = VolunteerFactory(centre=world.centre)
        Volunteer.objects.filter(pk=old.pk).update(
            updated_at=timezone.now() - dt.timedelta(days=900)
        )
        InterestFactory()
    world.volunteer.interests.set(Interest.objects.all())


@pytest.mark.parametrize(
    ("role", "name", "args"),
    [
        ("volunteer_user", "volunteers:me", None),
        ("volunteer_user", "volunteers:my_hours", None),
        ("coordinator", "volunteers:inactive", None),
        ("coordinator", "volunteers:consent_texts", None),
        ("coordinator", "volunteers:export", "volunteer"),
        ("coordinator", "volunteers:lists", ["interests"]),
        ("coordinator", "core:home", None),
    ],
)
def test_it_keeps_query_counts_fixed_at_two_sizes(
    world, login, role, name, args, django_assert_num_queries
):
    client = login(getattr(world, role))
    url = reverse(name, args=[world.volunteer.pk] if args == "volunteer" else args)
    _grow(world, 1)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(world, 6)
    with django_assert_num_queries(len(small)):
        client.get(url)


def test_the_coordinator_curates_the_data_lists(world, login):
    client = login(world.coordinator)
    response = client.post(
        reverse("volunteers:lists", args=["interests"]),
        {"name": "Hagearbeid", "name_en": "Gardening", "position": "5"},
    )
    assert response.status_code == 302
    interest = Interest.objects.get(name="Hagearbeid")
    client.post(
        reverse("volunteers:lists_edit", args=["interests", interest.pk]),
        {"name": "Hage", "name_en": "Garden", "position": "6"},
    )
    interest.refresh_from_db()
    assert (interest.name, interest.name_en, interest.position) == ("Hage", "Garden", 6)
    assert client.get(reverse("volunteers:lists", args=["nothing"])).status_code == 404


def test_it_refuses_a_duplicate_name_with_a_message(world, login):
    InterestFactory(name="Sjåfør")
    response = login(world.coordinator).post(
        reverse("volunteers:lists", args=["interests"]),
        {"name": "Sjåfør", "name_en": "", "position": "1"},
    )
    assert response.status_code == 200
    assert Interest.objects.filter(name="Sjåfør").count() == 1


def test_it_requires_rw_access(world, login):
    for role in ("municipality_viewer", "association", "volunteer_user"):
        response = login(getattr(world, role)).post(
            reverse("volunteers:lists", args=["interests"]), {"name": "X", "position": "1"}
        )
        assert response.status_code == 403
    assert not Interest.objects.filter(name="X").exists()


def test_a_coordinator_cannot_rename_an_installation_wide_entry(world, login):
    shared = InterestFactory(name="Felles interesse")
    client = login(world.coordinator)
    url = reverse("volunteers:lists_edit", args=["interests", shared.pk])
    assert client.post(url, {"name": "Omdøpt", "position": "1"}).status_code == 403
    shared.refresh_from_db()
    assert shared.name == "Felles interesse"


def test_centre_b_never_sees_centre_as_own_entries(world, login):
    own = InterestFactory(name="Fjordvik-interesse", centre=world.centre)
    client = login(world.other_coordinator)
    url = reverse("volunteers:lists_edit", args=["interests", own.pk])
    assert client.get(url).status_code == 404
    page = client.get(reverse("volunteers:lists", args=["interests"])).content.decode()
    assert "Fjordvik-interesse" not in page
    assert "Fjordvik-interesse" not in client.get(reverse("volunteers:create")).content.decode()
    client = login(world.coordinator)
    assert "Fjordvik-interesse" in client.get(reverse("volunteers:create")).content.decode()
