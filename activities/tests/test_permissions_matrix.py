"""Each role against each page of the activities app (the harness: tests/matrix.py)."""

import pytest

from conftest import module_rows
from tests.factories import ActivityFactory, ProjectFactory
from tests.matrix import matrix_test, pk_of

WRITERS = {"anonymous": "login", "coordinator": 200, "association": 200, "*": 403}
ALL_READERS = {**WRITERS, "municipality_viewer": 200}

MATRIX = [
    ("activities:list", None, ALL_READERS),
    ("activities:quick_add", None, WRITERS),
    ("activities:create", None, WRITERS),
    ("activities:series_create", None, WRITERS),
    ("activities:counts", None, WRITERS),
    ("activities:dashboard", None, ALL_READERS),
    ("activities:project_list", None, ALL_READERS),
    ("activities:project_create", None, WRITERS),
    ("activities:project_detail", pk_of("project"), {**ALL_READERS, "association": 404}),
    ("activities:project_detail", pk_of("association_project"), ALL_READERS),
    (
        "activities:project_detail",
        pk_of("foreign_project"),
        {**ALL_READERS, "coordinator": 404, "association": 404, "municipality_viewer": 404},
    ),
    ("activities:project_edit", pk_of("project"), {**WRITERS, "association": 404}),
    ("activities:project_edit", pk_of("association_project"), WRITERS),
    (
        "activities:project_edit",
        pk_of("foreign_project"),
        {**WRITERS, "coordinator": 404, "association": 404},
    ),
    ("activities:edit", pk_of("own_activity"), {**WRITERS, "municipality_viewer": 403}),
    ("activities:door", pk_of("own_activity"), WRITERS),
    ("activities:door", pk_of("centre_activity"), {**WRITERS, "association": 404}),
    (
        "activities:door",
        pk_of("foreign_activity"),
        {**WRITERS, "coordinator": 404, "association": 404},
    ),
    (
        "activities:door_sync",
        pk_of("own_activity"),
        {**WRITERS, "coordinator": 405, "association": 405},
    ),
    ("activities:edit", pk_of("centre_activity"), {**WRITERS, "association": 404}),
    (
        "activities:edit",
        pk_of("foreign_activity"),
        {**WRITERS, "coordinator": 404, "association": 404},
    ),
]


@pytest.fixture(scope="module")
def objects(shared_world, django_db_blocker):
    with module_rows(django_db_blocker):
        project = ProjectFactory(centre=shared_world.centre)
        foreign_project = ProjectFactory(centre=shared_world.other_centre)
        return {
            "project": project,
            "foreign_project": foreign_project,
            "association_project": ProjectFactory(
                centre=shared_world.centre, organisation=shared_world.organisation
            ),
            "own_activity": ActivityFactory(project=project, organiser=shared_world.organisation),
            "centre_activity": ActivityFactory(project=project),
            "foreign_activity": ActivityFactory(project=foreign_project),
        }


test_it_answers_each_role_as_the_matrix_says = matrix_test(MATRIX, objects="objects")
