"""Import of associations from CSV (UTF-8 or Latin-1, comma or semicolon, plain or gzipped)
and Excel (.xlsx), in our template's shape or the national register's bulk downloads.

`open_table` reads a file row by row (streamed: gzip -> text -> csv reader, or openpyxl's
read-only mode), within bounds and through the filters; `check_rows` validates every cell with
the model's validators and says what would happen to each row; `import_rows` writes through the
services. organisations.batches runs them as one stored job for the browser, the command and
the worker alike.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import gzip
import io
import time
import uuid
import zipfile
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, cast

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from core.models import Centre, District
from core.permissions import Access

from . import services
from .models import Category, Organisation

# The one field list of the import: the Organisation field each column fills, and the header
# names it goes by (our template's first, then other spellings, then the national register's:
# the CSV download's dotted names and the spreadsheet download's headers). Headers are compared
# without case, spaces, underscores or Norwegian letters, so `registrertIFrivillighetsregisteret`
# and "Registrert i Frivillighetsregisteret" are one column. Values are checked with the model
# field's own validators (the entry form uses the same fields).
COLUMNS: list[tuple[str, tuple[str, ...]]] = [
    ("name", ("navn", "name", "organisasjonsnavn", "foreningsnavn")),
    ("organisation_number", ("organisasjonsnummer", "orgnr", "org.nr.", "organisation number")),
    ("category_1", ("kategori", "kategori 1", "hovedkategori", "category", "category 1")),
    ("category_2", ("kategori 2", "category 2")),
    ("category_3", ("kategori 3", "category 3")),
    (
        "description",
        (
            "formål og beskrivelse",
            "formål",
            "beskrivelse",
            "description",
            "vedtektsfestetFormaal",
            "Vedtektsfestet formål",
        ),
    ),
    ("target_groups", ("målgrupper", "målgruppe", "target groups")),
    ("offers", ("tilbud", "hva foreningen tilbyr", "offers")),
    ("contact_name", ("kontaktperson", "kontakt", "contact person")),
    ("email", ("e-post", "epost", "e-postadresse", "email", "e-mail", "epostadresse")),
    ("phone", ("telefon", "telefonnummer", "phone")),
    ("postal_address", ("postadresse", "adresse", "postal address", "postadresse.adresse")),
    ("postal_code", ("postnummer", "postnr", "postal code", "postadresse.postnummer")),
    ("postal_place", ("poststed", "sted", "postal place", "postadresse.poststed")),
    ("district", ("bydel", "district")),
    ("website", ("nettside", "hjemmeside", "nettadresse", "website")),
    ("member_count", ("antall medlemmer", "medlemmer", "members")),
    ("founded_year", ("stiftelsesår", "stiftet", "founded")),
    ("needs_volunteers", ("trenger frivillige", "needs volunteers")),
    ("volunteer_needs", ("frivillige trengs til", "volunteers needed for")),
    (
        "in_national_register",
        (
            "i frivillighetsregisteret",
            "in the national register",
            "registrertIFrivillighetsregisteret",
        ),
    ),
    ("is_public", ("offentlig katalog", "public directory")),
    # Beyond our template: what the register's downloads hold.
    ("mobile", ("mobil", "mobiltelefon", "mobile")),
    ("activity", ("aktivitet", "activity")),
    ("postal_municipality_number", ("postadresse.kommunenummer",)),
    ("business_address", ("forretningsadresse", "forretningsadresse.adresse")),
    ("business_postal_code", ("forretningsadresse.postnummer",)),
    ("business_postal_place", ("forretningsadresse.poststed",)),
    ("business_municipality_number", ("forretningsadresse.kommunenummer", "kommunenummer")),
    ("organisation_form", ("organisasjonsform.kode", "organisasjonsform")),
    ("founded_date", ("stiftelsesdato", "founding date")),
    (
        "national_register_date",
        (
            "registreringsdatoFrivillighetsregisteret",
            "Registreringsdato i Frivillighetsregisteret",
        ),
    ),
    ("is_bankrupt", ("konkurs",)),
    ("under_liquidation", ("underAvvikling",)),
    ("under_forced_liquidation", ("underTvangsavviklingEllerTvangsopplosning",)),
    ("deleted_on", ("slettedato",)),
]
# The columns of our own template (the register's fields are read, not offered in it).
TEMPLATE_FIELDS = [name for name, _aliases in COLUMNS[:22]]
TEMPLATE_HEADERS = [aliases[0] for _field, aliases in COLUMNS[:22]]

_FOLD = str.maketrans({"å": "aa", "ø": "o", "æ": "ae", "_": "", " ": "", "\u00a0": ""})


def _header_key(value: Any) -> str:
    return str(value or "").strip().lower().translate(_FOLD)


HEADER_TO_FIELD = {_header_key(alias): name for name, aliases in COLUMNS for alias in aliases}

YES = {"ja", "j", "yes", "y", "true", "1", "x"}
NO = {"nei", "n", "no", "false", "0", ""}

TEXT_FIELDS = (
    "description",
    "activity",
    "target_groups",
    "offers",
    "contact_name",
    "postal_address",
    "postal_place",
    "business_address",
    "business_postal_place",
    "volunteer_needs",
    "organisation_form",
)
PHONE_FIELDS = ("phone", "mobile")
POSTAL_CODE_FIELDS = ("postal_code", "business_postal_code")
MUNICIPALITY_FIELDS = ("business_municipality_number", "postal_municipality_number")
BOOL_FIELDS = (
    "needs_volunteers",
    "is_public",
    "in_national_register",
    "is_bankrupt",
    "under_liquidation",
    "under_forced_liquidation",
)
DATE_FIELDS = ("founded_date", "national_register_date", "deleted_on")
# The register's status flags, shown in the preview.
FLAG_FIELDS = ("is_bankrupt", "under_liquidation", "under_forced_liquidation", "deleted_on")


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, encoding, no header)."""


@dataclass
class CellError:
    row: int
    column: str
    reason: str


@dataclass
class CheckedRow:
    number: int
    values: dict[str, str]
    data: dict[str, Any] = field(default_factory=dict)
    categories: list[Category | None] = field(default_factory=list)
    existing: Organisation | None = None
    errors: list[CellError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def action(self) -> str:
        return _("update") if self.existing else _("create")

    @property
    def flags(self) -> list[str]:
        """The register's warnings about the entity: bankrupt, under liquidation, deleted."""
        labels = {
            "is_bankrupt": _("bankrupt"),
            "under_liquidation": _("under liquidation"),
            "under_forced_liquidation": _("under compulsory liquidation"),
            "deleted_on": _("deleted"),
        }
        return [str(labels[name]) for name in FLAG_FIELDS if self.data.get(name)]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    created_ids: list[int] = field(default_factory=list)
    updated_ids: list[int] = field(default_factory=list)


# Bounds of one upload, checked while reading (never after loading everything): a file that
# unpacks or splits into more than this is refused with a message, quickly and in little memory.
MAX_ROWS = 10_000  # rows kept (with content, through the filters), the header not counted
MAX_SCANNED_ROWS = 100_000  # rows read at all, blank ones included (Excel pads sheets)
# With a municipality filter the register's national file (about 1.1 million entities) is read
# through, row by row, keeping only the chosen municipalities' rows.
MAX_FILTERED_SCANNED_ROWS = 2_000_000
MAX_CELL_CHARS = 5_000
MAX_COLUMNS = 200  # columns with content
MAX_RAW_COLUMNS = 1_000  # cells in one row at all, empty ones included
MAX_LINE_CHARS = 50_000  # one physical line of a CSV file
# A run of this many empty rows ends the table (Excel pads sheets; a file of nothing but empty
# rows, or of rows of nothing but separators, is not read to its end).
MAX_BLANK_RUN = 1_000
MAX_UNPACKED_BYTES = 25 * 1024 * 1024  # an .xlsx is a zip: its unpacked size, before opening
MAX_UNPACKED_TEXT_CHARS = 3 * 1024**3  # a .csv.gz's text (the national file is about 1 GB)
PROGRESS_EVERY = 5_000  # rows between two progress reports


def _too_many_rows() -> ImportFileError:
    return ImportFileError(
        _(
            "The file has more than %(rows)s rows. Import at most %(rows)s associations at a "
            "time: split the file, or remove empty and unneeded rows."
        )
        % {"rows": f"{MAX_ROWS:,}".replace(",", "\xa0")}
    )


def _line_too_long(line: int) -> ImportFileError:
    return ImportFileError(
        _(
            "Line %(line)s of the file is longer than %(n)s characters, so the file was not "
            "imported. Save it as CSV (UTF-8) or as Excel (.xlsx) without overlong rows."
        )
        % {"line": line, "n": f"{MAX_LINE_CHARS:,}".replace(",", "\xa0")}
    )


def _too_many_cells(row: int) -> ImportFileError:
    return ImportFileError(
        _(
            "Row %(row)s has more than %(n)s columns, so the file was not imported. Remove the "
            "empty columns to the right of the table."
        )
        % {"row": row, "n": f"{MAX_RAW_COLUMNS:,}".replace(",", "\xa0")}
    )


def _too_slow(seconds: float) -> ImportFileError:
    return ImportFileError(
        _(
            "Reading the file took more than %(seconds)s seconds, so it was stopped. Split it "
            "into smaller files, or remove empty and unneeded rows and columns."
        )
        % {"seconds": int(seconds)}
    )


def _not_csv() -> ImportFileError:
    return ImportFileError(
        _("The file is not a text CSV file. Save it as CSV (UTF-8) or as Excel (.xlsx).")
    )


def _unreadable_csv() -> ImportFileError:
    return ImportFileError(
        _(
            "The file could not be read as CSV: a cell is far too long or the file is not "
            "a text CSV file. Save it as CSV (UTF-8) or as Excel (.xlsx)."
        )
    )


def source_format(filename: str) -> str | None:
    """ "csv", "csv.gz" or "xlsx" by the file's name; None for anything else."""
    name = filename.lower()
    if name.endswith((".csv.gz", ".gz")):
        return "csv.gz"
    if name.endswith(".xlsx"):
        return "xlsx"
    if name.endswith((".csv", ".txt")):
        return "csv"
    return None


def _encoding(head: bytes) -> str:
    """UTF-8 when the file's start is UTF-8, else Windows-1252 (Norwegian Excel's CSV)."""
    if b"\x00" in head[:2000]:
        raise _not_csv()
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)  # a character cut at the end of `head` is fine
    except UnicodeDecodeError:
        try:
            head.decode("cp1252")
        except UnicodeDecodeError:
            return "latin-1"
        return "cp1252"
    return "utf-8-sig"


def _csv_rows(opener: Callable[[], BinaryIO], *, gz: bool) -> Generator[list[str]]:
    """The CSV's rows, one at a time: the bytes are decompressed, decoded and split as they are
    read, and a line longer than MAX_LINE_CHARS is refused before it is held whole."""

    def binary(handle: BinaryIO) -> BinaryIO:
        return gzip.GzipFile(fileobj=handle, mode="rb") if gz else handle  # type: ignore[return-value]

    with opener() as handle:
        try:
            head = binary(handle).read(64 * 1024)
        except (OSError, EOFError) as exc:
            raise ImportFileError(_("The file could not be read as a gzipped CSV file.")) from exc
    if head.startswith(b"PK\x03\x04"):
        raise ImportFileError(_("This is an Excel workbook: give it the ending .xlsx."))
    encoding = _encoding(head)
    first_line = head.decode(encoding, errors="replace").lstrip("\ufeff").split("\n", 1)[0]
    skip_hint = first_line.strip().lower().startswith("sep=") and len(first_line.strip()) == 5
    if skip_hint:
        delimiter = first_line.strip()[4]  # Excel's own hint line ("sep=;")
    else:
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        if "\t" in first_line and first_line.count("\t") > first_line.count(delimiter):
            delimiter = "\t"

    with opener() as handle:
        text = io.TextIOWrapper(binary(handle), encoding=encoding, newline="")

        def lines() -> Iterator[str]:
            total = 0
            number = 0
            while True:
                line = text.readline(MAX_LINE_CHARS)
                if not line:
                    return
                number += 1
                if len(line) >= MAX_LINE_CHARS and not line.endswith(("\n", "\r")):
                    raise _line_too_long(number)
                total += len(line)
                if total > MAX_UNPACKED_TEXT_CHARS:
                    raise _too_many_rows()
                yield line

        source = lines()
        if skip_hint:
            next(source, None)
        try:
            yield from csv.reader(source, delimiter=delimiter)
        except csv.Error as exc:  # a cell over the csv module's limit, a stray NUL, ...
            raise _unreadable_csv() from exc
        except UnicodeDecodeError as exc:
            raise _not_csv() from exc
        except (OSError, EOFError) as exc:  # a broken or truncated gzip stream
            raise ImportFileError(_("The file could not be read as a gzipped CSV file.")) from exc


def _check_unpacked_size(handle: BinaryIO) -> None:
    """Refuse a workbook that unpacks to more than MAX_UNPACKED_BYTES (a "zip bomb")."""
    try:
        with zipfile.ZipFile(handle) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise ImportFileError(
            _("The file could not be read as an Excel workbook (.xlsx).")
        ) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError(
            _(
                "The workbook unpacks to more than %(mb)s MB, far more than a list of "
                "associations needs. Save only the sheet with the associations, or use CSV."
            )
            % {"mb": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    return str(value)


def _xlsx_rows(opener: Callable[[], BinaryIO], *, max_rows: int) -> Generator[list[str]]:
    from openpyxl import load_workbook

    with opener() as handle:
        _check_unpacked_size(handle)
        handle.seek(0)
        try:
            workbook = load_workbook(handle, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken or foreign file
            raise ImportFileError(
                _("The file could not be read as an Excel workbook (.xlsx).")
            ) from exc
        try:
            sheet = workbook.worksheets[0]
            # With max_row given, iter_rows stops there (openpyxl reads no further). Opening a
            # sheet without a <dimension> makes openpyxl scan it once: MAX_UNPACKED_BYTES bounds
            # that scan's time.
            for row in sheet.iter_rows(max_row=max_rows + 1, values_only=True):
                cells = [_cell_text(value) for value in row]
                while cells and not cells[-1]:
                    cells.pop()  # a sheet formatted far to the right pads every row
                yield cells
        finally:
            workbook.close()


class Row(dict):
    """One row's {field name: text}, with its row number in the file (the header is row 1)."""

    number: int = 0


class Table:
    """An open import file: its header, and its rows read one at a time through the bounds and
    the filters (municipality numbers, only registered voluntary organisations)."""

    def __init__(
        self,
        raw: Iterator[list[str]],
        *,
        municipalities: Iterable[str] = (),
        only_registered: bool = False,
        progress: Callable[[int], None] | None = None,
        deadline: float | None = None,
    ) -> None:
        self._raw = raw
        self.deadline = deadline
        self._started = time.monotonic()
        self.municipalities = {m.strip().zfill(4) for m in municipalities if m.strip()}
        self.only_registered = only_registered
        self.progress = progress
        self.scanned = 0
        self.kept = 0
        self.filtered_out = 0
        self.scan_limit = (
            MAX_FILTERED_SCANNED_ROWS
            if self.municipalities or only_registered
            else MAX_SCANNED_ROWS
        )
        self.headers: list[str] = []
        self.fields: list[str | None] = []
        self._read_header()

    def _bound(self, row: list[str]) -> None:
        """The bounds every row read meets, blank ones included: rows read, cells in the row,
        and the time spent reading (`deadline`, time.monotonic())."""
        self.scanned += 1
        if self.scanned > self.scan_limit:
            raise _too_many_rows()
        if len(row) > MAX_RAW_COLUMNS:
            raise _too_many_cells(self.scanned)
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise _too_slow(self.deadline - self._started)

    def _read_header(self) -> None:
        blank_run = 0
        for row in self._raw:
            self._bound(row)
            blank_run += 1
            if blank_run > MAX_BLANK_RUN:
                break  # nothing but empty rows: the file is empty
            if any(cell.strip() for cell in row[:MAX_COLUMNS]):
                self.headers = [cell.strip() for cell in row[:MAX_COLUMNS]]
                break
        if not self.headers:
            raise ImportFileError(_("The file is empty."))
        seen: set[str] = set()
        for header in self.headers:
            name = HEADER_TO_FIELD.get(_header_key(header))
            if name in seen:
                name = None  # the first column of a field wins; a second is named as ignored
            if name:
                seen.add(name)
            self.fields.append(name)
        if "name" not in seen:
            raise ImportFileError(
                _(
                    "The first row must hold the column names, and one column must be called "
                    "“navn” (the association's name). Download the template to see all columns."
                )
            )
        if self.municipalities and not seen & set(MUNICIPALITY_FIELDS):
            raise ImportFileError(
                _(
                    "The file has no municipality number column "
                    "(forretningsadresse.kommunenummer or postadresse.kommunenummer), so it "
                    "cannot be filtered by municipality."
                )
            )
        if self.only_registered and "in_national_register" not in seen:
            raise ImportFileError(
                _(
                    "The file has no column saying whether the organisation is registered in "
                    "the national register (registrertIFrivillighetsregisteret)."
                )
            )

    @property
    def labels(self) -> dict[str, str]:
        """Field name -> the file's own header for it."""
        return {f: h for f, h in zip(self.fields, self.headers, strict=False) if f}

    @property
    def columns_imported(self) -> list[str]:
        return [h for f, h in zip(self.fields, self.headers, strict=False) if f]

    @property
    def columns_ignored(self) -> list[str]:
        return [h for f, h in zip(self.fields, self.headers, strict=False) if not f and h]

    def _wanted(self, values: Row) -> bool:
        if self.municipalities and not any(
            values.get(name, "").strip().zfill(4) in self.municipalities
            for name in MUNICIPALITY_FIELDS
            if values.get(name, "").strip()
        ):
            return False
        if self.only_registered:
            return values.get("in_national_register", "").strip().lower() in YES
        return True

    def rows(self) -> Iterator[Row]:
        fields = list(enumerate(self.fields))
        blank_run = 0
        for row in self._raw:
            self._bound(row)
            if self.progress and self.scanned % PROGRESS_EVERY == 0:
                self.progress(self.scanned)
            if len(row) > MAX_COLUMNS:
                if any(cell.strip() for cell in row[MAX_COLUMNS:]):
                    raise ImportFileError(
                        _("The file has more than %(n)s columns.") % {"n": MAX_COLUMNS}
                    )
                row = row[:MAX_COLUMNS]
            if sum(map(len, row)) > MAX_CELL_CHARS and any(
                len(cell) > MAX_CELL_CHARS for cell in row
            ):
                raise ImportFileError(
                    _("Row %(row)s has a cell of more than %(n)s characters.")
                    % {"row": self.scanned, "n": MAX_CELL_CHARS}
                )
            if not any(cell.strip() for cell in row):
                blank_run += 1
                if blank_run >= MAX_BLANK_RUN:
                    return  # a long run of empty rows ends the table (Excel's padding)
                continue
            blank_run = 0
            values = Row()
            values.number = self.scanned
            for index, name in fields:
                if name and index < len(row):
                    values[name] = row[index].strip()
            if not self._wanted(values):
                self.filtered_out += 1
                continue
            self.kept += 1
            if self.kept > MAX_ROWS:
                raise _too_many_rows()
            yield values


@contextmanager
def open_table(
    opener: Callable[[], BinaryIO],
    filename: str,
    *,
    municipalities: Iterable[str] = (),
    only_registered: bool = False,
    progress: Callable[[int], None] | None = None,
    deadline: float | None = None,
) -> Iterator[Table]:
    """Open an import file for reading row by row. `opener` returns a fresh binary handle of
    the file (it may be called twice: once to look at the start, once to read). Reading past
    `deadline` (time.monotonic()) stops with ImportFileError."""
    kind = source_format(filename)
    if kind is None:
        raise ImportFileError(
            _("The file must be a CSV file (.csv or .csv.gz) or an Excel workbook (.xlsx).")
        )
    if kind == "csv":
        with opener() as handle:
            is_zip = handle.read(4) == b"PK\x03\x04"
        if is_zip:
            kind = "xlsx"  # an Excel workbook saved with the wrong ending
    scan_limit = (
        MAX_FILTERED_SCANNED_ROWS if municipalities or only_registered else MAX_SCANNED_ROWS
    )
    raw = (
        _xlsx_rows(opener, max_rows=scan_limit)
        if kind == "xlsx"
        else _csv_rows(opener, gz=kind == "csv.gz")
    )
    try:
        yield Table(
            raw,
            municipalities=municipalities,
            only_registered=only_registered,
            progress=progress,
            deadline=deadline,
        )
    finally:
        raw.close()


class TableRows(list):
    """The rows of a whole (small) file, with the columns it imports and ignores."""

    labels: dict[str, str]
    columns_imported: list[str]
    columns_ignored: list[str]


def read_table(content: bytes, filename: str, **filters: Any) -> TableRows:
    """Rows of an uploaded file held in memory, as {field name: text}. The batch import reads
    from storage through `open_table` instead."""
    with open_table(lambda: io.BytesIO(content), filename, **filters) as table:
        rows = TableRows(table.rows())
        rows.labels = table.labels
        rows.columns_imported = table.columns_imported
        rows.columns_ignored = table.columns_ignored
    return rows


def _max_length(field_name: str) -> int | None:
    """The most characters Organisation's column `field_name` holds (None: no limit)."""
    return getattr(Organisation._meta.get_field(field_name), "max_length", None)


def _parse_date(value: str) -> dt.date | None:
    text = value.strip().split(" ")[0].split("T")[0]
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def check_rows(
    rows: Iterable[dict[str, str]],
    *,
    centre: Centre,
    labels: dict[str, str] | None = None,
) -> list[CheckedRow]:
    """Validate every cell and find the existing entry each row updates. Row numbers are the
    spreadsheet's (the header is row 1); cells are named by the file's own column headers."""
    labels = labels if labels is not None else getattr(rows, "labels", {})
    order = {name: index for index, (name, _aliases) in enumerate(COLUMNS)}
    usable = list(Category.objects.usable_in({centre.pk}))
    categories = {c.name.casefold(): c for c in usable}
    categories.update({c.name_en.casefold(): c for c in usable if c.name_en})
    districts = {
        d.name.casefold(): d
        for d in District.objects.filter(municipality_id=centre.municipality_id)
    }
    existing = list(
        Organisation.objects.for_centre(centre).only("pk", "name", "organisation_number")
    )
    by_number = {o.organisation_number: o for o in existing if o.organisation_number}
    by_name = {o.name: o for o in existing}
    # Numbers taken in other centres: the one question the import asks across centres.
    numbers_elsewhere = set(
        Organisation.objects.system()
        .exclude(centre=centre)
        .exclude(organisation_number__isnull=True)
        .values_list("organisation_number", flat=True)
    )
    seen_numbers: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    checked = []
    for index, values in enumerate(rows, start=2):
        row = CheckedRow(number=getattr(values, "number", 0) or index, values=dict(values))
        row_errors: list[tuple[str, str]] = []

        def error(field_name: str, reason: str, row_errors=row_errors) -> None:
            row_errors.append((field_name, reason))

        data: dict[str, Any] = {}
        name = values.get("name", "")
        if not name:
            error("name", _("The name is missing."))
        elif len(name) > 200:
            error("name", _("The name is longer than 200 characters."))
        data["name"] = name

        number = None
        try:
            number = services.normalise_organisation_number(values.get("organisation_number"))
        except ValidationError:
            error(
                "organisation_number",
                _(
                    "“%(value)s” is not a valid organisation number "
                    "(nine digits with a correct check digit)."
                )
                % {"value": values.get("organisation_number")},
            )
        if number:
            if number in numbers_elsewhere:
                error(
                    "organisation_number",
                    _("This organisation number is registered with another volunteer centre."),
                )
            elif number in seen_numbers:
                error(
                    "organisation_number",
                    _("The same organisation number is also in row %(row)s.")
                    % {"row": seen_numbers[number]},
                )
            seen_numbers.setdefault(number, row.number)
        if "organisation_number" in values:
            data["organisation_number"] = number
        if name:
            if name in seen_names and not number:
                error(
                    "name", _("The same name is also in row %(row)s.") % {"row": seen_names[name]}
                )
            seen_names.setdefault(name, row.number)

        for field_name, raw in values.items():
            value: Any = raw
            if field_name in TEXT_FIELDS:
                value = raw.upper() if field_name == "organisation_form" else raw
            elif field_name == "email":
                value = raw.lower()
            elif field_name in PHONE_FIELDS:
                value = services.normalise_phone(raw)
            elif field_name in POSTAL_CODE_FIELDS or field_name in MUNICIPALITY_FIELDS:
                value = raw.strip()
                if value.isdigit() and len(value) == 3:
                    value = "0" + value  # Excel drops the leading zero (Oslo's 0150, 0301)
            elif field_name == "website":
                value = raw
                if raw and not raw.startswith(("http://", "https://")):
                    value = "https://" + raw
            elif field_name in ("member_count", "founded_year"):
                low, high = (0, 10_000_000) if field_name == "member_count" else (1600, 2100)
                digits = raw.replace(" ", "").replace("\u00a0", "")
                if not digits:
                    continue
                if not (digits.isdigit() and low <= int(digits) <= high):
                    error(
                        field_name,
                        _("“%(value)s” is not a whole number between %(low)s and %(high)s.")
                        % {"value": raw, "low": low, "high": high},
                    )
                    continue
                value = int(digits)
            elif field_name in BOOL_FIELDS:
                lowered = raw.strip().lower()
                if lowered in YES:
                    value = True
                elif lowered in NO:
                    value = False
                else:
                    error(field_name, _("Write “ja” or “nei”, not “%(value)s”.") % {"value": raw})
                    continue
            elif field_name in DATE_FIELDS:
                if not raw:
                    data[field_name] = None
                    continue
                value = _parse_date(raw)
                if value is None:
                    error(
                        field_name,
                        _("“%(value)s” is not a date (write 31.12.2013 or 2013-12-31).")
                        % {"value": raw},
                    )
                    continue
            else:
                continue  # name, number, district and categories are handled apart
            limit = _max_length(field_name)
            if isinstance(value, str) and limit and len(value) > limit:
                # A value the column cannot hold would pass the preview and fail on saving.
                error(
                    field_name,
                    _("The text is %(length)s characters long; the column holds at most %(max)s.")
                    % {"length": len(value), "max": limit},
                )
                continue
            if value not in ("", None):
                try:
                    # The model field's own validators: the ones the entry form runs too.
                    cast(models.Field, Organisation._meta.get_field(field_name)).run_validators(
                        value
                    )
                except ValidationError as exc:
                    if field_name == "email":
                        reason = _("“%(value)s” is not an e-mail address.") % {"value": raw}
                    elif field_name == "website":
                        reason = _("“%(value)s” is not a web address.") % {"value": raw}
                    else:
                        reason = " ".join(str(m) for m in exc.messages)
                    error(field_name, reason)
                    continue
            data[field_name] = value

        if data.get("founded_date") and "founded_year" not in values:
            data["founded_year"] = data["founded_date"].year

        if values.get("district"):
            district = districts.get(values["district"].casefold())
            if district is None:
                error(
                    "district",
                    _("There is no district called “%(value)s” in this municipality.")
                    % {"value": values["district"]},
                )
            data["district"] = district

        for category_field in ("category_1", "category_2", "category_3"):
            if values.get(category_field):
                category = categories.get(values[category_field].casefold())
                if category is None:
                    error(
                        category_field,
                        _("There is no category called “%(value)s”.")
                        % {"value": values[category_field]},
                    )
                row.categories.append(category)

        row_errors.sort(key=lambda item: order.get(item[0], len(order)))
        row.errors = [
            CellError(row.number, labels.get(f) or _column_label(f), reason)
            for f, reason in row_errors
        ]
        row.data = data
        row.existing = (by_number.get(number) if number else None) or by_name.get(name)
        checked.append(row)
    return checked


def _column_label(field_name: str) -> str:
    for name, aliases in COLUMNS:
        if name == field_name:
            return aliases[0]
    return field_name


def import_rows(
    checked: list[CheckedRow],
    *,
    actor: Access,
    centre: Centre,
    good_rows_only: bool = False,
    dry_run: bool = False,
) -> ImportResult:
    """Save the checked rows. With any bad row nothing is saved unless `good_rows_only`."""
    result = ImportResult()
    bad = [row for row in checked if not row.ok]
    if (bad and not good_rows_only) or dry_run:
        result.skipped = len(checked)
        return result
    with transaction.atomic():
        for row in checked:
            if not row.ok:
                result.skipped += 1
                continue
            categories = row.categories if any(row.categories) else None
            if row.existing is not None:
                organisation = services.organisation_update(
                    actor=actor,
                    organisation=Organisation.objects.for_centre(centre).get(pk=row.existing.pk),
                    data=row.data,
                    categories=categories,
                    source="import",
                )
                result.updated += 1
                result.updated_ids.append(organisation.pk)
            else:
                organisation = services.organisation_create(
                    actor=actor,
                    centre=centre,
                    data=row.data,
                    categories=categories or (),
                    source="import",
                )
                result.created += 1
                result.created_ids.append(organisation.pk)
    return result


def template_rows() -> list[list[str]]:
    return [
        TEMPLATE_HEADERS,
        [
            "Fjordvik Sanitetsforening",
            "123 456 785",
            "Helse",
            "Sosiale tjenester",
            "",
            "Besøkstjeneste og trivselstiltak på sykehjemmet.",
            "Eldre",
            "Besøksvenn, kafé",
            "Kari Nordmann",
            "post@sanitet.example",
            "900 00 000",
            "Postboks 1",
            "8500",
            "Fjordvik",
            "",
            "https://sanitet.example",
            "120",
            "1925",
            "ja",
            "Besøksvenner",
            "ja",
            "ja",
        ],
    ]


# --- The uploaded file between preview and confirmation ------------------------------------------

UPLOAD_FOLDER = "imports"
# An upload nobody confirmed is deleted after this long (it holds contact persons' data).
UPLOAD_LIFETIME = dt.timedelta(days=1)


def upload_store(*, centre_id: int, filename: str, content: bytes | Any) -> str:
    """Keep an uploaded file until it is imported, in the default storage (the local disk or
    the shared object store, so any web host or worker can read it). `content` is bytes or a
    file (an upload is copied in chunks, never read whole). Returns its path."""
    from django.core.files import File
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils.text import get_valid_filename

    safe = get_valid_filename(Path(filename).name)[-80:] or "import"
    name = f"{UPLOAD_FOLDER}/{centre_id}/{uuid.uuid4().hex}-{safe}"
    stored = ContentFile(content) if isinstance(content, bytes) else File(content)
    return default_storage.save(name, stored)


def upload_opener(path: str) -> Callable[[], BinaryIO] | None:
    """A function that opens the stored upload for reading, or None when it is gone."""
    from django.core.files.storage import default_storage

    if not path.startswith(f"{UPLOAD_FOLDER}/") or not default_storage.exists(path):
        return None
    return lambda: cast(BinaryIO, default_storage.open(path, "rb"))  # a File, read as bytes


def upload_load(path: str) -> bytes | None:
    """The stored upload's bytes, or None when it is gone (expired or already imported)."""
    opener = upload_opener(path)
    if opener is None:
        return None
    with opener() as handle:
        return handle.read()


def upload_discard(path: str | None) -> None:
    from django.core.files.storage import default_storage

    if path and path.startswith(f"{UPLOAD_FOLDER}/"):
        default_storage.delete(path)


def upload_text(path: str, filename: str) -> str:
    """Every cell of a stored upload as one text (every column, imported or not), to find a
    person in it; "" when the file is gone or cannot be read."""
    opener = upload_opener(path)
    if opener is None:
        return ""
    kind = source_format(filename) or "csv"
    with opener() as handle:
        if handle.read(4) == b"PK\x03\x04":
            kind = "xlsx"
    try:
        raw = (
            _xlsx_rows(opener, max_rows=MAX_SCANNED_ROWS)
            if kind == "xlsx"
            else _csv_rows(opener, gz=kind == "csv.gz")
        )
        try:
            return "\n".join(" | ".join(cells) for cells in raw)
        finally:
            raw.close()
    except ImportFileError:
        with opener() as handle:
            return handle.read().decode("utf-8", errors="replace")


def uploads_purge(*, now: dt.datetime | None = None) -> int:
    """Delete uploads older than UPLOAD_LIFETIME that were never confirmed. Returns how many."""
    from django.core.files.storage import default_storage
    from django.utils import timezone

    limit = (now or timezone.now()) - UPLOAD_LIFETIME
    deleted = 0
    try:
        folders, _files = default_storage.listdir(UPLOAD_FOLDER)
    except FileNotFoundError:  # nothing was ever uploaded (local disk)
        return 0
    for folder in folders:
        _sub, files = default_storage.listdir(f"{UPLOAD_FOLDER}/{folder}")
        for name in files:
            path = f"{UPLOAD_FOLDER}/{folder}/{name}"
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
                deleted += 1
    from core.services import retention_record

    retention_record("import_files", deleted=deleted, before=limit.isoformat())
    return deleted
