from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.permissions import Access
from organisations.models import Category
from organisations.services import organisation_create
from tests import factories as f

URL = reverse("organisations:directory")


def _public(world, name, centre=None, **data):
    # Made by the system: the entries may be of any centre.
    return organisation_create(
        actor=Access.system(),
        centre=centre or world.centre,
        data={"name": name, "is_public": True, **data},
        categories=data.pop("categories", ()),
    )


def _names(response):
    return [o.name for o in response.context["page"].object_list]


def test_it_lists_only_consenting_active_associations_without_login(world, client):
    _public(world, "Åpent Lag", contact_name="Privat Person", phone="90000000", notes="Skjult")
    archived = _public(world, "Arkivert Lag")
    archived.is_archived = True
    archived.save()
    response = client.get(URL)
    assert response.status_code == 200
    assert _names(response) == ["Åpent Lag"]
    page = response.content.decode()
    assert "Privat Person" not in page
    assert "90000000" not in page
    assert "Skjult" not in page
    assert world.organisation.name not in page


def test_it_searches_by_name_and_category(world, client):
    health = Category.objects.get_or_create(name="Helse")[0]
    sport = Category.objects.get_or_create(name="Idrett")[0]
    organisation_create(
        actor=Access.system(),
        centre=world.centre,
        data={"name": "Løpeklubben", "is_public": True},
        categories=[sport],
    )
    organisation_create(
        actor=Access.system(),
        centre=world.centre,
        data={"name": "Hjertelaget", "is_public": True},
        categories=[health],
    )
    assert _names(client.get(URL, {"q": "LØPE"})) == ["Løpeklubben"]
    assert _names(client.get(URL, {"category": health.pk})) == ["Hjertelaget"]
    assert _names(client.get(URL, {"q": "løpe", "category": health.pk})) == []


def test_it_runs_a_fixed_number_of_queries(world, client, django_assert_num_queries):
    health = Category.objects.get_or_create(name="Helse")[0]

    def add(count):
        for _index in range(count):
            organisation_create(
                actor=Access.system(),
                centre=world.centre,
                data={"name": f"Lag {_index}", "is_public": True, "district": None},
                categories=[health],
            )

    add(2)
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    add(10)
    f.DistrictFactory(municipality=world.municipality)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(URL)


def test_it_narrows_the_directory_to_one_centre(world, client):
    _public(world, "Her Lag")
    _public(world, "Der Lag", centre=world.other_centre)
    assert sorted(_names(client.get(URL))) == ["Der Lag", "Her Lag"]
    assert _names(client.get(URL, {"centre": world.other_centre.slug})) == ["Der Lag"]


def test_it_answers_a_nul_character_in_the_query_with_a_normal_page(world, client):
    _public(world, "Løpeklubben")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"q": "løpe\x00", "centre": "\x00"})
    assert response.status_code == 200
    assert _names(response) == ["Løpeklubben"]
    # PostgreSQL refuses a NUL in a query: none may reach the database.
    assert not any("\x00" in q["sql"] for q in queries.captured_queries)
    assert _names(client.get(URL, {"q": "løpe\x00"})) == ["Løpeklubben"]
    assert _names(client.get(URL + "?q=%00")) == ["Løpeklubben"]


def test_it_does_not_search_contact_data_it_does_not_show(world, client):
    _public(
        world,
        "Løpeklubben",
        contact_name="Kari Hemmelig",
        email="kari.hemmelig@example.org",
        description="Vi løper i skogen.",
    )
    for probe in ["Hemmelig", "kari.hemmelig@example.org", "kari.hemmelig"]:
        assert _names(client.get(URL, {"q": probe})) == [], probe
    # What the directory shows is still found.
    assert _names(client.get(URL, {"q": "skogen"})) == ["Løpeklubben"]
    assert _names(client.get(URL, {"q": "løpeklubben"})) == ["Løpeklubben"]
