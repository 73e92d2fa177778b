"""The association import against hostile files, and formulas that must never come back out
of an export as formulas (CSV and .xlsx, associations and volunteers)."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from organisations.forms import MAX_IMPORT_BYTES
from organisations.importing import ImportFileError, check_rows, read_table
from organisations.models import Organisation
from tests import factories as f
from tests.property import FAST, NASTY, row_counts

IMPORT_URL = reverse("organisations:import")
FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd", "-1+1", "@SUM(1)", "=1+1", "\t=2+2"]


def _upload(client, name: str, content: bytes):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content)})


# --- Random and hostile files ---------------------------------------------------------------


@FAST
@given(content=st.binary(max_size=4_000), name=st.sampled_from(["a.csv", "a.xlsx", "a.txt"]))
def test_random_bytes_are_refused_or_previewed_never_a_crash(world, login, content, name):
    client = login(world.coordinator)
    before = row_counts(exclude={"organisations.ImportBatch"})
    response = _upload(client, name, content)
    assert response.status_code in (200, 302)  # refused with a message, or stored as a batch
    assert row_counts(exclude={"organisations.ImportBatch"}) == before  # nothing imported
    form = response.context["form"]
    assert form.errors if response.status_code == 200 else response.status_code == 302


@FAST
@given(
    rows=st.lists(
        st.lists(st.one_of(st.text(max_size=30), st.sampled_from(NASTY)), max_size=8),
        max_size=10,
    ),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_random_tables_are_read_or_refused_with_a_message(world, rows, delimiter):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["navn", "kontaktperson", "postnummer", "antall medlemmer", "stiftet"])
    writer.writerows(rows)
    try:
        checked = check_rows(read_table(buffer.getvalue().encode(), "f.csv"), centre=world.centre)
    except ImportFileError as exc:
        assert str(exc)
        return
    for row in checked:
        assert all(error.reason for error in row.errors)


def test_it_refuses_a_file_over_the_size_limit(world, login):
    content = b"navn\n" + b"x" * MAX_IMPORT_BYTES
    response = _upload(login(world.coordinator), "stor.csv", content)
    assert response.status_code == 200
    assert "Filen er for stor: høyst 2 MB." in response.content.decode()


@pytest.mark.parametrize("name", ["virus.exe", "liste.xls", "liste.pdf", "liste", "liste.csv.exe"])
def test_it_refuses_files_of_another_type(world, login, name):
    response = _upload(login(world.coordinator), name, b"navn\nLag\n")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert "checked" not in response.context


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bilde.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
        ("ødelagt.xlsx", b"PK\x03\x04 not really a zip file"),
        ("tom.csv", b""),
        ("bare-mellomrom.csv", b"  \n\n ;;; \n"),
    ],
)
def test_it_refuses_a_broken_file_with_a_clear_message(world, login, name, content):
    response = _upload(login(world.coordinator), name, content)
    assert response.status_code == 200
    errors = response.context["form"].errors.get("file")
    assert errors and all(len(message) > 10 for message in errors)


def test_a_huge_cell_within_the_size_limit_is_refused_with_a_message(world, login, run_jobs):
    content = ("navn;formål\nStor forening;" + "Ø" * 900_000 + "\n").encode()
    assert len(content) < MAX_IMPORT_BYTES
    client = login(world.coordinator)
    with run_jobs():
        response = _upload(client, "stor.csv", content)
    page = client.get(response.url)
    assert "Linje 2 i filen er lengre enn" in page.content.decode()
    assert page.context["batch"].status == "failed"
    assert not page.context["batch"].preview


# --- Formulas in cells ----------------------------------------------------------------------


def _formula_csv() -> bytes:
    lines = ["navn;kontaktperson;formål;poststed;målgrupper"]
    for index, formula in enumerate(FORMULAS):
        lines.append(f"{formula} {index};{formula};{formula};{formula};{formula}")
    return "\n".join(lines).encode()


def _formula_xlsx(*, as_formulas: bool) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["navn", "kontaktperson", "formål"])
    for index, formula in enumerate(FORMULAS):
        sheet.append([f"{formula} {index}", formula, formula])
    if not as_formulas:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.data_type = "s"  # text that merely starts with =
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _import(client, run_jobs, name: str, content: bytes):
    with run_jobs():
        preview = _upload(client, name, content)
    assert preview.status_code == 302
    with run_jobs():
        return client.post(preview.url + "confirm/", {"confirm": "good"}, follow=True)


def test_formula_cells_in_a_csv_are_stored_as_plain_text(world, login, run_jobs):
    _import(login(world.coordinator), run_jobs, "formler.csv", _formula_csv())
    for index, formula in enumerate(FORMULAS):
        # Cells are trimmed of surrounding white space, and otherwise kept exactly.
        organisation = Organisation.objects.get(
            centre=world.centre, name=f"{formula} {index}".strip()
        )
        assert organisation.contact_name == formula.strip()
        assert organisation.description == formula.strip()


def test_text_cells_that_look_like_formulas_in_an_xlsx_are_stored_as_text(world, login, run_jobs):
    _import(login(world.coordinator), run_jobs, "formler.xlsx", _formula_xlsx(as_formulas=False))
    stored = set(Organisation.objects.filter(centre=world.centre).values_list("name", flat=True))
    assert {f"{formula} {i}".strip() for i, formula in enumerate(FORMULAS)} <= stored


def test_real_formulas_in_an_xlsx_are_never_evaluated_or_imported_as_formulas(
    world, login, run_jobs
):
    client = login(world.coordinator)
    _import(client, run_jobs, "ekte-formler.xlsx", _formula_xlsx(as_formulas=True))
    # A formula cell has no value of its own (it is never evaluated): its row is refused
    # ("the name is missing") and the formula is not stored.
    for index, formula in enumerate(FORMULAS):
        if formula.startswith("="):
            assert not Organisation.objects.filter(name=f"{formula} {index}").exists()
            assert not Organisation.objects.filter(contact_name=formula).exists()


def _csv_cells(response) -> list[str]:
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return [
        cell
        for row in csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=";")
        for cell in row
    ]


def _xlsx_cells(response) -> list[object]:
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not any(cell.data_type == "f" for cell in cells), "a formula came out of the export"
    return [cell.value for cell in cells]


def _assert_escaped(cells: list[object]) -> None:
    texts = [cell for cell in cells if isinstance(cell, str)]
    assert not [cell for cell in texts if cell[:1] in {"=", "+", "-", "@", "\t", "\r"}], texts
    for formula in FORMULAS:
        assert any(cell.startswith("'") and formula.strip() in cell for cell in texts), formula


def test_the_association_exports_escape_every_formula(world, login, run_jobs):
    client = login(world.coordinator)
    _import(client, run_jobs, "formler.csv", _formula_csv())
    for formula in FORMULAS:
        Organisation.objects.filter(centre=world.centre, contact_name=formula.strip()).update(
            website=formula, postal_address=formula, postal_place=formula
        )
    _assert_escaped(_csv_cells(client.get(reverse("organisations:export", args=["csv"]))))
    _assert_escaped(_xlsx_cells(client.get(reverse("organisations:export", args=["xlsx"]))))


def test_the_volunteer_exports_escape_every_formula(world, login):
    for formula in FORMULAS:
        f.VolunteerFactory(
            centre=world.centre,
            first_name=formula,
            last_name=formula,
            email="",
        )
    client = login(world.coordinator)
    url = reverse("volunteers:list")
    _assert_escaped(_csv_cells(client.get(url, {"export": "csv"})))
    _assert_escaped(_xlsx_cells(client.get(url, {"export": "xlsx"})))
