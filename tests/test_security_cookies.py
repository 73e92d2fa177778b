"""Cookies, caching of personal pages and the Host header, with the settings production uses."""

import json

import pytest
from django.urls import reverse

from tests.test_settings import PRODUCTION_ENV, _manage

COOKIE_SETTINGS = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SECURE",
    "ALLOWED_HOSTS",
]


@pytest.fixture(scope="module")
def production_settings() -> dict:
    """The cookie settings as `frivillig.settings` computes them with DEBUG off."""
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {COOKIE_SETTINGS!r}}}))"
    )
    result = _manage("shell", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_it_makes_cookies_secure_and_lax_in_production(production_settings):
    assert production_settings["SESSION_COOKIE_SECURE"] is True
    assert production_settings["SESSION_COOKIE_HTTPONLY"] is True
    assert production_settings["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert production_settings["CSRF_COOKIE_SECURE"] is True
    assert production_settings["LANGUAGE_COOKIE_SECURE"] is True


def test_it_sets_the_session_and_csrf_cookies_with_those_flags(
    production_settings, world, client, settings
):
    for name in ("SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE"):
        setattr(settings, name, production_settings[name])
    settings.CSRF_COOKIE_SECURE = production_settings["CSRF_COOKIE_SECURE"]
    world.coordinator.set_password("et-langt-passord-2026")
    world.coordinator.save()

    login_page = client.get(reverse("account_login"), secure=True)
    csrf = login_page.cookies["csrftoken"]
    assert csrf["secure"]
    response = client.post(
        reverse("account_login"),
        {"login": world.coordinator.email, "password": "et-langt-passord-2026"},
        secure=True,
    )

    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"


@pytest.mark.parametrize(
    "url_name", ["core:home", "organisations:list", "volunteers:list", "reports:list"]
)
def test_it_forbids_caching_of_pages_for_signed_in_users(world, login, url_name):
    response = login(world.coordinator).get(reverse(url_name))
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_it_forbids_caching_of_exports_and_personal_pages(world, login):
    client = login(world.coordinator)
    export = client.get(reverse("organisations:export", args=["csv"]))
    personal = client.get(reverse("volunteers:detail", args=[world.volunteer.pk]))
    me = login(world.volunteer_user).get(reverse("volunteers:me"))
    for response in (export, personal, me):
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


def test_it_leaves_public_pages_cacheable_for_anonymous_visitors(world, client):
    response = client.get(reverse("organisations:directory"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("path", ["/", "/admin/", "/accounts/login/", "/healthz"])
def test_it_rejects_a_wrong_host_header(client, db, settings, path):
    settings.ALLOWED_HOSTS = ["frivillig.example.no"]
    client.raise_request_exception = False
    response = client.get(path, HTTP_HOST="evil.example.com")
    assert response.status_code == 400


def test_it_accepts_the_right_host_header(client, db, settings):
    settings.ALLOWED_HOSTS = ["frivillig.example.no"]
    response = client.get(reverse("account_login"), HTTP_HOST="frivillig.example.no")
    assert response.status_code == 200
