"""Each role against each page of the volunteers app: a table of expected answers.

The harness, and what a row says: tests/matrix.py.
"""

import pytest
from django.urls import reverse

from conftest import module_rows
from tests.matrix import matrix_test, pk_of

from .factories import ConsentTextFactory, HourEntryFactory, MatchFactory, TaskFactory

COORD = {"anonymous": "login", "coordinator": 200, "*": 403}
COORD_ASSOC = {"anonymous": "login", "coordinator": 200, "association": 200, "*": 403}
VOLUNTEER = {"anonymous": "login", "volunteer_user": 200, "*": 403}

MATRIX = [
    ("volunteers:list", None, COORD),
    ("volunteers:create", None, COORD),
    ("volunteers:detail", lambda w, x: [w.volunteer.pk], COORD),
    ("volunteers:detail", lambda w, x: [w.foreign_volunteer.pk], {**COORD, "coordinator": 404}),
    ("volunteers:edit", lambda w, x: [w.volunteer.pk], COORD),
    ("volunteers:edit", lambda w, x: [w.foreign_volunteer.pk], {**COORD, "coordinator": 404}),
    ("volunteers:export", lambda w, x: [w.volunteer.pk], COORD),
    ("volunteers:export", lambda w, x: [w.foreign_volunteer.pk], {**COORD, "coordinator": 404}),
    ("volunteers:erase", lambda w, x: [w.volunteer.pk], COORD),
    ("volunteers:erase", lambda w, x: [w.foreign_volunteer.pk], {**COORD, "coordinator": 404}),
    ("volunteers:inactive", None, COORD),
    ("volunteers:consent_texts", None, COORD),
    ("volunteers:hours_pending", None, COORD),
    ("volunteers:task_list", None, {**COORD_ASSOC, "volunteer_user": 302}),
    ("volunteers:task_create", None, COORD_ASSOC),
    ("volunteers:task_detail", pk_of("own_task"), COORD_ASSOC),
    (
        "volunteers:task_detail",
        pk_of("centre_task"),
        {**COORD_ASSOC, "association": 404},
    ),
    (
        "volunteers:task_detail",
        pk_of("foreign_task"),
        {**COORD_ASSOC, "association": 404, "coordinator": 404},
    ),
    ("volunteers:task_edit", pk_of("own_task"), COORD_ASSOC),
    (
        "volunteers:task_edit",
        pk_of("centre_task"),
        {**COORD_ASSOC, "association": 404},
    ),
    ("volunteers:match_edit", pk_of("match"), COORD),
    ("volunteers:match_edit", pk_of("foreign_match"), {**COORD, "coordinator": 404}),
    ("volunteers:me", None, VOLUNTEER),
    ("volunteers:me_edit", None, VOLUNTEER),
    ("volunteers:my_hours", None, VOLUNTEER),
    ("volunteers:signup", lambda w, x: [w.centre.slug], {"*": 200}),
    ("volunteers:signup_done", lambda w, x: [w.centre.slug], {"*": 200}),
]


@pytest.fixture(scope="module")
def extra(shared_world, django_db_blocker):
    with module_rows(django_db_blocker):
        own_task = TaskFactory(centre=shared_world.centre, organisation=shared_world.organisation)
        centre_task = TaskFactory(centre=shared_world.centre)
        foreign_task = TaskFactory(centre=shared_world.other_centre)
        ConsentTextFactory(centre=shared_world.centre)
        HourEntryFactory(volunteer=shared_world.volunteer)
        return {
            "own_task": own_task,
            "centre_task": centre_task,
            "foreign_task": foreign_task,
            "match": MatchFactory(task=centre_task, volunteer=shared_world.volunteer),
            "foreign_match": MatchFactory(
                task=foreign_task, volunteer=shared_world.foreign_volunteer
            ),
        }


test_it_answers_each_role_as_the_matrix_says = matrix_test(MATRIX, objects="extra")


@pytest.fixture
def world(shared_world, db):
    """The module's other tests read the world its matrix reads, written once (tests/matrix.py)."""
    return shared_world


@pytest.mark.parametrize(
    "role", ["coordinator", "association", "municipality_viewer", "volunteer_user"]
)
def test_it_shows_each_role_its_volunteer_cards_and_nav(world, login, role):
    page = login(getattr(world, role)).get(reverse("core:home")).content.decode()
    expected = {
        "coordinator": reverse("volunteers:list"),
        "association": reverse("volunteers:task_create"),
        # The hours per year (both logs) are a report: reports:hours.
        "municipality_viewer": reverse("reports:hours"),
        "volunteer_user": reverse("volunteers:my_hours"),
    }[role]
    assert expected in page
