"""Journey: a volunteer logs in through the local ID-porten stand-in (the certified
oidc-provider from npm, tests/oidc) and lands on their own start page; logging out ends the
provider's session too."""

import re

import pytest
from allauth.socialaccount.models import SocialAccount
from playwright.sync_api import expect

from core.eid.provider import pid_hash
from core.eid.tests.conftest import start_provider, stop_provider

PID = "24048512345"


@pytest.fixture
def id_porten(live_server, settings):
    """A provider whose client calls back to this live server."""
    provider = start_provider(
        [f"{live_server.url}/accounts/eid/idporten/login/callback/"],
        [f"{live_server.url}/accounts/login/"],
    )
    settings.EID_PID_HMAC_KEY = "test-pid-hmac-key"
    settings.SOCIALACCOUNT_PROVIDERS = {"eid": {"APPS": [provider.app("idporten")]}}
    yield provider
    stop_provider(provider)


def test_a_volunteer_logs_in_with_id_porten_and_lands_on_their_own_page(visit, world, id_porten):
    SocialAccount.objects.create(
        user=world.volunteer_user, provider="idporten", uid=pid_hash(PID), extra_data={}
    )
    page = visit.page
    page.set_default_timeout(20000)
    visit.go("/accounts/login/")
    visit.shoot("login-with-id-porten")
    page.get_by_role("button", name="Logg inn med ID-porten").click()
    # At the provider (its own page; not ours to check for accessibility).
    expect(page.get_by_role("heading", name="Testporten")).to_be_visible()
    page.get_by_label("Fødselsnummer").fill(PID)
    page.get_by_role("button", name="Logg inn").click()
    expect(page).to_have_url(re.compile(r"/start/$"))
    visit.check_accessibility()
    expect(page.locator(".user-badge__name")).to_have_text(str(world.volunteer_user))

    # Logging out goes on to the provider's end-session page, and back to our login page.
    page.get_by_role("button", name=re.compile("^(Logg ut|Log out)$")).click()
    page.wait_for_url(re.compile(r"/session/end"))
    page.locator("button[autofocus], button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/accounts/login/"))
    visit.check_accessibility()
