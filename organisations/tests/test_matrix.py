"""Each role against each page of the registry: a table of expected answers (GET).

The harness, and what a row says: tests/matrix.py.
"""

import pytest
from django.urls import reverse

from tests.matrix import matrix_test

MATRIX = [
    ("organisations:list", None, {"anonymous": "login", "coordinator": 200, "*": 403}),
    ("organisations:create", None, {"anonymous": "login", "coordinator": 200, "*": 403}),
    ("organisations:import", None, {"anonymous": "login", "coordinator": 200, "*": 403}),
    ("organisations:import_template", None, {"anonymous": "login", "coordinator": 200, "*": 403}),
    ("organisations:categories", None, {"anonymous": "login", "coordinator": 200, "*": 403}),
    ("organisations:category_create", None, {"anonymous": "login", "coordinator": 200, "*": 403}),
    (
        "organisations:statistics",
        None,
        {"anonymous": "login", "coordinator": 200, "municipality_viewer": 200, "*": 403},
    ),
    ("organisations:directory", None, {"*": 200}),
    (
        "organisations:export",
        lambda w, x: ["csv"],
        {"anonymous": "login", "coordinator": 200, "*": 403},
    ),
    (
        "organisations:export",
        lambda w, x: ["xlsx"],
        {"anonymous": "login", "coordinator": 200, "*": 403},
    ),
    (
        "organisations:detail",
        lambda w, x: [w.organisation.pk],
        {"anonymous": "login", "coordinator": 200, "association": 200, "*": 403},
    ),
    (
        "organisations:edit",
        lambda w, x: [w.organisation.pk],
        {"anonymous": "login", "coordinator": 200, "association": 200, "*": 403},
    ),
    (
        "organisations:edit",
        lambda w, x: [w.other_organisation.pk],
        {"anonymous": "login", "coordinator": 200, "association": 404, "*": 403},
    ),
    (
        "organisations:edit",
        lambda w, x: [w.foreign_organisation.pk],
        {"anonymous": "login", "coordinator": 404, "association": 404, "*": 403},
    ),
    (
        "organisations:detail",
        lambda w, x: [w.foreign_organisation.pk],
        {"anonymous": "login", "coordinator": 404, "association": 404, "*": 403},
    ),
]

test_it_answers_each_role_as_the_matrix_says = matrix_test(MATRIX)


@pytest.fixture
def world(shared_world, db):
    """The module's other tests read the world its matrix reads, written once (tests/matrix.py)."""
    return shared_world


POSTS = ["archive", "restore", "confirm", "invite"]


@pytest.mark.parametrize("name", POSTS)
@pytest.mark.parametrize(
    ("role", "target", "expected"),
    [
        ("coordinator", "foreign_organisation", 404),
        ("association", "other_organisation", 404),
        ("association", "foreign_organisation", 404),
        ("municipality_viewer", "organisation", 403),
        ("volunteer_user", "organisation", 403),
    ],
)
def test_it_guards_every_action_by_role_and_scope(world, login, name, role, target, expected):
    client = login(getattr(world, role))
    url = reverse(f"organisations:{name}", args=[getattr(world, target).pk])
    status = client.post(url, {"email": "x@example.org"}).status_code
    if role == "association" and name in {"archive", "restore", "invite"}:
        expected = 403  # association users never reach these, whoever's entry it is
    assert status == expected
