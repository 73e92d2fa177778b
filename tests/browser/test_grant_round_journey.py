"""Journey: the municipality's grant round. A municipality viewer with two centres sees one
centre's missing premises and its local share below 40 %; that centre's coordinator completes
the figures; the municipality confirms both centres and downloads the application summary,
whose text names both centres with their organisation numbers and local shares exactly as
the centres' annual evaluations print them. Every page is checked with axe."""

import io
import re

import pypdf
from playwright.sync_api import expect

from centreyear.grant import current_round, evidence_year
from centreyear.tests.factories import ORGNR, complete_year
from reports.rendering import ReportParams, render_pdf
from tests import factories as f

PASSWORD = "passord-123"
YEAR = current_round()
EVIDENCE = evidence_year(YEAR)


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(p.extract_text() for p in reader.pages).replace("\xa0", " ")


def _annual_local_share(centre) -> str:
    """The local share as the centre's annual evaluation of the evidence year prints it."""
    text = _text(render_pdf(ReportParams(centre=centre, kind="annual", year=EVIDENCE)))
    match = re.search(r"Lokal andel av driftsinntektene (\d+,\d %)", text)
    assert match, text[:2000]
    return match[1]


def test_the_municipality_confirms_its_centres_and_downloads_the_application(visit, world):
    complete_year(world.centre, EVIDENCE, orgnr=ORGNR[0])
    complete_year(world.sibling_centre, EVIDENCE, orgnr=ORGNR[1], premises="", municipality=250_000)
    north_coordinator = f.coordinator(world.sibling_centre, email="nord@example.org")
    north = world.sibling_centre
    page = visit.page

    # The municipality sees Nordbyen's missing premises and its local share below 40 %.
    visit.login(world.municipality_viewer.email, PASSWORD)
    visit.go("/grant/")
    expect(page).to_have_url(re.compile(f"/grant/{YEAR}/$"))
    section = page.locator(f"#centre-{north.pk}")
    expect(section.locator('tr[data-condition="5"]')).to_have_attribute("data-state", "missing")
    expect(section.locator('tr[data-condition="7"]')).to_have_attribute("data-state", "not_met")
    expect(section.locator('tr[data-condition="7"]')).to_contain_text("36,0 %")
    expect(section.locator("ul.missing")).to_contain_text("5.")
    expect(section.locator('form:has(input[value="confirmed"])')).to_have_count(0)
    expect(page.locator("#grant-state")).to_contain_text("0")
    visit.check_accessibility()
    visit.shoot("grant-round-before")
    visit.logout()

    # Nordbyen's coordinator completes the figures from the round's page.
    visit.login(north_coordinator.email, PASSWORD)
    visit.go(f"/grant/{YEAR}/")
    expect(page.locator(f"#centre-{world.centre.pk}")).to_have_count(0)
    page.locator(f'a[href="/centre/year/{EVIDENCE}/"]').first.click()
    page.wait_for_load_state()
    visit.check_accessibility()
    page.locator('textarea[name="premises"]').fill("Nordbyen bydelshus, Nordveien 3")
    amounts = page.locator('input[name$="-amount"]')
    municipality_line = page.locator('input[name$="-amount"][value="250000"]')
    expect(municipality_line).to_have_count(1)
    municipality_line.fill("400 000")
    assert amounts.count() >= 3
    page.locator('form button[type="submit"]').last.click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_be_visible()
    visit.go(f"/grant/{YEAR}/")
    expect(page.locator(f'#centre-{north.pk} tr[data-state="met"]')).to_have_count(8)
    visit.logout()

    # The municipality confirms both and makes the application summary.
    visit.login(world.municipality_viewer.email, PASSWORD)
    visit.go(f"/grant/{YEAR}/")
    for centre in (world.centre, north):
        page.locator(f'#centre-{centre.pk} form:has(input[value="confirmed"]) button').click()
        page.wait_for_load_state()
        expect(page.locator(f"#centre-{centre.pk} .badge--success").first).to_be_visible()
    expect(page.locator("#grant-state")).to_contain_text("2")
    visit.check_accessibility()
    page.locator('form[action$="/application/"] button').click()
    page.wait_for_load_state()
    link = page.get_by_role("link", name="PDF", exact=True)
    expect(link).to_be_visible()
    visit.check_accessibility()
    visit.shoot("grant-round-decided")
    with page.expect_download() as download_info:
        link.click()
    pdf = open(download_info.value.path(), "rb").read()  # noqa: SIM115 - read once
    assert pdf.startswith(b"%PDF-")
    text = _text(pdf)

    for centre, orgnr in ((world.centre, "123 456 785"), (north, "974 760 673")):
        share = _annual_local_share(centre)
        assert f"{centre.name} {orgnr} {share}" in text, text
    assert _annual_local_share(north) == "46,7 %"
    assert _annual_local_share(world.centre) == "42,2 %"
