"""Each role against each page of the reports app. The harness: tests/matrix.py."""

import pytest
from django.urls import reverse

from tests.matrix import matrix_test

from .conftest import done_job

READERS = {"anonymous": "login", "coordinator": 200, "municipality_viewer": 200, "*": 403}
COORDINATOR = {"anonymous": "login", "coordinator": 200, "*": 403}

MATRIX = [
    ("reports:list", None, READERS),
    ("reports:create", None, COORDINATOR),
    ("reports:preview", None, COORDINATOR, "?kind=annual&year=2025&language=nb"),
    ("reports:narrative", None, COORDINATOR, "?kind=annual&year=2025"),
    ("reports:download", lambda w, x: [done_job(w.centre).pk], READERS),
    (
        "reports:download",
        lambda w, x: [done_job(w.other_centre).pk],
        {**READERS, "coordinator": 404, "municipality_viewer": 404},
    ),
]

test_it_answers_each_role_as_the_matrix_says = matrix_test(MATRIX)


@pytest.fixture
def world(shared_world, db):
    """The module's other tests read the world its matrix reads, written once (tests/matrix.py)."""
    return shared_world


def test_the_start_page_offers_reports_to_coordinators_and_the_municipality(world, login):
    url = f'href="{reverse("reports:list")}"'
    assert url in login(world.coordinator).get(reverse("core:home")).content.decode()
    assert url in login(world.municipality_viewer).get(reverse("core:home")).content.decode()
    assert url not in login(world.association).get(reverse("core:home")).content.decode()
    assert url not in login(world.volunteer_user).get(reverse("core:home")).content.decode()
