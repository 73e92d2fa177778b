"""ID-porten and Ansattporten against a real OpenID Connect provider on 127.0.0.1."""

from __future__ import annotations

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from core.eid.provider import pid_hash
from core.eid.tests.conftest import query_of

PID = "12345678901"


@pytest.fixture
def linked(world, eid):
    """The volunteer's account, linked to their ID-porten identity once."""
    SocialAccount.objects.create(
        user=world.volunteer_user, provider="idporten", uid=pid_hash(PID), extra_data={}
    )
    return world.volunteer_user


def test_a_linked_volunteer_signs_in_with_id_porten(linked, eid_browser):
    authorize = eid_browser.start()
    params = query_of(authorize)
    assert params["code_challenge_method"] == "S256" and params["code_challenge"]
    assert params["acr_values"] == "idporten-loa-substantial"
    assert params["ui_locales"] == "nb"
    assert params["nonce"] and params["state"]
    response = eid_browser.client.get(eid_browser.authenticate(authorize, PID))
    assert response.status_code == 302, response.content.decode()[:1000]
    assert response.wsgi_request.user == linked


def _refused(response) -> bool:
    return response.status_code == 401 and not response.wsgi_request.user.is_authenticated


def _tamper_state(client, **changes) -> None:
    session = client.session
    states = session["socialaccount_states"]
    for state in states.values():
        state[0].update(changes)
    session["socialaccount_states"] = states
    session.save()


def test_the_provider_verifies_pkce(linked, eid_browser):
    """A code is exchanged only with the verifier of its challenge: the provider checks it."""
    authorize = eid_browser.start()
    _tamper_state(eid_browser.client, pkce_code_verifier="x" * 64)
    response = eid_browser.client.get(eid_browser.authenticate(authorize, PID))
    assert _refused(response)
    assert "token request was refused" in str(response.context["auth_error"]["exception"])


def test_a_wrong_nonce_is_refused(linked, eid_browser):
    authorize = eid_browser.start()
    _tamper_state(eid_browser.client, nonce="another-request")
    response = eid_browser.client.get(eid_browser.authenticate(authorize, PID))
    assert _refused(response)
    assert str(response.context["auth_error"]["exception"]) == "nonce"


def test_a_token_from_another_issuer_is_refused(linked, eid_browser, settings, eid):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "eid": {"APPS": [eid.app("idporten", issuer="https://idporten.no")]}
    }
    response = eid_browser.login(PID)
    assert _refused(response)
    assert str(response.context["auth_error"]["exception"]) == "issuer"


def test_an_expired_token_is_refused(linked, eid_browser, monkeypatch):
    import time

    from core.eid import adapter

    # The token is checked as if it arrived two hours later than it did.
    monkeypatch.setattr(adapter, "now", lambda: time.time() + 2 * 3600)
    response = eid_browser.login(PID)
    assert _refused(response)
    assert str(response.context["auth_error"]["exception"]) == "expired"


def test_a_lower_level_of_assurance_than_asked_for_is_refused(linked, eid_browser, settings, eid):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "eid": {"APPS": [eid.app("idporten", acr_values="idporten-loa-high")]}
    }
    authorize = eid_browser.start()
    # The provider answers with the level asked for; ask it for another one than we check.
    authorize = authorize.replace("idporten-loa-high", "idporten-loa-substantial")
    response = eid_browser.client.get(eid_browser.authenticate(authorize, PID))
    assert _refused(response)
    assert str(response.context["auth_error"]["exception"]) == "acr"


def test_logout_ends_the_id_porten_session_too(linked, eid_browser):
    assert eid_browser.login(PID).wsgi_request.user == linked
    response = eid_browser.client.post(reverse("account_logout"))
    assert response.status_code == 302
    end_session = response.url
    assert end_session.startswith(browser_issuer(eid_browser) + "/session/end")
    params = query_of(end_session)
    assert params["client_id"] == "frivillig-test"
    assert params["post_logout_redirect_uri"] == "http://testserver/accounts/login/"
    assert not eid_browser.client.get(reverse("core:home")).wsgi_request.user.is_authenticated
    # At the provider: confirm, and back to our login page.
    page = eid_browser.provider.get(end_session, timeout=10)
    assert page.status_code == 200
    import re

    form = re.search(r'<form[^>]*action="([^"]+)"', page.text)
    assert form is not None
    xsrf = re.search(r'name="xsrf" value="([^"]+)"', page.text)
    done = eid_browser.provider.post(
        form.group(1),
        data={"xsrf": xsrf.group(1) if xsrf else "", "logout": "yes"},
        allow_redirects=False,
        timeout=10,
    )
    assert done.status_code in {302, 303}
    assert done.headers["Location"].startswith("http://testserver/accounts/login/")
    # The provider's session is gone: the next sign-in asks for the login again.
    authorize = eid_browser.start()
    page = eid_browser.provider.get(authorize, timeout=10)
    assert "Testporten" in page.text


def browser_issuer(eid_browser) -> str:
    from django.conf import settings

    return settings.SOCIALACCOUNT_PROVIDERS["eid"]["APPS"][0]["settings"]["issuer"]


def test_no_national_identity_number_is_stored_anywhere(linked, eid_browser):
    import json

    from django.apps import apps
    from django.contrib.sessions.models import Session

    assert eid_browser.login(PID).wsgi_request.user == linked
    found = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        if model is Session:
            text = " ".join(str(s.get_decoded()) for s in model.objects.all())
        else:
            rows = model._base_manager.all().values()
            text = " ".join(json.dumps(list(row.values()), default=str) for row in rows)
        if PID in text:
            found.append(model._meta.label)
    assert found == []
    account = SocialAccount.objects.get(user=linked)
    assert account.uid == pid_hash(PID) and PID not in account.uid
    assert "pid" not in json.dumps(account.extra_data)


def test_a_signed_in_user_links_their_id_porten_identity_once(world, eid, eid_browser, login):
    client = login(world.volunteer_user)
    eid_browser.client = client
    authorize = eid_browser.start(process="connect")
    response = client.get(eid_browser.authenticate(authorize, PID))
    assert response.status_code == 302
    account = SocialAccount.objects.get(user=world.volunteer_user)
    assert account.uid == pid_hash(PID)
    # Next time ID-porten alone signs them in.
    client.logout()
    assert eid_browser.login(PID).wsgi_request.user == world.volunteer_user


def test_an_unknown_identity_gets_no_account_of_its_own(world, eid, eid_browser):
    response = eid_browser.login("01020312345")
    assert not response.wsgi_request.user.is_authenticated
    assert not SocialAccount.objects.exists()


def test_staff_use_ansattporten_not_id_porten(world, eid, eid_browser):
    SocialAccount.objects.create(
        user=world.coordinator, provider="idporten", uid=pid_hash(PID), extra_data={}
    )
    response = eid_browser.login(PID)
    assert _refused(response)
    assert str(response.context["auth_error"]["exception"]) == "role"
    eid_browser.provider = requests.Session()  # another person's browser
    SocialAccount.objects.create(
        user=world.coordinator, provider="ansattporten", uid=pid_hash("22222222222"), extra_data={}
    )
    response = eid_browser.login("22222222222", provider_id="ansattporten")
    assert response.wsgi_request.user == world.coordinator


def test_the_login_page_and_the_account_page_offer_the_electronic_ids(world, eid, login):
    page = login(None).get(reverse("account_login")).content.decode()
    assert reverse("eid_login", args=["idporten"]) in page
    assert reverse("eid_login", args=["ansattporten"]) in page
    account = login(world.volunteer_user).get(reverse("core:account")).content.decode()
    assert reverse("eid_login", args=["idporten"]) in account
    assert reverse("eid_login", args=["ansattporten"]) not in account
    assert 'name="process" value="connect"' in account
