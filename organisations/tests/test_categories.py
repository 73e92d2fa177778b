from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import Category


def test_it_lets_the_coordinator_add_and_rename_categories(world, login):
    client = login(world.coordinator)
    response = client.post(
        reverse("organisations:category_create"),
        {"name": "Frivillig beredskap", "name_en": "Volunteer preparedness", "position": 50},
    )
    assert response.status_code == 302
    category = Category.objects.get(name="Frivillig beredskap")
    client.post(
        reverse("organisations:category_edit", args=[category.pk]),
        {"name": "Beredskap", "name_en": "Preparedness", "position": 50},
    )
    category.refresh_from_db()
    assert category.name == "Beredskap"
    assert "Beredskap" in client.get(reverse("organisations:categories")).content.decode()


def test_it_refuses_a_duplicate_category_name(world, login):
    Category.objects.get_or_create(name="Helse")
    response = login(world.coordinator).post(
        reverse("organisations:category_create"), {"name": "Helse", "position": 1}
    )
    assert response.status_code == 200
    assert "name" in response.context["form"].errors


def test_it_requires_rw_access(world, login):
    for user in [world.municipality_viewer, world.association]:
        response = login(user).post(
            reverse("organisations:category_create"), {"name": "Ny", "position": 1}
        )
        assert response.status_code == 403
    assert not Category.objects.filter(name="Ny").exists()


def test_it_runs_a_fixed_number_of_queries(world, login, django_assert_num_queries):
    client = login(world.coordinator)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("organisations:categories"))
    for index in range(10):
        Category.objects.create(name=f"Ekstra {index}")
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(reverse("organisations:categories"))
