"""Journey 3: a person signs up as a volunteer, is matched to a task and has hours approved."""

import re

from django.core import mail
from playwright.sync_api import expect

from hours.models import HourEntry
from volunteers.models import ConsentText, Interest

PASSWORD = "passord-123"
EMAIL = "nina.berg@example.org"


def test_a_volunteer_signs_up_is_matched_and_gets_hours_approved(
    visit, world, settings, live_server
):
    settings.SITE_URL = live_server.url
    page = visit.page
    page.set_default_timeout(5000)
    ConsentText.objects.create(
        centre=world.centre,
        version=1,
        text="Sentralen lagrer navnet ditt og kontaktinformasjonen din.",
        text_en="The centre stores your name and contact details.",
    )
    Interest.objects.create(name="Turer", name_en="Walks")
    Interest.objects.create(name="Lesing", name_en="Reading")

    # A person signs up on the public form, with consent.
    visit.go(f"/volunteers/signup/{world.centre.slug}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bli frivillig")
    page.get_by_label("Fornavn").fill("Nina")
    page.get_by_label("Etternavn").fill("Berg")
    page.get_by_label("E-post").fill(EMAIL)
    page.get_by_label("Turer").check()
    page.get_by_label(re.compile("hverdager", re.I)).first.check()
    page.get_by_label(re.compile("samtykker")).check()
    visit.shoot("signup")
    page.get_by_role("button", name="Meld meg på").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Takk")
    visit.check_accessibility()
    visit.shoot("signup-done")

    # The coordinator approves the applicant.
    visit.login(world.coordinator.email, PASSWORD)
    page.get_by_role("link", name="Frivillige", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Frivillige")
    visit.check_accessibility()
    page.get_by_role("link", name="Nina Berg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nina Berg")
    visit.check_accessibility()
    page.get_by_role("button", name="Godkjenn som frivillig").click()
    expect(page.locator(".messages")).to_contain_text("aktiv frivillig")
    visit.shoot("volunteer-approved")

    # ... posts a task, sees the volunteer suggested with the reasons, and matches them.
    page.get_by_role("link", name="Oppdrag", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Oppdrag")
    visit.check_accessibility()
    page.get_by_role("link", name="Legg ut et oppdrag").click()
    expect(page).to_have_url(re.compile(r"/tasks/new/$"))
    visit.check_accessibility()
    page.get_by_label("Tittel").fill("Turvenn for Per")
    page.get_by_label("Turer").check()
    page.get_by_label(re.compile("hverdager", re.I)).first.check()
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Turvenn for Per")
    visit.check_accessibility()
    suggestion = page.locator(".candidate").filter(has_text="Nina Berg")
    expect(suggestion).to_contain_text("Felles interesser: Turer")
    expect(suggestion).to_contain_text("hverdager")
    visit.shoot("task-suggestions")
    # Matching e-mails the volunteer, so it asks first: open, then confirm.
    suggestion.locator("summary").click()
    suggestion.get_by_role(
        "button", name=re.compile("^(Koble og varsle|Match and notify)$")
    ).click()
    expect(page.locator(".messages")).to_contain_text("Nina Berg")
    expect(page.locator("main")).to_contain_text("Nina Berg")

    # ... and gives the volunteer a login.
    page.get_by_role("link", name="Nina Berg").first.click()
    page.get_by_role("button", name="Gi innlogging").click()
    expect(page.locator(".messages")).to_contain_text(EMAIL)
    visit.check_accessibility()
    visit.logout()

    # The volunteer sets a password through the e-mailed link and logs 2:30 hours.
    invitation = [m for m in mail.outbox if m.to == [EMAIL] and "/password/reset/key/" in m.body]
    assert len(invitation) == 1
    link = re.search(r"https?://\S+/password/reset/key/\S+", invitation[0].body).group(0)
    page.goto(link)
    expect(page).to_have_url(re.compile(r"/password/reset/key/"))
    visit.check_accessibility()
    page.get_by_label(re.compile(r"^Nytt passord\b(?! \()")).fill("et-langt-passord-88")
    page.get_by_label(re.compile(r"^Nytt passord \(")).fill("et-langt-passord-88")
    visit.shoot("set-password")
    page.get_by_role("button", name=re.compile("passord", re.I)).click()
    visit.check_accessibility()
    visit.login(EMAIL, "et-langt-passord-88")
    page.get_by_role("link", name="Mine timer").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("timer")
    visit.check_accessibility()
    page.get_by_label(re.compile(r"^Timer\b")).fill("2:30")
    page.get_by_label("Oppdrag").select_option(label="Turvenn for Per")
    page.get_by_role("button", name="Før timer").click()
    expect(page.locator(".messages")).to_contain_text("venter på godkjenning")
    expect(page.locator("main .hour-cards")).to_contain_text("2,5")
    visit.check_accessibility()
    visit.shoot("my-hours")
    visit.logout()

    # The coordinator approves the hours.
    visit.login(world.coordinator.email, PASSWORD)
    page.get_by_role("link", name="Timer", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Timer som venter på godkjenning")
    visit.check_accessibility()
    row = page.get_by_role("row").filter(has_text="Nina Berg")
    expect(row).to_contain_text("2,5")
    visit.shoot("hours-pending")
    row.get_by_role("button", name="Godkjenn", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Timene er godkjent")
    visit.check_accessibility()
    entry = HourEntry.objects.get(volunteer__email=EMAIL)
    assert entry.status == HourEntry.Status.APPROVED
    assert str(entry.hours) in {"2.5", "2.50"}
