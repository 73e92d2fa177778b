"""Formula escaping in CSV and Excel exports (core/exports.py)."""

import io

import pytest
from openpyxl import load_workbook

from core.exports import csv_response, safe_cell, xlsx_response


@pytest.mark.parametrize("phone", ["+4790000000", "+47 900 00 000", "+1 202 555 0100"])
def test_it_leaves_a_phone_number_as_it_is(phone):
    assert safe_cell(phone) == phone


@pytest.mark.parametrize(
    "formula",
    [
        "=1+1",
        "+SUM(A1:A2)",
        "+47+1",
        "+4790000000=1",
        "+47\t1",
        "+47\n=1",
        "+",
        "+ ",
        "-2+3",
        "-4790000000",
        "@cmd",
        '=HYPERLINK("http://evil.example")',
        "\t=1",
        "\r=1",
    ],
)
def test_it_still_escapes_formulas(formula):
    assert safe_cell(formula) == "'" + formula


def test_it_writes_phone_numbers_without_a_quote_in_both_formats():
    rows = [["Kari", "+4790000000"], ["Ola", "=1+1"]]
    text = csv_response("f", ["name", "phone"], rows).content.decode("utf-8-sig")
    assert "Kari;+4790000000" in text
    assert "Ola;'=1+1" in text
    sheet = load_workbook(io.BytesIO(xlsx_response("f", ["name", "phone"], rows).content)).active
    assert sheet["B2"].value == "+4790000000"
    assert sheet["B3"].value == "'=1+1"
