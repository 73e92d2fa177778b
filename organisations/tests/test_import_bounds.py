"""Hostile uploads are refused while they are read, never after loading everything: a workbook
that unpacks to a huge sheet, a sheet of a million rows, a CSV of a million lines."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from bench.import_hostile import sheet_xml, workbook_with_sheet
from organisations import importing
from organisations.importing import ImportFileError, read_table


def test_a_workbook_that_unpacks_to_a_huge_sheet_is_refused_before_it_is_opened():
    bomb = workbook_with_sheet(sheet_xml(600_000))  # about 29 MB unpacked
    assert len(bomb) < 1_000_000  # a small upload
    with pytest.raises(ImportFileError, match="MB"):
        read_table(bomb, "foreninger.xlsx")


def test_a_sheet_of_too_many_rows_is_refused_at_the_first_row_too_many():
    with pytest.raises(ImportFileError, match="rader"):
        read_table(workbook_with_sheet(sheet_xml(30_000)), "foreninger.xlsx")


def test_a_realistic_large_workbook_is_within_the_unpacked_limit():
    """10 000 associations with twelve filled columns, as Excel writes them, is allowed."""
    buffer = io.BytesIO()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "navn",
            "e-post",
            "telefon",
            "postnummer",
            "adresse",
            "poststed",
            "nettside",
            "kontaktperson",
            "beskrivelse",
            "tilbud",
            "målgruppe",
            "merknad",
        ]
    )
    for n in range(importing.MAX_ROWS):
        sheet.append(
            [
                f"Forening {n}",
                f"post{n}@lag.example",
                "22334455",
                "8500",
                f"Storgata {n}",
                "Fjordvik",
                f"https://lag{n}.example",
                "Kari Nordmann",
                "Et lag for alle i bygda " * 3,
                "Turer og kaffe",
                "Alle",
                "–",
            ]
        )
    workbook.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        assert sum(i.file_size for i in archive.infolist()) < importing.MAX_UNPACKED_BYTES


def test_a_csv_of_a_million_short_lines_is_refused():
    content = b"navn\n" + b"a\n" * 1_000_000
    with pytest.raises(ImportFileError, match="rader"):
        read_table(content, "foreninger.csv")


def test_blank_padding_rows_do_not_count_and_a_long_run_of_them_ends_the_table():
    rows = read_table(b"navn\nBergli Sjakklubb\n" + b",\n" * 50_000, "foreninger.csv")
    assert rows == [{"name": "Bergli Sjakklubb"}]
    run = b",\n" * importing.MAX_BLANK_RUN
    assert read_table(b"navn\nA\n" + run + b"B\n", "foreninger.csv") == [{"name": "A"}]
    with pytest.raises(ImportFileError, match="tom"):
        read_table(run + b",\nnavn\nA\n", "foreninger.csv")


def test_a_cell_too_long_is_named_by_its_row():
    content = b"navn\nKort\n" + b"x" * (importing.MAX_CELL_CHARS + 1) + b"\n"
    with pytest.raises(ImportFileError, match="3"):
        read_table(content, "foreninger.csv")


def test_the_largest_allowed_file_still_imports():
    content = "navn\n" + "".join(f"Forening {n}\n" for n in range(importing.MAX_ROWS))
    rows = read_table(content.encode(), "foreninger.csv")
    assert len(rows) == importing.MAX_ROWS
