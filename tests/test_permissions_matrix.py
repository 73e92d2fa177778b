"""Each role against each page of the foundation: a table of expected answers.

The harness, and what a row says: tests/matrix.py.
"""

from tests.matrix import matrix_test

# (url name, how to get its args from the world, expected per role)
# Roles: anonymous, coordinator, association, municipality_viewer, volunteer_user, site_admin
MATRIX = [
    ("core:home", None, {"anonymous": "login", "*": 200}),
    ("core:account", None, {"anonymous": "login", "*": 200}),
    (
        "reports:privacy_record",
        None,
        {"anonymous": "login", "municipality_viewer": 200, "site_admin": 200, "*": 403},
    ),
    ("core:sign_out_everywhere", None, {"anonymous": "login", "*": 405}),
    ("healthz", None, {"*": 200}),
    ("account_login", None, {"anonymous": 200, "*": 302}),
    (
        "organisations:list",
        None,
        {"anonymous": "login", "coordinator": 200, "*": 403},
    ),
    (
        "organisations:detail",
        lambda w, x: [w.organisation.pk],
        {"anonymous": "login", "coordinator": 200, "association": 200, "*": 403},
    ),
    (
        "organisations:detail",
        lambda w, x: [w.other_organisation.pk],
        {"anonymous": "login", "coordinator": 200, "association": 404, "*": 403},
    ),
    (
        "organisations:detail",
        lambda w, x: [w.foreign_organisation.pk],
        {"anonymous": "login", "coordinator": 404, "association": 404, "*": 403},
    ),
    ("admin:index", None, {"site_admin": 200, "*": 302}),
]

test_it_answers_each_role_as_the_matrix_says = matrix_test(MATRIX)
