"""Journey 2: the coordinator imports associations from Excel, then exports the filtered list."""

import csv
import io
import re

from openpyxl import Workbook
from playwright.sync_api import expect

PASSWORD = "passord-123"
GOOD = ["Bergli Sjakklubb", "Bergli Skolekorps", "Bergli Husflidslag"]


def _workbook(path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["navn", "organisasjonsnummer", "kontaktperson", "e-post", "telefon"])
    sheet.append([GOOD[0], "123456785", "Per Hansen", "post@sjakk.example", "22334455"])
    sheet.append(["", "", "Uten Navn", "uten@navn.example", ""])
    sheet.append([GOOD[1], "", "Lise Berg", "korps@bergli.example", ""])
    sheet.append(["Bergli Feilklubb", "", "Ola Feil", "ikke-en-adresse", ""])
    sheet.append([GOOD[2], "", "Kari Lien", "husflid@bergli.example", "+47 99887766"])
    workbook.save(path)


def test_the_coordinator_imports_the_good_rows_and_exports_them(visit, world, tmp_path):
    page = visit.page
    page.set_default_timeout(5000)
    upload = tmp_path / "foreninger.xlsx"
    _workbook(upload)

    visit.login(world.coordinator.email, PASSWORD)
    page.get_by_role("link", name="Foreninger", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Foreninger")
    visit.check_accessibility()
    page.get_by_role("link", name="Importer", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Importer foreninger")
    visit.check_accessibility()
    page.get_by_label("Fil").set_input_files(upload)
    page.get_by_role("button", name="Kontroller filen").click()

    # The preview names every bad cell by row and column; nothing is saved yet.
    errors = page.locator("#import-errors tbody tr")
    expect(errors).to_have_count(2)
    expect(errors.nth(0)).to_contain_text("3")
    expect(errors.nth(0)).to_contain_text("navn")
    expect(errors.nth(1)).to_contain_text("5")
    expect(errors.nth(1)).to_contain_text("ikke-en-adresse")
    expect(page.locator("main")).to_contain_text("3 rader kan importeres")
    visit.check_accessibility()
    visit.shoot("import-preview")
    page.get_by_role("button", name="Importer bare de 3 feilfrie radene").click()
    expect(page.locator(".messages")).to_contain_text("3")
    # The batch page keeps the result: how many were created, and the errors by row and column.
    expect(page.locator("#import-batch .message--success")).to_contain_text("3")
    visit.check_accessibility()
    page.get_by_role("link", name="Foreninger", exact=True).first.click()

    # The imported associations are found with the list's search.
    page.get_by_label("Søk").fill("bergli")
    # The same button words on every list's filter bar.
    page.get_by_role("button", name=re.compile("^(Bruk filtrene|Apply filters)$")).click()
    expect(page.locator("#hit-count")).to_contain_text("3 foreninger")
    visit.check_accessibility()
    visit.shoot("list-filtered")
    shown = page.locator("table tbody tr td:first-child a").all_inner_texts()
    assert sorted(shown) == sorted(GOOD)
    assert "Bergli Feilklubb" not in page.locator("main").inner_text()

    # The export holds the same rows as the list shows.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Eksporter til CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    text = open(download.path(), encoding="utf-8-sig").read()
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "Navn"
    assert [row[0] for row in rows[1:]] == shown
    exported = {row[0]: row for row in rows[1:]}
    assert exported[GOOD[0]][1] == "123456785"
    assert re.sub(r"\D", "", exported[GOOD[2]][6]).endswith("99887766")
