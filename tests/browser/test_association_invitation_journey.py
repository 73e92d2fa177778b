"""Journey 1: the coordinator invites an association's contact, who keeps the entry current."""

import re

from django.core import mail
from playwright.sync_api import expect

PASSWORD = "passord-123"
CONTACT = "leder@turlag.example"


def test_a_contact_is_invited_and_keeps_the_entry_current(visit, world, settings, live_server):
    settings.SITE_URL = live_server.url
    page = visit.page
    page.set_default_timeout(5000)
    association = world.other_organisation
    association.phone = "11223344"
    association.save(update_fields=["phone"])

    # The coordinator invites the contact from the association's page.
    visit.login(world.coordinator.email, PASSWORD)
    page.get_by_role("link", name="Foreninger", exact=True).first.click()
    page.get_by_role("link", name=association.name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(association.name)
    visit.check_accessibility()
    page.get_by_label("E-post til personen som skal inviteres").fill(CONTACT)
    page.get_by_role("button", name="Send invitasjon").click()
    expect(page.locator(".messages, [role=status]").first).to_contain_text(CONTACT)
    visit.check_accessibility()
    visit.shoot("coordinator-invited")
    visit.logout()

    # The contact opens the link in the e-mail and creates an account.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [CONTACT]
    link = re.search(r"https?://\S+/associations/invitations/\S+/", mail.outbox[0].body).group(0)
    page.goto(link)
    visit.check_accessibility()
    visit.shoot("invitation")
    page.get_by_role("link", name="Opprett konto").click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/"))
    visit.check_accessibility()
    page.get_by_label(re.compile(r"^E-post\b")).fill(CONTACT)
    page.get_by_label(re.compile(r"^Passord\b(?! \()")).fill("et-langt-passord-77")
    page.get_by_label(re.compile(r"Passord \(gjenta\)")).fill("et-langt-passord-77")
    visit.shoot("signup")
    page.get_by_role("button", name=re.compile("Registrer|Opprett")).click()

    # The contact lands on the association's entry and corrects the phone number.
    expect(page).to_have_url(re.compile(rf"/associations/{association.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(association.name)
    visit.check_accessibility()
    visit.shoot("contact-entry")
    page.get_by_role("link", name="Rediger").click()
    expect(page).to_have_url(re.compile(r"/edit/$"))
    visit.check_accessibility()
    phone = page.get_by_label("Telefon", exact=True)
    expect(phone).to_have_value("11223344")
    phone.fill("+47 98 76 54 32")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator("main")).to_contain_text("Oppføringen ble lagret")
    expect(page.locator("main")).to_contain_text("98765432")
    page.get_by_role("button", name="Bekreft at oppføringen er riktig").click()
    expect(page.locator("main")).to_contain_text("Takk!")
    visit.check_accessibility()
    visit.shoot("contact-confirmed")

    # Another association's address is not found, and says nothing about it.
    page.goto(f"{visit.base_url}/associations/{world.organisation.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fant ikke siden")
    expect(page.locator("main")).not_to_contain_text(world.organisation.name)
    visit.check_accessibility()
    visit.shoot("other-association-not-found")
    visit.logout()

    # The coordinator sees the change in the history.
    visit.login(world.coordinator.email, PASSWORD)
    visit.go(f"/associations/{association.pk}/")
    history = page.get_by_role("region", name="Endringshistorikk")
    change = history.get_by_role("listitem").filter(has_text=CONTACT).filter(has_text="98765432")
    expect(change.first).to_contain_text("11223344")
    visit.shoot("coordinator-history")
