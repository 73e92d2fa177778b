"""How long a sign-in lasts (core.sessions) and signing out everywhere (the account page)."""

from __future__ import annotations

import time

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from core.models import AuditEvent
from core.sessions import SESSION_AUTH_AT, SESSION_SEEN_AT, SESSION_STAFF


def _age(client: Client, *, signed_in: float, seen: float) -> None:
    """Move the client's sign-in `signed_in` seconds and its last request `seen` seconds back."""
    session = client.session
    now = int(time.time())
    session[SESSION_AUTH_AT] = now - int(signed_in)
    session[SESSION_SEEN_AT] = now - int(seen)
    session.save()


def _signed_in(client: Client) -> bool:
    response = client.get(reverse("core:home"))
    return response.status_code == 200


def test_a_sign_in_records_the_staff_limits(world, login):
    client = login(world.coordinator)
    assert client.session[SESSION_STAFF] is True
    assert client.session.get_expiry_age() == 8 * 3600
    client = login(world.volunteer_user)
    assert client.session[SESSION_STAFF] is False
    assert client.session.get_expiry_age() == 14 * 86400


@pytest.mark.parametrize("role", ["coordinator", "municipality_viewer", "site_admin"])
def test_staff_are_signed_out_after_eight_idle_hours(world, login, role):
    client = login(getattr(world, role))
    _age(client, signed_in=7.9 * 3600, seen=7.9 * 3600)
    assert _signed_in(client)
    _age(client, signed_in=8.1 * 3600, seen=8.1 * 3600)
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not _signed_in(client)


def test_staff_are_signed_out_twelve_hours_after_signing_in_however_busy(world, login):
    client = login(world.coordinator)
    _age(client, signed_in=11.9 * 3600, seen=60)
    assert _signed_in(client)
    _age(client, signed_in=12.1 * 3600, seen=60)
    assert not _signed_in(client)


def test_volunteers_and_association_contacts_stay_signed_in_longer(world, login):
    for user in (world.volunteer_user, world.association):
        client = login(user)
        _age(client, signed_in=2 * 86400, seen=1 * 86400)
        assert _signed_in(client)
        _age(client, signed_in=20 * 86400, seen=15 * 86400)
        assert not _signed_in(client)
        client = login(user)
        _age(client, signed_in=31 * 86400, seen=60)
        assert not _signed_in(client)


def test_the_limits_are_settings(world, login, settings):
    settings.STAFF_SESSION_IDLE_HOURS = 1
    client = login(world.coordinator)
    _age(client, signed_in=1.5 * 3600, seen=1.5 * 3600)
    assert not _signed_in(client)


def test_a_request_slides_the_idle_window(world, login):
    client = login(world.coordinator)
    _age(client, signed_in=7 * 3600, seen=7 * 3600)
    assert _signed_in(client)
    assert time.time() - client.session[SESSION_SEEN_AT] < 5
    # Seven hours later still in: the last request counts, not the sign-in (12 h is not up).
    session = client.session
    session[SESSION_SEEN_AT] = int(time.time()) - 4 * 3600
    session.save()
    assert _signed_in(client)


def test_signing_out_everywhere_ends_every_session_of_the_user(world, db):
    phone, laptop, other = Client(), Client(), Client()
    phone.force_login(world.coordinator)
    laptop.force_login(world.coordinator)
    other.force_login(world.other_coordinator)
    response = laptop.post(reverse("core:sign_out_everywhere"))
    assert response.status_code == 302
    assert response.url == reverse("account_login")
    assert not _signed_in(phone)
    assert not _signed_in(laptop)
    assert _signed_in(other)
    assert Session.objects.count() == 1
    event = AuditEvent.objects.get(action="auth.sign_out_everywhere")
    assert event.actor == world.coordinator
    assert event.data["sessions"] == 2


def test_the_account_page_offers_two_factor_and_signing_out_everywhere(world, login):
    page = login(world.volunteer_user).get(reverse("core:account")).content.decode()
    assert reverse("mfa_index") in page
    assert reverse("core:sign_out_everywhere") in page
    assert reverse("account_change_password") in page
