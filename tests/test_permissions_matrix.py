"""Each role against each page of the foundation: a table of expected answers.

`allowed` means 200; `login` means a redirect to the login page.
"""

import pytest
from django.urls import reverse

# (url name, how to get its args from the world, expected per role)
# Roles: anonymous, coordinator, association, municipality_viewer, volunteer_user, site_admin
MATRIX = [
    ("core:home", None, {"anonymous": "login", "*": 200}),
    ("healthz", None, {"*": 200}),
    ("account_login", None, {"anonymous": 200, "*": 302}),
    (
        "organisations:list",
        None,
        {"anonymous": "login", "coordinator": 200, "*": 403},
    ),
    (
        "organisations:detail",
        lambda w: [w.organisation.pk],
        {"anonymous": "login", "coordinator": 200, "association": 200, "*": 403},
    ),
    (
        "organisations:detail",
        lambda w: [w.other_organisation.pk],
        {"anonymous": "login", "coordinator": 200, "association": 404, "*": 403},
    ),
    (
        "organisations:detail",
        lambda w: [w.foreign_organisation.pk],
        {"anonymous": "login", "coordinator": 404, "association": 404, "*": 403},
    ),
    ("admin:index", None, {"site_admin": 200, "*": 302}),
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


@pytest.mark.parametrize(("url_name", "args", "role", "expected"), CASES)
def test_it_answers_each_role_as_the_matrix_says(world, login, url_name, args, role, expected):
    client = login(None if role == "anonymous" else getattr(world, role))
    url = reverse(url_name, args=args(world) if args else None)
    response = client.get(url)
    if expected == "login":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == expected, f"{role} on {url}"
