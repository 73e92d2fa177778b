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


def test_the_migrations_keep_the_seeded_categories_installation_wide(db):
    assert Category.objects.filter(centre__isnull=True).exists()
    assert not Category.objects.filter(centre__isnull=False).exists()


def test_a_coordinator_cannot_rename_an_installation_wide_category(world, login):
    shared = Category.objects.filter(centre__isnull=True).first()
    client = login(world.coordinator)
    url = reverse("organisations:category_edit", args=[shared.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "Omdøpt", "position": 1}).status_code == 403
    shared.refresh_from_db()
    assert shared.name != "Omdøpt"
    page = client.get(reverse("organisations:categories")).content.decode()
    assert shared.name in page
    assert url not in page


def test_a_coordinator_adds_categories_to_their_own_centre(world, login):
    client = login(world.coordinator)
    client.post(reverse("organisations:category_create"), {"name": "Vennskap", "position": 5})
    assert Category.objects.get(name="Vennskap").centre == world.centre


def test_it_refuses_an_own_category_named_like_an_installation_wide_one(world, login):
    shared = Category.objects.filter(centre__isnull=True).first()
    response = login(world.coordinator).post(
        reverse("organisations:category_create"), {"name": shared.name.upper(), "position": 1}
    )
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert Category.objects.filter(name__iexact=shared.name).count() == 1


def test_centre_b_never_sees_centre_as_own_categories(world, login):
    own = Category.objects.create(name="Fjordvik-spesiell", centre=world.centre)
    client = login(world.other_coordinator)
    assert client.get(reverse("organisations:category_edit", args=[own.pk])).status_code == 404
    assert (
        "Fjordvik-spesiell" not in client.get(reverse("organisations:categories")).content.decode()
    )
    assert "Fjordvik-spesiell" not in client.get(reverse("organisations:create")).content.decode()
    assert "Fjordvik-spesiell" not in client.get(reverse("organisations:list")).content.decode()
    assert (
        "Fjordvik-spesiell" not in client.get(reverse("organisations:directory")).content.decode()
    )
    # Centre A's coordinator sees it on the same pages and may choose it.
    client = login(world.coordinator)
    assert "Fjordvik-spesiell" in client.get(reverse("organisations:create")).content.decode()
    assert "Fjordvik-spesiell" in client.get(reverse("organisations:list")).content.decode()


def test_the_site_admin_renames_an_installation_wide_category_in_the_admin(world, login):
    shared = Category.objects.filter(centre__isnull=True).first()
    response = login(world.site_admin).post(
        reverse("admin:organisations_category_change", args=[shared.pk]),
        {"name": "Nytt navn", "name_en": "", "icnpo_code": "", "position": 1, "centre": ""},
    )
    assert response.status_code == 302
    shared.refresh_from_db()
    assert shared.name == "Nytt navn"
