"""Cooperation with the municipality in the browser (issue 23):

1. The coordinator records a partnership with its contributions and its signed agreement; the
   organisation drafts its story and consents to what is shown; the municipality approves it,
   and it appears on the public "Samarbeid" page.
2. A municipality viewer reads the years for one district and for the whole municipality and
   downloads the years PDF.
3. An organisation enters its own yearly figures, shown as reported.

Every page is checked with axe-core."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from cooperation.models import Partnership, Story
from cooperation.tests.factories import UnitFactory
from tests.factories import ActivityFactory, ProjectFactory, north_and_south

PASSWORD = "passord-123"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ANSWERS = [
    (
        "Hva var ideen? Hvilket behov eller problem svarte den på?",
        "Unge trengte en vei inn i jobb.",
    ),
    (
        "Hva skjedde? Hvor kom ideen fra, hvem tok kontakt med hvem, hvordan ble den "
        "forankret og formalisert?",
        "NAV ringte oss, og vi skrev en avtale.",
    ),
    ("Hva gjorde at det lyktes, og hva bidro kommunen med?", "Kommunen kjøpte plasser."),
    ("Hva var barrierene?", "Ettårige midler."),
    ("Hva gjorde kommunen som hjalp mest?", "En fast kontaktperson."),
    ("Hva kan andre lære?", "Start smått."),
]


def test_a_partnership_from_agreement_to_public_story(visit, world, tmp_path):
    UnitFactory(municipality=world.municipality, name="NAV Fjordvik", kind="nav")
    page = visit.page

    # The coordinator records the partnership.
    visit.login(world.coordinator.email, PASSWORD)
    page.get_by_role("navigation").get_by_role("link", name="Samarbeid").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    page.get_by_role("link", name="Registrer en samarbeidsavtale").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    page.get_by_label(re.compile(r"^Navn\b")).fill("Arbeidstrening")
    page.get_by_label(re.compile(r"^Organisasjon\b")).select_option(label=world.organisation.name)
    page.get_by_label(re.compile(r"^Formål\b")).fill("Jobb for unge voksne")
    page.get_by_label(re.compile(r"^Status\b")).select_option("active")
    page.get_by_label(re.compile(r"^Fra\b")).fill("2025-01-01")
    page.get_by_label(re.compile(r"^Til\b")).fill("2027-12-31")
    page.get_by_label("NAV Fjordvik").check()
    page.get_by_label("Kjøp av tjenester eller arbeidsplasser").check()
    page.get_by_label("Henvisning av deltakere").check()
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator("h1")).to_have_text("Arbeidstrening")
    visit.check_accessibility()

    # Its contributions and the signed agreement, on the partnership's page.
    form = page.locator("form", has=page.get_by_role("heading", name="Legg til et bidrag"))
    form.get_by_label("År").fill("2025")
    form.get_by_label("Gitt av").select_option("municipality")
    form.get_by_label("Type").select_option("money")
    form.get_by_label("Beløp").fill("400000")
    form.get_by_role("button", name="Legg til").click()
    page.wait_for_load_state()
    expect(page.get_by_text("kr 400000")).to_be_visible()
    agreement = tmp_path / "avtale.pdf"
    agreement.write_bytes(PDF)
    page.get_by_label("Signert avtale").set_input_files(str(agreement))
    page.get_by_role("button", name="Lagre den signerte avtalen").click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="avtale.pdf")).to_be_visible()
    visit.check_accessibility()
    visit.shoot("partnership")
    partnership = Partnership.objects.system().get(title="Arbeidstrening")
    visit.logout()

    # The organisation drafts its story, sends it, and consents to what is shown.
    visit.login(world.association.email, PASSWORD)
    visit.go(f"/cooperation/partnerships/{partnership.pk}/")
    page.get_by_role("link", name="Skriv historien").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    page.get_by_label("Tittel").fill("Ti ble til nitten")
    page.get_by_label("Tema").select_option("work")
    for question, answer in ANSWERS:
        page.get_by_label(question).fill(answer)
    page.get_by_role("button", name="Send til kommunen for godkjenning").click()
    page.wait_for_load_state()
    expect(page.locator(".lead")).to_contain_text("Venter på kommunens godkjenning")
    page.get_by_label("Kontaktperson som vises").fill("Ola Leder")
    page.get_by_label("Kontaktpersonen vår kan vises (navn og e-post)").check()
    page.get_by_role("button", name="Registrer vårt samtykke").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    story = Story.objects.system().get()
    assert story.published_at is None
    visit.logout()

    # The municipality approves it.
    visit.login(world.municipality_viewer.email, PASSWORD)
    page.get_by_role("navigation").get_by_role("link", name="Samarbeid").click()
    page.get_by_role("link", name="Historier og hefte").click()
    page.get_by_role("link", name="Ti ble til nitten").click()
    page.get_by_role("link", name="Godkjenn eller send tilbake").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    page.get_by_role("button", name="Godkjenn og samtykk").click()
    page.wait_for_load_state()
    expect(page.locator(".lead")).to_contain_text("Publisert")
    visit.logout()

    # It is on the public page.
    visit.go(f"/samarbeid/{world.centre.slug}/")
    page.get_by_role("link", name="Ti ble til nitten").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    expect(page.locator("article")).to_contain_text("Start smått.")
    expect(page.get_by_text("Ola Leder")).to_be_visible()
    visit.shoot("public-story")


@pytest.fixture
def districts(world):
    found = north_and_south(world)
    year = dt.date.today().year - 1
    for centre, count in ((world.centre, 3), (world.sibling_centre, 1)):
        project = ProjectFactory(centre=centre)
        for day in range(count):
            ActivityFactory(project=project, date=dt.date(year, 4, 1 + day))
    return found


def test_the_municipality_reads_the_years_per_district_and_downloads_the_pdf(
    visit, world, districts
):
    page = visit.page
    visit.login(world.municipality_viewer.email, PASSWORD)
    page.get_by_role("navigation").get_by_role("link", name="År", exact=True).click()
    page.wait_for_load_state()
    visit.check_accessibility()
    held = page.locator(
        'tr:has(th:text("Aktiviteter gjennomført")) [data-figure="activities.held"]'
    )
    expect(held.first).to_have_text("4")
    page.get_by_label("Vis").select_option(label="Nord")
    page.get_by_role("button", name="Bruk").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    expect(page.locator("h1")).to_contain_text("Nord")
    expect(held.first).to_have_text("1")
    visit.shoot("years-district")
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned årene (PDF)").click()
    path = download.value.path()
    assert open(path, "rb").read(4) == b"%PDF"


def test_an_organisation_enters_its_reported_yearly_figures(visit, world):
    page = visit.page
    visit.login(world.association.email, PASSWORD)
    visit.go("/cooperation/reported/")
    page.get_by_label(re.compile(r"^År\b")).fill("2006")
    page.get_by_label("Aktive frivillige").fill("4437")
    page.get_by_label("Frivillige årsverk").fill("105")
    page.get_by_label("Ansattes årsverk").fill("50")
    page.get_by_role("button", name="Lagre året").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    expect(page.locator("table")).to_contain_text("4437")
    page.get_by_role("link", name="Se årene side om side").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    cell = page.locator('[data-figure="volunteers.active"]').first
    expect(cell).to_contain_text(re.compile(r"4\s437"))
    expect(cell).to_contain_text("rapportert")
