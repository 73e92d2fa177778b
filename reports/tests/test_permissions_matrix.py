"""Each role against each page of the reports app. `login` means a redirect to the login page."""

import pytest
from django.urls import reverse

from .conftest import done_job

ROLES = [
    "anonymous",
    "coordinator",
    "association",
    "municipality_viewer",
    "volunteer_user",
    "site_admin",
]
READERS = {"anonymous": "login", "coordinator": 200, "municipality_viewer": 200, "*": 403}
COORDINATOR = {"anonymous": "login", "coordinator": 200, "*": 403}

MATRIX = [
    ("reports:list", None, "", READERS),
    ("reports:create", None, "", COORDINATOR),
    ("reports:preview", None, "?kind=annual&year=2025&language=nb", COORDINATOR),
    ("reports:narrative", None, "?kind=annual&year=2025", COORDINATOR),
    ("reports:download", lambda w: [done_job(w.centre).pk], "", READERS),
    (
        "reports:download",
        lambda w: [done_job(w.other_centre).pk],
        "",
        {**READERS, "coordinator": 404, "municipality_viewer": 404},
    ),
]

CASES = [
    pytest.param(
        name, args, query, role, expected.get(role, expected.get("*")), id=f"{name}-{i}-{role}"
    )
    for i, (name, args, query, expected) in enumerate(MATRIX)
    for role in ROLES
]


@pytest.mark.parametrize(("url_name", "args", "query", "role", "expected"), CASES)
def test_it_answers_each_role_as_the_matrix_says(
    world, login, url_name, args, query, role, expected
):
    client = login(None if role == "anonymous" else getattr(world, role))
    url = reverse(url_name, args=args(world) if args else None) + query
    response = client.get(url)
    if expected == "login":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == expected, f"{role} on {url}"


def test_the_start_page_offers_reports_to_coordinators_and_the_municipality(world, login):
    url = reverse("reports:list")
    assert url in login(world.coordinator).get(reverse("core:home")).content.decode()
    assert url in login(world.municipality_viewer).get(reverse("core:home")).content.decode()
    assert url not in login(world.association).get(reverse("core:home")).content.decode()
    assert url not in login(world.volunteer_user).get(reverse("core:home")).content.decode()
