"""A person logs in as each role, finds their start page, and switches language."""

import re

from playwright.sync_api import expect

from tests import factories as f

PASSWORD = "passord-123"


def test_each_role_logs_in_and_lands_on_its_start_page(visit, world):
    for user, text in [
        (world.coordinator, "Du er koordinator for Fjordvik frivilligsentral"),
        (world.municipality_viewer, "Du har lesetilgang"),
        (world.volunteer_user, "profilen din"),
    ]:
        visit.login(user.email, PASSWORD)
        expect(visit.page.get_by_role("heading", level=1)).to_contain_text("Velkommen")
        expect(visit.page.locator("main")).to_contain_text(text)
        visit.shoot(f"start-{user.role}")
        visit.logout()
        expect(visit.page).to_have_url(re.compile(r"/accounts/login/"))


def test_an_association_user_lands_on_its_own_entry(visit, world):
    visit.login(world.association.email, PASSWORD)
    expect(visit.page).to_have_url(re.compile(rf"/associations/{world.organisation.pk}/$"))
    expect(visit.page.get_by_role("heading", level=1)).to_contain_text("Fjordvik Sanitetsforening")
    visit.shoot("association-entry")


def test_a_wrong_password_shows_a_clear_message(visit, world):
    visit.login(world.coordinator.email, "feil-passord")
    expect(visit.page.locator("main")).to_contain_text("passordet du oppgav er feil")
    visit.shoot("login-error")


def test_the_coordinator_switches_to_english_and_back(visit, world):
    f.OrganisationFactory(centre=world.centre, name="Fjordvik Turlag 2")
    visit.login(world.coordinator.email, PASSWORD)
    page = visit.page
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    visit.check_accessibility()
    visit.shoot("start-english")
    page.get_by_role("link", name="Associations").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Associations")
    visit.check_accessibility()
    page.get_by_role("button", name="Bokmål").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Foreninger")
