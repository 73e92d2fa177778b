"""Each role against each page of the grant round (GET), and who may decide (POST): only a
municipality viewer of the centre's municipality; a coordinator never confirms their own."""

import pytest
from django.urls import reverse
from django.utils import timezone

from centreyear.models import GrantDecision
from conftest import ROLES
from tests.matrix import matrix_test

from .factories import complete_year

YEAR = timezone.localdate().year + 1

MATRIX = [
    (
        "centreyear:grant_round",
        lambda w, x: [YEAR],
        {"anonymous": "login", "coordinator": 200, "municipality_viewer": 200, "*": 403},
    ),
    (
        "centreyear:grant_round_current",
        None,
        {"anonymous": "login", "coordinator": 302, "municipality_viewer": 302, "*": 403},
    ),
    (
        "centreyear:centre_year",
        lambda w, x: [YEAR - 1],
        {"anonymous": "login", "coordinator": 200, "municipality_viewer": 200, "*": 403},
    ),
]

test_it_answers_each_role_as_the_matrix_says = matrix_test(MATRIX)


@pytest.fixture
def world(shared_world, db):
    """The module's other tests read the world its matrix reads, written once (tests/matrix.py)."""
    return shared_world


# Confirming a centre, by role: (centre of the world, expected status).
DECIDE = {
    "anonymous": ("centre", 302),
    "coordinator": ("centre", 403),  # their own centre
    "association": ("centre", 403),
    "municipality_viewer": ("centre", 302),
    "volunteer_user": ("centre", 403),
    "site_admin": ("centre", 403),
}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_centres_municipality_confirms_it(world, login, role):
    complete_year(world.centre, YEAR - 1)
    attribute, expected = DECIDE[role]
    client = login(None if role == "anonymous" else getattr(world, role))
    url = reverse("centreyear:grant_round", args=[YEAR])
    centre = getattr(world, attribute)
    response = client.post(url, {"centre": centre.pk, "decision": "confirmed"})
    assert response.status_code == expected
    confirmed = GrantDecision.objects.system().filter(centre=centre).exists()
    assert confirmed is (role == "municipality_viewer")


@pytest.mark.parametrize(
    ("user", "centre", "expected"),
    [
        ("other_municipality_viewer", "centre", 404),  # another municipality's centre
        ("municipality_viewer", "other_centre", 404),
        ("other_coordinator", "other_centre", 403),  # their own centre
    ],
)
def test_nobody_decides_for_another_municipality_or_their_own_centre(
    world, login, user, centre, expected
):
    target = getattr(world, centre)
    complete_year(target, YEAR - 1)
    response = login(getattr(world, user)).post(
        reverse("centreyear:grant_round", args=[YEAR]),
        {"centre": target.pk, "decision": "confirmed"},
    )
    assert response.status_code == expected
    assert not GrantDecision.objects.system().exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [("coordinator", 403), ("municipality_viewer", 302), ("association", 403)],
)
def test_only_the_municipality_makes_the_application(world, login, role, expected):
    url = reverse("centreyear:grant_application_create", args=[YEAR])
    assert login(getattr(world, role)).post(url).status_code == expected
