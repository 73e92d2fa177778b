"""Journeys of reach: an anonymous visitor finds this week's public activity, subscribes to the
feed, and offers help to an association that needs volunteers, which the association's user
then sees; the association's own form fits in 1 800 px at 1280 px."""

from __future__ import annotations

import datetime as dt
import re

import icalendar
from django.utils import timezone
from playwright.sync_api import expect

from core.scopes import scopes_disabled
from organisations.models import HelpOffer, Organisation
from tasks.models import Task
from tests import factories as f

PASSWORD = "passord-123"


def _setup(world):
    centre = world.centre
    organisation = world.organisation
    organisation.is_public = True
    organisation.needs_volunteers = True
    organisation.volunteer_needs = "Turledere til søndagsturene"
    organisation.email = "post@sanitet.example"
    organisation.save()
    project = f.ProjectFactory(centre=centre, name="Drift", slug="drift")
    f.ActivityFactory(
        project=project,
        title="Søndagstur i marka",
        date=timezone.localdate(),
        start_time=dt.time(11),
        end_time=dt.time(13),
        place="Parkeringsplassen ved marka",
        organiser=organisation,
        is_public=True,
    )
    Task.objects.create(centre=centre, title="Turleder", organisation=organisation, is_public=True)
    return centre, organisation


def test_a_visitor_finds_this_weeks_activity_subscribes_and_offers_help(visit, world):
    page = visit.page
    page.set_default_timeout(5000)
    centre, organisation = _setup(world)

    visit.go(f"/c/{centre.slug}/")
    expect(page.get_by_text("Søndagstur i marka")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^(Logg inn|Log in)$"))).to_be_visible()

    # The feed: the link the page offers, parsed as iCalendar.
    feed_url = page.get_by_role("link", name=re.compile("Abonner|Subscribe")).first.get_attribute(
        "href"
    )
    feed = icalendar.Calendar.from_ical(page.request.get(visit.base_url + feed_url).body())
    events = [c for c in feed.walk("VEVENT")]
    assert any(str(e["SUMMARY"]) == "Søndagstur i marka" for e in events)

    # An association that needs volunteers leads to its page and its "I want to help" form.
    page.get_by_role("link", name=organisation.name).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(organisation.name)
    visit.check_accessibility()
    page.get_by_label(re.compile("^(Navnet ditt|Your name)")).fill("Vera Villig")
    page.get_by_label(re.compile("^(E-postadressen din|Your e-mail address)")).fill(
        "vera@example.org"
    )
    page.get_by_label(re.compile("^(Hva vil du hjelpe til med|What would you like)")).fill(
        "Jeg kan være turleder på søndager."
    )
    page.get_by_role("button", name=re.compile("^(Send)$")).click()
    expect(page.locator(".messages")).to_contain_text(re.compile("Takk|Thank you"))
    visit.check_accessibility()
    visit.shoot("association-public-page")
    with scopes_disabled():
        assert HelpOffer.objects.system().filter(organisation=organisation).count() == 1

    # The association's user sees the offer on the entry's page.
    visit.login(world.association.email, PASSWORD)
    visit.go(f"/associations/{organisation.pk}/")
    offers = page.locator("#help-offers")
    expect(offers).to_contain_text("Vera Villig")
    expect(offers).to_contain_text("Jeg kan være turleder på søndager.")


def test_the_associations_form_fits_in_1800_px_for_its_user(visit, world):
    organisation = world.organisation
    # A municipality with districts (as the demo's): the form has the district too.
    f.DistrictFactory(municipality=world.municipality, name="Sentrum")
    Organisation.objects.filter(pk=organisation.pk).update(
        business_address="Storgata 1",
        business_postal_code="8500",
        business_postal_place="Fjordvik",
        organisation_form="FLI",
        activity="Frivillig helsearbeid",
    )
    visit.login(world.association.email, PASSWORD)
    visit.go(f"/associations/{organisation.pk}/edit/")
    page = visit.page
    height = page.evaluate("document.documentElement.scrollHeight")
    visit.shoot("association-form")
    assert height <= 1800, f"The association's form is {height} px tall at 1280 px"
    # The register's fields: read-only, folded away, there when opened.
    section = page.locator("details.register-fields")
    expect(section).not_to_have_attribute("open", "")
    section.locator("summary").click()
    expect(section).to_contain_text("Storgata 1")
    expect(page.locator("input[name=business_address]")).to_have_count(0)
