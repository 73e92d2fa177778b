"""Journey: a coordinator is made to enrol an authenticator app, signs in again with a code from
it, and is asked to re-authenticate before erasing a person."""

import re
import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

PASSWORD = "passord-123"


def _fresh_code(secret: str, used: set[str]) -> str:
    """A code that was not used yet (a code works once): the app's code of this moment, or of
    the next 30 seconds, which the journey's tolerance of one step accepts (an app whose clock
    runs a little ahead), rather than waiting up to half a minute for the next code."""
    step = int(time.time()) // 30
    for counter in (step, step + 1):
        code = format_hotp_value(hotp_value(secret, counter))
        if code not in used:
            used.add(code)
            return code
    raise AssertionError("more than two codes asked for in one 30-second step")


def test_a_coordinator_enrols_an_authenticator_app_and_signs_in_with_it(visit, world, settings):
    settings.MFA_REQUIRED_ROLES = ["coordinator", "municipality", "site_admin"]
    settings.MFA_TOTP_TOLERANCE = 1  # the next step's code is good now (see _fresh_code)
    page = visit.page
    page.set_default_timeout(20000)
    used: set[str] = set()

    # The first sign-in after two-factor became required leads to enrolment, nowhere else.
    visit.login(world.coordinator.email, PASSWORD)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    visit.check_accessibility()
    visit.shoot("enrol-authenticator-app")
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label(re.compile("Autentiseringskode|Authenticator code|kode", re.I)).fill(
        _fresh_code(secret, used)
    )
    page.get_by_role("button", name=re.compile("Aktiver|Activate", re.I)).click()
    page.wait_for_load_state()
    visit.check_accessibility()
    visit.go("/start/")
    expect(page).to_have_url(re.compile(r"/start/$"))

    # Out, and in again: the password, then a code from the app.
    visit.logout()
    visit.login(world.coordinator.email, PASSWORD)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    visit.shoot("sign-in-second-factor")
    page.locator("input[name=code]").fill(_fresh_code(secret, used))
    page.locator("form[action$='/2fa/authenticate/'] button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/start/$"))
    visit.check_accessibility()


def test_a_coordinator_erasing_a_person_is_asked_to_re_authenticate(visit, world, settings):
    page = visit.page
    page.set_default_timeout(20000)
    visit.login(world.coordinator.email, PASSWORD)
    # The sign-in itself counts for a few minutes; let it be longer ago than that.
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 1
    time.sleep(1.5)
    visit.go(f"/volunteers/people/{world.volunteer.pk}/erase/")
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    visit.shoot("re-authenticate")
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action*='reauthenticate'] button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(rf"/volunteers/people/{world.volunteer.pk}/erase/"))
    visit.check_accessibility()
