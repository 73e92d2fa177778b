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
