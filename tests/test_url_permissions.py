"""Every URL pattern of the project, discovered from the resolver, against every role.

A new view cannot escape this test: it fails until the view is gated (`role_required`) or
declared public, and until each of its URL arguments has a source below. For each pattern:
- anonymous users are sent to the login page (public pages excepted);
- a role the view does not allow gets 403, for GET and POST;
- objects of another centre are never reachable (404 for GET and POST, whatever the role).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import ROLES

# Namespaces that belong to us; third-party URLs (admin, allauth, i18n) are tested elsewhere.
OURS = {"core", "organisations", "volunteers", "activities", "reports"}

# Views anybody may open without logging in.
PUBLIC: set[str] = {"healthz"}

# (namespace, kwarg) -> (own centre's value, another centre's value), from the `world` fixture.
KWARG_SOURCES: dict[tuple[str, str], Callable] = {
    ("organisations", "pk"): lambda w: (w.organisation.pk, w.foreign_organisation.pk),
    ("activities", "pk"): lambda w: _activity_pks(w),
    ("activities", "project_pk"): lambda w: _project_pks(w),
}


def _project_pks(w) -> tuple[int, int]:
    from tests.factories import ProjectFactory

    return ProjectFactory(centre=w.centre).pk, ProjectFactory(centre=w.other_centre).pk


def _activity_pks(w) -> tuple[int, int]:
    from tests.factories import ActivityFactory, ProjectFactory

    own = ActivityFactory(project=ProjectFactory(centre=w.centre), organiser=w.organisation)
    foreign = ActivityFactory(project=ProjectFactory(centre=w.other_centre))
    return own.pk, foreign.pk


def _walk(patterns, namespace: str = "", prefix: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _walk(entry.url_patterns, ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace, entry, prefix + str(entry.pattern)


def project_patterns() -> list[tuple[str, URLPattern, str]]:
    found = []
    for namespace, pattern, route in _walk(get_resolver().url_patterns):
        if namespace in OURS or pattern.name in PUBLIC:
            found.append((namespace, pattern, route))
    return found


def _url_name(namespace: str, pattern: URLPattern) -> str:
    return f"{namespace}:{pattern.name}" if namespace else pattern.name


PATTERNS = project_patterns()
IDS = [_url_name(ns, p) for ns, p, _ in PATTERNS]


def test_every_pattern_is_gated_or_public():
    ungated = [
        _url_name(ns, p)
        for ns, p, _ in PATTERNS
        if _url_name(ns, p) not in PUBLIC and not hasattr(p.callback, "allowed_roles")
    ]
    assert not ungated, f"Views without role_required and not declared public: {ungated}"


def test_every_url_argument_has_a_source():
    missing = [
        (_url_name(ns, p), kwarg)
        for ns, p, _ in PATTERNS
        for kwarg in p.pattern.regex.groupindex
        if (ns, kwarg) not in KWARG_SOURCES
    ]
    assert not missing, f"Add these to KWARG_SOURCES: {missing}"


def _kwargs(namespace, pattern, world, which: int) -> dict:
    return {
        kwarg: KWARG_SOURCES[(namespace, kwarg)](world)[which]
        for kwarg in pattern.pattern.regex.groupindex
    }


@pytest.mark.parametrize(("namespace", "pattern", "route"), PATTERNS, ids=IDS)
def test_it_enforces_roles_and_centres_on(world, login, namespace, pattern, route):
    name = _url_name(namespace, pattern)
    own_url = reverse(name, kwargs=_kwargs(namespace, pattern, world, 0))
    has_args = bool(pattern.pattern.regex.groupindex)
    foreign_url = reverse(name, kwargs=_kwargs(namespace, pattern, world, 1)) if has_args else None
    allowed = getattr(pattern.callback, "allowed_roles", None)

    for role in ROLES:
        user = None if role == "anonymous" else getattr(world, role)
        client = login(user)
        if name in PUBLIC:
            assert client.get(own_url).status_code < 500
            continue
        if user is None:
            for method in (client.get, client.post):
                response = method(own_url)
                assert response.status_code == 302, f"anonymous {method.__name__} {own_url}"
                assert response.url.startswith(reverse("account_login"))
            continue
        if user.role not in allowed:
            for method in (client.get, client.post):
                status = method(own_url).status_code
                assert status == 403, f"{role} {method.__name__} {own_url}: {status}"
        if foreign_url:
            for method in (client.get, client.post):
                status = method(foreign_url).status_code
                assert status in {403, 404}, f"{role} {method.__name__} {foreign_url}: {status}"
