import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("coordinator", ["Foreninger", "aktive foreninger"]),
        ("association", ["Fjordvik Sanitetsforening", "Se oppføringen"]),
        ("municipality_viewer", ["lesetilgang", "Fjordvik kommune"]),
        ("volunteer_user", ["profil"]),
        ("site_admin", ["administrasjon", "Fjordvik kommune"]),
    ],
)
def test_each_role_lands_on_a_start_page_that_says_what_it_can_do(world, login, role, expected):
    response = login(getattr(world, role)).get(reverse("core:home"))
    page = response.content.decode()
    assert response.status_code == 200
    for text in expected:
        assert text in page, f"{role}: {text!r} missing"


def test_the_navigation_shows_the_coordinators_pages_only_to_coordinators(world, login):
    url = f'href="{reverse("organisations:list")}"'
    assert url in login(world.coordinator).get(reverse("core:home")).content.decode()
    assert url not in login(world.municipality_viewer).get(reverse("core:home")).content.decode()


def test_the_pages_need_nothing_from_a_cdn(world, login):
    page = login(world.coordinator).get(reverse("core:home")).content.decode()
    assert "http://" not in page.replace("http://testserver", "")
    assert "https://" not in page


@pytest.mark.parametrize("role", ["coordinator", "association", "municipality_viewer"])
def test_the_start_page_asks_the_database_nothing_twice(world, login, role):
    """A count a card and a work item both show, or the centres several cards read, is asked
    once per request (core.startpage.once): the page's cost does not grow with each card.
    This year's figures too: the cards, the pace of the projects and the municipality's panel
    of its centres read them once (figures.startpage.this_year)."""
    from collections import Counter

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(getattr(world, role))
    client.get(reverse("core:home"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("core:home")).status_code == 200
    repeated = [
        sql for sql, n in Counter(q["sql"] for q in queries.captured_queries).items() if n > 1
    ]
    assert not repeated, "\n\n".join(sql[:400] for sql in repeated)
