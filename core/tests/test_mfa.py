"""Two-factor sign-in for staff (core.mfa, allauth.mfa) and re-authentication before the
sensitive steps."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from tests import factories as f

REQUIRED = ["coordinator", "municipality", "site_admin"]
PASSWORD = "passord-123"  # tests/factories.py


def totp_code(secret: str) -> str:
    """The authenticator app's code of this moment."""
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def enrol(user) -> str:
    """Give `user` an authenticator app; returns its secret."""
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    TOTP.activate(user, secret)
    return secret


@pytest.fixture
def required(settings):
    settings.MFA_REQUIRED_ROLES = REQUIRED


@pytest.mark.parametrize("role", ["coordinator", "municipality_viewer", "site_admin"])
def test_staff_without_a_second_factor_are_sent_to_enrol(world, login, required, role):
    client = login(getattr(world, role))
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))
    # Nothing else opens either, the admin included.
    assert client.get(reverse("admin:index")).url.startswith(reverse("mfa_activate_totp"))


@pytest.mark.parametrize("role", ["volunteer_user", "association"])
def test_volunteers_and_associations_need_no_second_factor(world, login, required, role):
    assert login(getattr(world, role)).get(reverse("core:home")).status_code == 200


def test_nothing_is_required_when_the_setting_is_empty(world, login, settings):
    settings.MFA_REQUIRED_ROLES = []
    assert login(world.coordinator).get(reverse("core:home")).status_code == 200


def test_the_setting_can_widen_the_roles(world, login, settings):
    settings.MFA_REQUIRED_ROLES = [*REQUIRED, "volunteer"]
    response = login(world.volunteer_user).get(reverse("core:home"))
    assert response.url.startswith(reverse("mfa_activate_totp"))


def test_a_coordinator_enrols_an_authenticator_app_and_goes_on(world, login, required):
    EmailAddress.objects.create(
        user=world.coordinator, email=world.coordinator.email, verified=True, primary=True
    )
    client = login(world.coordinator)
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302, response.content.decode()[:500]
    assert Authenticator.objects.filter(
        user=world.coordinator, type=Authenticator.Type.TOTP
    ).exists()
    assert client.get(reverse("core:home")).status_code == 200


def test_signing_in_asks_for_the_code_of_a_user_who_has_a_second_factor(world, client, required):
    secret = enrol(world.coordinator)
    response = client.post(
        reverse("account_login"), {"login": world.coordinator.email, "password": PASSWORD}
    )
    assert response.url == reverse("mfa_authenticate")
    assert client.get(reverse("core:home")).status_code == 302  # not signed in yet
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert not response.wsgi_request.user.is_authenticated
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200


def test_the_admin_opens_only_with_a_second_factor(world, login, required):
    client = login(world.site_admin)
    assert client.get(reverse("admin:index")).status_code == 302
    enrol(world.site_admin)
    client = login(world.site_admin)
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_last_second_factor_of_a_required_role_cannot_be_removed(world, required):
    from core.adapters import MFAAdapter

    enrol(world.coordinator)
    totp = Authenticator.objects.get(user=world.coordinator, type=Authenticator.Type.TOTP)
    assert not MFAAdapter().can_delete_authenticator(totp)
    enrol(world.volunteer_user)
    own = Authenticator.objects.get(user=world.volunteer_user, type=Authenticator.Type.TOTP)
    assert MFAAdapter().can_delete_authenticator(own)


# --- Re-authentication --------------------------------------------------------------------------


def _reauth_asked(response) -> bool:
    return response.status_code == 302 and response.url.startswith(
        reverse("account_reauthenticate")
    )


def test_erasing_a_person_asks_to_re_authenticate(world, login):
    client = login(world.coordinator, reauthenticated=False)
    url = reverse("volunteers:erase", args=[world.volunteer.pk])
    assert _reauth_asked(client.get(url))
    asked = client.post(url, {"confirm": "yes"})
    assert _reauth_asked(asked)
    world.volunteer.refresh_from_db()
    assert world.volunteer.first_name != ""
    # A wrong password does nothing; the right one carries out the confirmed erasure that
    # was asked for (allauth resumes the request it interrupted).
    client.post(asked.url, {"password": "feil"})
    world.volunteer.refresh_from_db()
    assert world.volunteer.first_name != ""
    response = client.post(asked.url, {"password": PASSWORD}, follow=True)
    assert response.status_code == 200
    world.volunteer.refresh_from_db()
    assert world.volunteer.erased_at is not None


def test_a_recent_sign_in_counts_as_re_authentication(world, client):
    client.post(reverse("account_login"), {"login": world.coordinator.email, "password": PASSWORD})
    url = reverse("volunteers:erase", args=[world.volunteer.pk])
    assert client.get(url).status_code == 200


def test_it_re_authenticates_after_the_timeout(world, login, settings):
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = -1
    client = login(world.coordinator)
    assert _reauth_asked(client.get(reverse("volunteers:erase", args=[world.volunteer.pk])))


@pytest.mark.parametrize(
    "url",
    [
        lambda w: reverse("volunteers:export", args=[w.volunteer.pk]),
        lambda w: reverse("organisations:export", args=["csv"]),
        lambda w: reverse("organisations:export", args=["xlsx"]),
    ],
    ids=["person-export", "registry-csv", "registry-xlsx"],
)
def test_exports_ask_to_re_authenticate(world, login, url):
    client = login(world.coordinator, reauthenticated=False)
    assert _reauth_asked(client.get(url(world)))
    assert login(world.coordinator).get(url(world)).status_code == 200


def test_changing_a_role_in_the_admin_asks_to_re_authenticate(world, login):
    client = login(world.site_admin, reauthenticated=False)
    url = reverse("admin:core_user_change", args=[world.volunteer_user.pk])
    assert _reauth_asked(client.get(url))
    assert _reauth_asked(client.post(url, {"role": "coordinator"}))
    world.volunteer_user.refresh_from_db()
    assert world.volunteer_user.role == "volunteer"
    assert login(world.site_admin).get(url).status_code == 200


def test_a_coordinator_cannot_reach_the_step_by_re_authenticating_as_nobody(db, client):
    user = f.UserFactory(email="ingen@example.org")
    client.force_login(user)
    assert client.get(reverse("organisations:export", args=["csv"])).status_code == 403
