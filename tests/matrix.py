"""The permission-matrix harness: each role against each page, a table of expected answers (GET).

A row of a matrix is `(url name, args, expected)` or `(url name, args, expected, query)`:
`args` is None or a function of the world and the objects the module made (`pk_of` names one
of those), `expected` maps a role to a status code or `"login"` (a redirect to the login page),
with `"*"` for every role it does not name. `matrix_test(MATRIX)` is the module's test: one case
per row and role, named `<url name>-<row>-<role>`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest
from django.urls import reverse

from conftest import ROLES

Args = Callable[[Any, Any], list] | None


def pk_of(name: str) -> Callable[[Any, Any], list]:
    """The args of a page of one of the module's objects, by its name."""
    return lambda world, objects: [objects[name].pk]


def matrix_cases(matrix: Sequence[tuple]) -> list:
    cases = []
    for i, (name, args, expected, *query) in enumerate(matrix):
        for role in ROLES:
            answer = expected.get(role, expected.get("*"))
            cases.append(
                pytest.param(name, args, "".join(query), role, answer, id=f"{name}-{i}-{role}")
            )
    return cases


def matrix_test(matrix: Sequence[tuple], *, objects: str | None = None) -> Callable[..., None]:
    """The test of `matrix`; `objects` names a module fixture of the module that makes (and
    returns, in a dict) the objects its rows' args refer to, on `shared_world` and written with
    `conftest.module_rows`.

    The cases only read: they share one world and one set of objects, written once for the
    module (`shared_world`), where each case wrote its own (two thirds of a case's time)."""

    # The module's objects are written before the case's savepoint opens (a module fixture
    # first asked for inside a case would be written in it, and undone after that case).
    @pytest.mark.parametrize(
        ("url_name", "args", "query", "role", "expected"), matrix_cases(matrix)
    )
    @pytest.mark.usefixtures(objects or "shared_world")
    def test_it_answers_each_role_as_the_matrix_says(
        shared_world, db, login, request, url_name: str, args: Args, query: str, role, expected
    ) -> None:
        world = shared_world
        made = request.getfixturevalue(objects) if objects else None
        client = login(None if role == "anonymous" else getattr(world, role))
        url = reverse(url_name, args=args(world, made) if args else None) + query
        response = client.get(url)
        if expected == "login":
            assert response.status_code == 302
            assert response.url.startswith(reverse("account_login"))
        else:
            assert response.status_code == expected, f"{role} on {url}"

    return test_it_answers_each_role_as_the_matrix_says
