"""The client's address behind a reverse proxy: rate limits and login records key on the
visitor, not on the proxy, and a forged X-Forwarded-For is ignored when no proxy is trusted."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from core.http import client_ip
from core.models import AuditEvent
from tests import factories as f
from tests.test_settings import _manage
from volunteers.models import Volunteer
from volunteers.tests.factories import ConsentTextFactory

PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def _empty_rate_limits():
    """Rate-limit counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def behind_proxy(settings):
    """One trusted reverse proxy at 10.0.0.2 in front of the app."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def _request(xff: str | None = None):
    headers = {"REMOTE_ADDR": PROXY}
    if xff is not None:
        headers["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **headers)


def test_it_ignores_a_forged_forwarded_header_without_a_trusted_proxy(db):
    assert client_ip(_request("203.0.113.7")) == PROXY


def test_it_takes_the_address_the_trusted_proxy_added(db, behind_proxy):
    # The visitor may put anything in front; the proxy appends the address it saw.
    assert client_ip(_request("198.51.100.9, 203.0.113.7")) == "203.0.113.7"
    assert client_ip(_request()) == PROXY


def test_it_counts_several_proxies_from_the_right(db, settings):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request("198.51.100.9, 203.0.113.7, 10.0.0.3")) == "203.0.113.7"


def test_it_reads_the_count_of_trusted_proxies_from_the_environment():
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; "
        "print(settings.TRUSTED_PROXY_COUNT, settings.ALLAUTH_TRUSTED_PROXY_COUNT)",
        env={"DJANGO_SETTINGS_MODULE": "frivillig.settings_test", "TRUSTED_PROXY_COUNT": "2"},
    )
    assert result.stdout.splitlines()[-1].split() == ["2", "2"], result.stderr


def _fail_logins(client, count: int, xff: str) -> None:
    for i in range(count):
        client.post(
            reverse("account_login"),
            {"login": f"ukjent{i}@example.org", "password": "feil"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=xff,
        )


def _login(client, xff: str):
    return client.post(
        reverse("account_login"),
        {"login": "kari@example.org", "password": "passord-123"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=xff,
    )


def test_one_visitors_failed_logins_do_not_lock_out_the_others(client, db, behind_proxy):
    f.UserFactory(email="kari@example.org")
    _fail_logins(client, 12, "198.51.100.1")
    response = _login(client, "198.51.100.2")
    assert response.status_code == 302
    assert AuditEvent.objects.get(action="auth.login").data["ip"] == "198.51.100.2"
    failed = AuditEvent.objects.filter(action="auth.login_failed")
    assert {event.data["ip"] for event in failed} == {"198.51.100.1"}


def test_a_forged_header_does_not_escape_the_login_rate_limit(client, db):
    f.UserFactory(email="kari@example.org")
    _fail_logins(client, 12, "198.51.100.1")
    response = _login(client, "198.51.100.2")
    assert "For mange innloggingsforsøk" in response.content.decode()
    assert not AuditEvent.objects.filter(action="auth.login").exists()
    logins = AuditEvent.objects.filter(action__startswith="auth.")
    assert {event.data["ip"] for event in logins} == {PROXY}


def _sign_up(client, world, n: int, xff: str) -> int:
    data = {
        "first_name": "Nora",
        "last_name": f"Nilsen{n}",
        "email": f"nora{n}@example.org",
        "phone": "",
        "birth_year": "1990",
        "postal_code": "8500",
        "consent": "on",
        "website": "",
    }
    return client.post(
        reverse("volunteers:signup", args=[world.centre.slug]),
        data,
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=xff,
    ).status_code


def test_the_public_sign_up_limit_counts_each_visitor(client, world, settings, behind_proxy):
    ConsentTextFactory(centre=world.centre)
    settings.VOLUNTEER_SIGNUP_RATE_PER_HOUR = 2
    statuses = [_sign_up(client, world, n, f"198.51.100.{n}") for n in range(5)]
    assert statuses == [302] * 5
    assert Volunteer.objects.filter(email__startswith="nora").count() == 5


def test_a_forged_header_does_not_escape_the_sign_up_limit(client, world, settings):
    ConsentTextFactory(centre=world.centre)
    settings.VOLUNTEER_SIGNUP_RATE_PER_HOUR = 2
    statuses = [_sign_up(client, world, n, f"198.51.100.{n}") for n in range(4)]
    assert statuses == [302, 302, 429, 429]
