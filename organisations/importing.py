"""Import of associations from CSV (UTF-8 or Latin-1, comma or semicolon) and Excel (.xlsx).

`read_table` turns a file into rows of text, `check_rows` validates every cell and says what
would happen to each row, `import_rows` writes through the services. The browser import and
`manage.py import_organisations` use the same three functions.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import Centre, District, User

from . import services
from .models import Category, Organisation, validate_phone, validate_postal_code

# Our template's columns, in order, with the names people and the national register use.
COLUMNS: list[tuple[str, tuple[str, ...]]] = [
    ("name", ("navn", "name", "organisasjonsnavn", "foreningsnavn")),
    ("organisation_number", ("organisasjonsnummer", "orgnr", "org.nr.", "organisation number")),
    ("category_1", ("kategori", "kategori 1", "hovedkategori", "category", "category 1")),
    ("category_2", ("kategori 2", "category 2")),
    ("category_3", ("kategori 3", "category 3")),
    ("description", ("formål og beskrivelse", "formål", "beskrivelse", "aktivitet", "description")),
    ("target_groups", ("målgrupper", "målgruppe", "target groups")),
    ("offers", ("tilbud", "hva foreningen tilbyr", "offers")),
    ("contact_name", ("kontaktperson", "kontakt", "contact person")),
    ("email", ("e-post", "epost", "e-postadresse", "email", "e-mail")),
    ("phone", ("telefon", "telefonnummer", "mobil", "phone")),
    ("postal_address", ("postadresse", "adresse", "postal address", "forretningsadresse")),
    ("postal_code", ("postnummer", "postnr", "postal code")),
    ("postal_place", ("poststed", "sted", "postal place")),
    ("district", ("bydel", "district")),
    ("website", ("nettside", "hjemmeside", "nettadresse", "website")),
    ("member_count", ("antall medlemmer", "medlemmer", "members")),
    ("founded_year", ("stiftelsesår", "stiftet", "founded")),
    ("needs_volunteers", ("trenger frivillige", "needs volunteers")),
    ("volunteer_needs", ("frivillige trengs til", "volunteers needed for")),
    ("in_national_register", ("i frivillighetsregisteret", "in the national register")),
    ("is_public", ("offentlig katalog", "public directory")),
]
TEMPLATE_HEADERS = [aliases[0] for _field, aliases in COLUMNS]
HEADER_TO_FIELD = {alias: name for name, aliases in COLUMNS for alias in aliases}
COLUMN_ORDER = {aliases[0]: index for index, (_name, aliases) in enumerate(COLUMNS)}

YES = {"ja", "j", "yes", "y", "true", "1", "x"}
NO = {"nei", "n", "no", "false", "0", ""}


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


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    skipped: int = 0


def _normalise_header(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value or "").strip().lower().replace("_", " "))


def _decode(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    if b"\x00" in content[:2000]:
        raise ImportFileError(
            _("The file is not a text CSV file. Save it as CSV (UTF-8) or as Excel (.xlsx).")
        )
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        # Norwegian Excel on Windows writes CSV in Windows-1252 / Latin-1.
        return (
            content.decode("cp1252", errors="strict")
            if _is_cp1252(content)
            else content.decode("latin-1")
        )


def _is_cp1252(content: bytes) -> bool:
    try:
        content.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


# Bounds of one upload, checked while reading (never after loading everything): a file that
# unpacks or splits into more than this is refused with a message, quickly and in little memory.
MAX_ROWS = 10_000  # rows with content, the header not counted
MAX_SCANNED_ROWS = 100_000  # rows read at all, blank ones included (Excel pads sheets)
MAX_CELL_CHARS = 5_000
MAX_COLUMNS = 200
MAX_UNPACKED_BYTES = 25 * 1024 * 1024  # an .xlsx is a zip: its unpacked size, before opening


def _too_many_rows() -> ImportFileError:
    return ImportFileError(
        _(
            "The file has more than %(rows)s rows. Import at most %(rows)s associations at a "
            "time: split the file, or remove empty and unneeded rows."
        )
        % {"rows": f"{MAX_ROWS:,}".replace(",", "\xa0")}
    )


def _bounded(rows) -> list[list[str]]:
    """Rows with content, read one at a time and stopped at the first bound passed."""
    kept: list[list[str]] = []
    for scanned, row in enumerate(rows, start=1):
        if scanned > MAX_SCANNED_ROWS:
            raise _too_many_rows()
        if len(row) > MAX_COLUMNS:
            if any(str(cell).strip() for cell in row[MAX_COLUMNS:]):
                raise ImportFileError(
                    _("The file has more than %(n)s columns.") % {"n": MAX_COLUMNS}
                )
            row = row[:MAX_COLUMNS]
        if not any(str(cell).strip() for cell in row):
            continue
        for cell in row:
            if len(str(cell)) > MAX_CELL_CHARS:
                raise ImportFileError(
                    _("Row %(row)s has a cell of more than %(n)s characters.")
                    % {"row": scanned, "n": MAX_CELL_CHARS}
                )
        kept.append([str(cell) for cell in row])
        if len(kept) > MAX_ROWS + 1:  # the header and MAX_ROWS rows
            raise _too_many_rows()
    return kept


def _read_csv(content: bytes) -> list[list[str]]:
    try:
        return _bounded(_parse_csv(_decode(content)))
    except csv.Error as exc:  # a cell over the csv module's limit, a stray NUL, ...
        raise ImportFileError(
            _(
                "The file could not be read as CSV: a cell is far too long or the file is not "
                "a text CSV file. Save it as CSV (UTF-8) or as Excel (.xlsx)."
            )
        ) from exc


def _parse_csv(text: str):
    """The CSV's rows, one at a time (a generator: nothing is split up front)."""
    first_line = text.split("\n", 1)[0]
    if first_line.strip().lower().startswith("sep=") and len(first_line.strip()) == 5:
        # Excel's own hint line ("sep=;") names the separator.
        delimiter = first_line.strip()[4]
        rest = text.split("\n", 1)[1] if "\n" in text else ""
        return csv.reader(io.StringIO(rest), delimiter=delimiter)
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    if "\t" in first_line and first_line.count("\t") > first_line.count(delimiter):
        delimiter = "\t"
    return csv.reader(io.StringIO(text), delimiter=delimiter)


def _check_unpacked_size(content: bytes) -> None:
    """Refuse a workbook that unpacks to more than MAX_UNPACKED_BYTES (a "zip bomb")."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
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


def _read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    _check_unpacked_size(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken or foreign file
        raise ImportFileError(
            _("The file could not be read as an Excel workbook (.xlsx).")
        ) from exc
    try:
        sheet = workbook.worksheets[0]

        def cells():
            # With max_row given, iter_rows stops there (openpyxl reads no further). Opening a
            # sheet without a <dimension> makes openpyxl scan it once: MAX_UNPACKED_BYTES bounds
            # that scan's time.
            for row in sheet.iter_rows(max_row=MAX_SCANNED_ROWS + 1, values_only=True):
                yield [
                    ""
                    if value is None
                    else str(int(value))
                    if isinstance(value, float) and value.is_integer()
                    else str(value)
                    for value in row
                ]

        return _bounded(cells())
    finally:
        workbook.close()


def read_table(content: bytes, filename: str) -> list[dict[str, str]]:
    """Rows of the file as {field name: text}, by our template's or the register's headers."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        raw = _read_xlsx(content)
    elif name.endswith((".csv", ".txt")):
        if content.startswith(b"PK\x03\x04"):
            raw = _read_xlsx(content)
        else:
            raw = _read_csv(content)
    else:
        raise ImportFileError(_("The file must be a CSV file (.csv) or an Excel workbook (.xlsx)."))
    raw = [row for row in raw if any(str(cell).strip() for cell in row)]
    if not raw:
        raise ImportFileError(_("The file is empty."))
    headers = [_normalise_header(cell) for cell in raw[0]]
    fields = [HEADER_TO_FIELD.get(header) for header in headers]
    if "name" not in fields:
        raise ImportFileError(
            _(
                "The first row must hold the column names, and one column must be called "
                "“navn” (the association's name). Download the template to see all columns."
            )
        )
    rows = []
    for raw_row in raw[1:]:
        values: dict[str, str] = {}
        for index, field_name in enumerate(fields):
            if field_name and index < len(raw_row) and field_name not in values:
                values[field_name] = str(raw_row[index]).strip()
        rows.append(values)
    return rows


def _column_label(field_name: str) -> str:
    for name, aliases in COLUMNS:
        if name == field_name:
            return aliases[0]
    return field_name


def _max_length(field_name: str) -> int | None:
    """The most characters Organisation's column `field_name` holds (None: no limit)."""
    return getattr(Organisation._meta.get_field(field_name), "max_length", None)


def check_rows(rows: list[dict[str, str]], *, centre: Centre) -> list[CheckedRow]:
    """Validate every cell and find the existing entry each row updates. Row numbers are the
    spreadsheet's (the header is row 1)."""
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
        row = CheckedRow(number=index, values=values)

        def error(field_name: str, reason: str, row: CheckedRow = row) -> None:
            row.errors.append(CellError(row.number, _column_label(field_name), reason))

        def messages(exc: ValidationError) -> str:
            return " ".join(str(m) for m in exc.messages)

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
            seen_numbers.setdefault(number, index)
        if "organisation_number" in values:
            data["organisation_number"] = number
        if name:
            if name in seen_names and not number:
                error(
                    "name", _("The same name is also in row %(row)s.") % {"row": seen_names[name]}
                )
            seen_names.setdefault(name, index)

        for text_field in (
            "description",
            "target_groups",
            "offers",
            "contact_name",
            "postal_address",
            "postal_place",
            "volunteer_needs",
        ):
            if text_field in values:
                data[text_field] = values[text_field]

        if values.get("email"):
            try:
                EmailValidator()(values["email"])
                data["email"] = values["email"].lower()
            except ValidationError:
                error(
                    "email", _("“%(value)s” is not an e-mail address.") % {"value": values["email"]}
                )
        elif "email" in values:
            data["email"] = ""

        if values.get("phone"):
            phone = services.normalise_phone(values["phone"])
            try:
                validate_phone(phone)
                data["phone"] = phone
            except ValidationError as exc:
                error("phone", messages(exc))
        elif "phone" in values:
            data["phone"] = ""

        if values.get("postal_code"):
            code = values["postal_code"].strip()
            if code.isdigit() and len(code) == 3:
                code = "0" + code  # Excel drops the leading zero of Oslo's postal codes
            try:
                validate_postal_code(code)
                data["postal_code"] = code
            except ValidationError as exc:
                error("postal_code", messages(exc))
        elif "postal_code" in values:
            data["postal_code"] = ""

        if values.get("website"):
            url = values["website"]
            if not url.startswith(("http://", "https://")):
                url = "https://" + url
            try:
                URLValidator()(url)
                data["website"] = url
            except ValidationError:
                error(
                    "website", _("“%(value)s” is not a web address.") % {"value": values["website"]}
                )

        for number_field, low, high in (
            ("member_count", 0, 10_000_000),
            ("founded_year", 1600, 2100),
        ):
            raw = values.get(number_field, "").replace(" ", "").replace("\u00a0", "")
            if raw:
                if raw.isdigit() and low <= int(raw) <= high:
                    data[number_field] = int(raw)
                else:
                    error(
                        number_field,
                        _("“%(value)s” is not a whole number between %(low)s and %(high)s.")
                        % {"value": values[number_field], "low": low, "high": high},
                    )

        for bool_field in ("needs_volunteers", "is_public", "in_national_register"):
            if bool_field in values:
                raw = values[bool_field].strip().lower()
                if raw in YES:
                    data[bool_field] = True
                elif raw in NO:
                    data[bool_field] = False
                else:
                    error(
                        bool_field,
                        _("Write “ja” or “nei”, not “%(value)s”.") % {"value": values[bool_field]},
                    )

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

        for field_name, value in data.items():
            # A value the column cannot hold would pass the preview and fail on saving.
            limit = _max_length(field_name)
            if field_name != "name" and isinstance(value, str) and limit and len(value) > limit:
                error(
                    field_name,
                    _("The text is %(length)s characters long; the column holds at most %(max)s.")
                    % {"length": len(value), "max": limit},
                )

        row.errors.sort(key=lambda e: COLUMN_ORDER.get(e.column, len(COLUMN_ORDER)))
        row.data = data
        row.existing = (by_number.get(number) if number else None) or by_name.get(name)
        checked.append(row)
    return checked


def import_rows(
    checked: list[CheckedRow],
    *,
    actor: User | None,
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
                services.organisation_update(
                    actor=actor,
                    organisation=Organisation.objects.for_centre(centre).get(pk=row.existing.pk),
                    data=row.data,
                    categories=categories,
                )
                result.updated += 1
            else:
                services.organisation_create(
                    actor=actor,
                    centre=centre,
                    data=row.data,
                    categories=categories or (),
                )
                result.created += 1
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


def upload_store(*, centre_id: int, filename: str, content: bytes) -> str:
    """Keep an uploaded file until it is confirmed, in the default storage (the local disk or
    the shared object store, so any web host can finish the import). Returns its path."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils.text import get_valid_filename

    safe = get_valid_filename(Path(filename).name)[-80:] or "import"
    name = f"{UPLOAD_FOLDER}/{centre_id}/{uuid.uuid4().hex}-{safe}"
    return default_storage.save(name, ContentFile(content))


def upload_load(path: str) -> bytes | None:
    """The stored upload's bytes, or None when it is gone (expired or already imported)."""
    from django.core.files.storage import default_storage

    if not path.startswith(f"{UPLOAD_FOLDER}/") or not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as handle:
        return handle.read()


def upload_discard(path: str | None) -> None:
    from django.core.files.storage import default_storage

    if path and path.startswith(f"{UPLOAD_FOLDER}/"):
        default_storage.delete(path)


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
    return deleted
