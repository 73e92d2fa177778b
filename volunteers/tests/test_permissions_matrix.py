"""Each role against each page of the volunteers app: a table of expected answers.

`allowed` means 200; `login` means a redirect to the login page.
"""

import pytest
from django.urls import reverse

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
    ("volunteers:task_list", None, COORD_ASSOC),
    ("volunteers:task_create", None, COORD_ASSOC),
    ("volunteers:task_detail", lambda w, x: [x["own_task"].pk], COORD_ASSOC),
    (
        "volunteers:task_detail",
        lambda w, x: [x["centre_task"].pk],
        {**COORD_ASSOC, "association": 404},
    ),
    (
        "volunteers:task_detail",
        lambda w, x: [x["foreign_task"].pk],
        {**COORD_ASSOC, "association": 404, "coordinator": 404},
    ),
    ("volunteers:task_edit", lambda w, x: [x["own_task"].pk], COORD_ASSOC),
    (
        "volunteers:task_edit",
        lambda w, x: [x["centre_task"].pk],
        {**COORD_ASSOC, "association": 404},
    ),
    ("volunteers:match_edit", lambda w, x: [x["match"].pk], COORD),
    ("volunteers:match_edit", lambda w, x: [x["foreign_match"].pk], {**COORD, "coordinator": 404}),
    ("volunteers:me", None, VOLUNTEER),
    ("volunteers:me_edit", None, VOLUNTEER),
    ("volunteers:my_hours", None, VOLUNTEER),
    ("volunteers:signup", lambda w, x: [w.centre.slug], {"*": 200}),
    ("volunteers:signup_done", lambda w, x: [w.centre.slug], {"*": 200}),
]

ROLES = [
    "anonymous",
    "coordinator",
    "association",
    "municipality_viewer",
    "volunteer_user",
    "site_admin",
]

CASES = [
    pytest.param(name, args, role, expected.get(role, expected.get("*")), id=f"{name}-{i}-{role}")
    for i, (name, args, expected) in enumerate(MATRIX)
    for role in ROLES
]


@pytest.fixture
def extra(world):
    own_task = TaskFactory(centre=world.centre, organisation=world.organisation)
    centre_task = TaskFactory(centre=world.centre)
    foreign_task = TaskFactory(centre=world.other_centre)
    ConsentTextFactory(centre=world.centre)
    HourEntryFactory(volunteer=world.volunteer)
    return {
        "own_task": own_task,
        "centre_task": centre_task,
        "foreign_task": foreign_task,
        "match": MatchFactory(task=centre_task, volunteer=world.volunteer),
        "foreign_match": MatchFactory(task=foreign_task, volunteer=world.foreign_volunteer),
    }


@pytest.mark.parametrize(("url_name", "args", "role", "expected"), CASES)
def test_it_answers_each_role_as_the_matrix_says(
    world, extra, login, url_name, args, role, expected
):
    client = login(None if role == "anonymous" else getattr(world, role))
    url = reverse(url_name, args=args(world, extra) if args else None)
    response = client.get(url)
    if expected == "login":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == expected, f"{role} on {url}"


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
