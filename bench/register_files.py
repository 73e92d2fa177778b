"""Files in the national register's bulk-download shapes (Enhetsregisteret's "enheter"), for the
tests and the import benchmark: the CSV download's 69 dotted columns (gzipped, as served at
/enhetsregisteret/api/enheter/lastned/csv) and the spreadsheet download's readable headers."""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterator
from pathlib import Path

# The CSV download's columns, in its order.
CSV_COLUMNS = [
    "organisasjonsnummer",
    "navn",
    "organisasjonsform.kode",
    "organisasjonsform.beskrivelse",
    "naeringskode1.kode",
    "naeringskode1.beskrivelse",
    "naeringskode2.kode",
    "naeringskode2.beskrivelse",
    "naeringskode3.kode",
    "naeringskode3.beskrivelse",
    "hjelpeenhetskode.kode",
    "hjelpeenhetskode.beskrivelse",
    "harRegistrertAntallAnsatte",
    "antallAnsatte",
    "registreringsdatoAntallAnsatteEnhetsregisteret",
    "registreringsdatoantallansatteNAVAaregisteret",
    "hjemmeside",
    "epostadresse",
    "telefon",
    "mobil",
    "postadresse.adresse",
    "postadresse.poststed",
    "postadresse.postnummer",
    "postadresse.kommune",
    "postadresse.kommunenummer",
    "postadresse.land",
    "postadresse.landkode",
    "forretningsadresse.adresse",
    "forretningsadresse.poststed",
    "forretningsadresse.postnummer",
    "forretningsadresse.kommune",
    "forretningsadresse.kommunenummer",
    "forretningsadresse.land",
    "forretningsadresse.landkode",
    "institusjonellSektorkode.kode",
    "institusjonellSektorkode.beskrivelse",
    "sisteInnsendteAarsregnskap",
    "registreringsdatoenhetsregisteret",
    "stiftelsesdato",
    "registrertIMvaRegisteret",
    "registreringsdatoMerverdiavgiftsregisteret",
    "registreringsdatoMerverdiavgiftsregisteretEnhetsregisteret",
    "frivilligMvaRegistrertBeskrivelser",
    "registreringsdatoFrivilligMerverdiavgiftsregisteret",
    "registrertIFrivillighetsregisteret",
    "registreringsdatoFrivillighetsregisteret",
    "registrertIForetaksregisteret",
    "registreringsdatoForetaksregisteret",
    "registrertIStiftelsesregisteret",
    "registrertIPartiregisteret",
    "registreringsdatoPartiregisteret",
    "konkurs",
    "konkursdato",
    "underAvvikling",
    "underAvviklingDato",
    "underTvangsavviklingEllerTvangsopplosning",
    "tvangsopplostPgaManglendeDagligLederDato",
    "tvangsopplostPgaManglendeRevisorDato",
    "tvangsopplostPgaManglendeRegnskapDato",
    "tvangsopplostPgaMangelfulltStyreDato",
    "tvangsavvikletPgaManglendeSlettingDato",
    "overordnetEnhet",
    "nedleggelsesdato",
    "maalform",
    "vedtektsdato",
    "vedtektsfestetFormaal",
    "aktivitet",
    "registreringsnummerIHjemlandet",
    "paategninger",
]
# The spreadsheet download's headers for the columns above (readable Norwegian).
XLSX_HEADERS = {
    "organisasjonsnummer": "Organisasjonsnummer",
    "navn": "Navn",
    "hjemmeside": "Hjemmeside",
    "epostadresse": "E-postadresse",
    "telefon": "Telefon",
    "mobil": "Mobil",
    "stiftelsesdato": "Stiftelsesdato",
    "registrertIFrivillighetsregisteret": "Registrert i Frivillighetsregisteret",
    "registreringsdatoFrivillighetsregisteret": "Registreringsdato i Frivillighetsregisteret",
    "konkurs": "Konkurs",
    "underAvvikling": "Under avvikling",
    "underTvangsavviklingEllerTvangsopplosning": "Under tvangsavvikling eller tvangsoppløsning",
    "maalform": "Målform",
    "vedtektsfestetFormaal": "Vedtektsfestet formål",
    "aktivitet": "Aktivitet",
}


def xlsx_header(column: str) -> str:
    return XLSX_HEADERS.get(column) or column[:1].upper() + column[1:]


def organisation_number(n: int) -> str:
    """The n-th valid organisation number (modulus 11) from 800 000 000 up."""
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    base = 80_000_000 + n
    while True:
        digits = f"{base:08d}"
        remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
        check = 0 if remainder == 0 else 11 - remainder
        if check != 10:
            return f"{digits}{check}"
        base += 1_000_000  # skip numbers whose check digit would be 10


def register_row(n: int, *, municipality: str = "1804", **overrides: str) -> dict[str, str]:
    """One entity in the CSV download's shape."""
    row = dict.fromkeys(CSV_COLUMNS, "")
    row.update(
        {
            "organisasjonsnummer": organisation_number(n),
            "navn": f"FORENING NUMMER {n}",
            "organisasjonsform.kode": "FLI",
            "organisasjonsform.beskrivelse": "Forening/lag/innretning",
            "naeringskode1.kode": "94.991",
            "naeringskode1.beskrivelse": "Aktiviteter i andre interesseorganisasjoner ikke nevnt",
            "harRegistrertAntallAnsatte": "false",
            "hjemmeside": f"www.forening{n}.example",
            "epostadresse": f"post@forening{n}.example",
            "telefon": "75 00 00 00",
            "mobil": "900 00 000",
            "postadresse.adresse": f"Postboks {n % 999 + 1}",
            "postadresse.poststed": "FJORDVIK",
            "postadresse.postnummer": "8501",
            "postadresse.kommune": "FJORDVIK",
            "postadresse.kommunenummer": municipality,
            "postadresse.land": "Norge",
            "postadresse.landkode": "NO",
            "forretningsadresse.adresse": f"Storgata {n % 200 + 1}",
            "forretningsadresse.poststed": "FJORDVIK",
            "forretningsadresse.postnummer": "8500",
            "forretningsadresse.kommune": "FJORDVIK",
            "forretningsadresse.kommunenummer": municipality,
            "forretningsadresse.land": "Norge",
            "forretningsadresse.landkode": "NO",
            "institusjonellSektorkode.kode": "7000",
            "institusjonellSektorkode.beskrivelse": "Ideelle organisasjoner",
            "registreringsdatoenhetsregisteret": "1995-02-19",
            "stiftelsesdato": "1925-03-01",
            "registrertIMvaRegisteret": "false",
            "registrertIFrivillighetsregisteret": "true" if n % 3 else "false",
            "registreringsdatoFrivillighetsregisteret": "2009-01-15" if n % 3 else "",
            "registrertIForetaksregisteret": "false",
            "registrertIStiftelsesregisteret": "false",
            "registrertIPartiregisteret": "false",
            "konkurs": "false",
            "underAvvikling": "false",
            "underTvangsavviklingEllerTvangsopplosning": "false",
            "maalform": "Bokmål",
            "vedtektsfestetFormaal": "Arbeide for helse og trivsel i lokalsamfunnet.",
            "aktivitet": "Besøkstjeneste og trivselstiltak.",
        }
    )
    row.update(overrides)
    return row


def csv_text(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, delimiter=",", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def national_rows(count: int, *, local_every: int = 357, municipality: str = "1804"):
    """`count` entities across the country; every `local_every`-th is in `municipality`."""
    for n in range(count):
        yield register_row(n, municipality=municipality if n % local_every == 0 else "0301")


def write_csv_gz(path: Path, rows: Iterator[dict[str, str]]) -> Path:
    """Write rows as the register's gzipped CSV download, one at a time."""
    with gzip.open(path, "wt", encoding="utf-8", newline="", compresslevel=6) as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
    return path


def xlsx_bytes(rows: list[dict[str, str]]) -> bytes:
    """The rows as the register's spreadsheet download (readable headers, typed cells)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Enheter")
    sheet.append([xlsx_header(c) for c in CSV_COLUMNS])
    for row in rows:
        sheet.append([row[c] or None for c in CSV_COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
