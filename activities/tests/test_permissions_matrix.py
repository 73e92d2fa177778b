"""Each role against each page of the activities app."""

import pytest
from django.urls import reverse

from tests.factories import ActivityFactory, ProjectFactory

ROLES = [
    "anonymous",
    "coordinator",
    "association",
    "municipality_viewer",
    "volunteer_user",
    "site_admin",
]

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
    ("activities:project_detail", "project", {**ALL_READERS, "association": 404}),
    ("activities:project_detail", "association_project", ALL_READERS),
    (
        "activities:project_detail",
        "foreign_project",
        {**ALL_READERS, "coordinator": 404, "association": 404, "municipality_viewer": 404},
    ),
    ("activities:project_edit", "project", {**WRITERS, "association": 404}),
    ("activities:project_edit", "association_project", WRITERS),
    (
        "activities:project_edit",
        "foreign_project",
        {**WRITERS, "coordinator": 404, "association": 404},
    ),
    ("activities:edit", "own_activity", {**WRITERS, "municipality_viewer": 403}),
    ("activities:edit", "centre_activity", {**WRITERS, "association": 404}),
    ("activities:edit", "foreign_activity", {**WRITERS, "coordinator": 404, "association": 404}),
]

CASES = [
    pytest.param(name, obj, role, expected.get(role, expected.get("*")), id=f"{name}-{i}-{role}")
    for i, (name, obj, expected) in enumerate(MATRIX)
    for role in ROLES
]


@pytest.mark.parametrize(("url_name", "obj", "role", "expected"), CASES)
def test_it_answers_each_role_as_the_matrix_says(world, login, url_name, obj, role, expected):
    project = ProjectFactory(centre=world.centre)
    foreign_project = ProjectFactory(centre=world.other_centre)
    objects = {
        "project": project,
        "foreign_project": foreign_project,
        "association_project": ProjectFactory(centre=world.centre, organisation=world.organisation),
        "own_activity": ActivityFactory(project=project, organiser=world.organisation),
        "centre_activity": ActivityFactory(project=project),
        "foreign_activity": ActivityFactory(project=foreign_project),
    }
    client = login(None if role == "anonymous" else getattr(world, role))
    url = reverse(url_name, args=[objects[obj].pk] if obj else None)
    response = client.get(url)
    if expected == "login":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == expected, f"{role} on {url}"
