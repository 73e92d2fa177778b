"""Time and peak memory of reading hostile and large import files (issue 12: bounded imports).

A benchmark, not a test: it builds the files in memory and reads each the way the import does
(`organisations.importing.read_table`, then `check_rows` for the largest allowed file):

    .venv/bin/python -m bench.import_hostile

The target: every file refused or read in well under 300 MB of memory.
"""

from __future__ import annotations

import io
import os
import resource
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sheet_xml(rows: int, cell: str = "x") -> bytes:
    """A worksheet of a header row and `rows` one-cell rows (inline strings)."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
        b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>navn</t></is></c></row>'
    )
    row = f'<row><c t="inlineStr"><is><t>{cell}</t></is></c></row>'.encode()
    return head + row * rows + b"</sheetData></worksheet>"


def workbook_with_sheet(sheet: bytes) -> bytes:
    """A real .xlsx whose first sheet is replaced by `sheet` (deflated, as Excel does)."""
    from openpyxl import Workbook

    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(["navn"])
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item.filename, sheet if item.filename.endswith("sheet1.xml") else data)
    return out.getvalue()


def measure(label: str, read) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = read()
        outcome = f"read {len(result)} rows"
    except Exception as exc:  # the refusals are the point
        outcome = f"refused: {str(exc)[:70]}"
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<46} {seconds:6.2f} s  peak {peak / 2**20:7.1f} MiB  {outcome}")


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="frivillig-import-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frivillig.settings_test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from core.models import Centre, Municipality
    from organisations.importing import check_rows, read_table

    centre = Centre.objects.create(
        municipality=Municipality.objects.create(name="Fjordvik", slug="fjordvik"),
        name="Fjordvik frivilligsentral",
        slug="fjordvik",
    )
    bomb = workbook_with_sheet(sheet_xml(5_000_000))
    long_sheet = workbook_with_sheet(sheet_xml(500_000))  # just under the unpacked limit
    csv_lines = b"navn\n" + b"a\n" * 1_000_000
    largest = (
        "navn;epost\n" + "".join(f"Forening {n};post{n}@lag.example\n" for n in range(10_000))
    ).encode()
    print(
        f"zip bomb: {len(bomb) / 1024:.0f} KiB packed; long sheet {len(long_sheet) / 1024:.0f} KiB"
    )
    measure("xlsx of 5 000 000 rows (zip bomb)", lambda: read_table(bomb, "bomb.xlsx"))
    measure("xlsx of 500 000 rows, no <dimension>", lambda: read_table(long_sheet, "long.xlsx"))
    measure("csv of 1 000 000 lines (2 MB)", lambda: read_table(csv_lines, "lines.csv"))
    measure(
        "largest allowed: 10 000 rows, read and checked",
        lambda: check_rows(read_table(largest, "largest.csv"), centre=centre),
    )
    print(f"process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
