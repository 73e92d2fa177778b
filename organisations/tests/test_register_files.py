"""The national register's bulk downloads as import files: the CSV's 69 dotted columns (plain
and gzipped) and the spreadsheet's readable headers, filtered by municipality and by
Frivillighetsregisteret, run as a stored batch."""

from __future__ import annotations

import datetime as dt
import gzip
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bench.register_files import (
    CSV_COLUMNS,
    csv_text,
    national_rows,
    register_row,
    write_csv_gz,
    xlsx_bytes,
)
from organisations import batches, importing
from organisations.models import ImportBatch, Organisation
from tests.factories import access_of

# Every column the import maps, with where it lands (field, value expected from register_row(1)).
MAPPED = {
    "organisasjonsnummer": ("organisation_number", "800000017"),
    "navn": ("name", "FORENING NUMMER 1"),
    "organisasjonsform.kode": ("organisation_form", "FLI"),
    "hjemmeside": ("website", "https://www.forening1.example"),
    "epostadresse": ("email", "post@forening1.example"),
    "telefon": ("phone", "75000000"),
    "mobil": ("mobile", "90000000"),
    "postadresse.adresse": ("postal_address", "Postboks 2"),
    "postadresse.poststed": ("postal_place", "FJORDVIK"),
    "postadresse.postnummer": ("postal_code", "8501"),
    "postadresse.kommunenummer": ("postal_municipality_number", "1804"),
    "forretningsadresse.adresse": ("business_address", "Storgata 2"),
    "forretningsadresse.poststed": ("business_postal_place", "FJORDVIK"),
    "forretningsadresse.postnummer": ("business_postal_code", "8500"),
    "forretningsadresse.kommunenummer": ("business_municipality_number", "1804"),
    "stiftelsesdato": ("founded_date", dt.date(1925, 3, 1)),
    "registrertIFrivillighetsregisteret": ("in_national_register", True),
    "registreringsdatoFrivillighetsregisteret": ("national_register_date", dt.date(2009, 1, 15)),
    "konkurs": ("is_bankrupt", False),
    "underAvvikling": ("under_liquidation", False),
    "underTvangsavviklingEllerTvangsopplosning": ("under_forced_liquidation", False),
    "vedtektsfestetFormaal": ("description", "Arbeide for helse og trivsel i lokalsamfunnet."),
    "aktivitet": ("activity", "Besøkstjeneste og trivselstiltak."),
}


def _file() -> bytes:
    return csv_text(
        [
            register_row(1),
            register_row(2, **{"forretningsadresse.postnummer": "85A0"}),
            register_row(4, konkurs="true"),
            register_row(5, municipality="0301"),  # Oslo: left out by the filter
        ]
    ).encode()


def _upload(client, run_jobs, name, content, **fields):
    with run_jobs():
        response = client.post(
            reverse("organisations:import"),
            {"file": SimpleUploadedFile(name, content), **fields},
        )
    assert response.status_code == 302, response.context["form"].errors
    return response.url


def test_a_register_csv_round_trips_every_mapped_column(world, login, run_jobs):
    client = login(world.coordinator)
    batch_url = _upload(client, run_jobs, "enheter.csv", _file(), municipality_numbers="1804")
    page = client.get(batch_url)
    batch = page.context["batch"]
    html = page.content.decode()
    assert batch.status == ImportBatch.Status.CHECKED
    assert (batch.rows_total, batch.rows_filtered_out) == (3, 1)
    # Every column is named: the imported ones and the ignored ones.
    assert set(batch.columns_imported) == set(MAPPED)
    assert set(batch.columns_ignored) == set(CSV_COLUMNS) - set(MAPPED)
    assert "naeringskode1.kode" in html and "maalform" in html
    # The bad postal code is named by row and column; the bankrupt entity is flagged.
    assert batch.errors == [[3, "forretningsadresse.postnummer", batch.errors[0][2]]]
    assert "fire sifre" in batch.errors[0][2] or "four digits" in batch.errors[0][2]
    assert [row["row"] for row in batch.flagged] == [4]
    assert 'id="import-flagged"' in html

    with run_jobs():
        client.post(batch_url + "confirm/", {"confirm": "good"})
    organisation = Organisation.objects.get(organisation_number="800000017")
    for column, (field, expected) in MAPPED.items():
        assert getattr(organisation, field) == expected, column
    assert organisation.founded_year == 1925
    assert Organisation.objects.get(name="FORENING NUMMER 4").is_bankrupt
    assert not Organisation.objects.filter(name="FORENING NUMMER 5").exists()

    # The same file again updates; it creates nothing new.
    count = Organisation.objects.count()
    batch_url = _upload(client, run_jobs, "enheter.csv", _file(), municipality_numbers="1804")
    with run_jobs():
        client.post(batch_url + "confirm/", {"confirm": "good"})
    assert Organisation.objects.count() == count
    assert ImportBatch.objects.get(pk=batch_url.rstrip("/").split("/")[-1]).updated_count == 2


class _Spy(io.BytesIO):
    """A file that remembers the largest read asked of it."""

    largest = 0

    def read(self, size=-1):
        type(self).largest = max(type(self).largest, size if size >= 0 else 1 << 40)
        return super().read(size)

    def read1(self, size=-1):
        return self.read(size)


def test_a_gzipped_national_file_is_read_as_a_stream_through_the_filter(world, tmp_path):
    path = write_csv_gz(tmp_path / "enheter.csv.gz", national_rows(3_000, local_every=300))
    content = path.read_bytes()
    _Spy.largest = 0
    with importing.open_table(
        lambda: _Spy(content), "enheter_alle.csv.gz", municipalities=["1804"]
    ) as table:
        rows = list(table.rows())
    assert [row.number for row in rows] == [2 + n for n in range(0, 3_000, 300)]
    assert table.filtered_out == 3_000 - 10
    assert _Spy.largest <= 64 * 1024  # read in chunks, never the whole file at once
    assert len(gzip.decompress(content)) > 64 * 1024


def test_only_registered_voluntary_organisations_can_be_kept(world):
    content = csv_text([register_row(n) for n in range(1, 7)]).encode()
    rows = importing.read_table(content, "enheter.csv", only_registered=True)
    assert [row["name"] for row in rows] == [f"FORENING NUMMER {n}" for n in (1, 2, 4, 5)]


def test_the_filter_needs_a_municipality_column(world):
    try:
        importing.read_table(b"navn\nA\n", "f.csv", municipalities=["1804"])
    except importing.ImportFileError as exc:
        assert "kommunenummer" in str(exc)
    else:
        raise AssertionError("a file without municipality numbers cannot be filtered")


def test_the_spreadsheet_download_with_its_readable_headers_imports(world):
    content = xlsx_bytes([register_row(1), register_row(2, municipality="0301")])
    rows = importing.read_table(content, "enheter.xlsx", municipalities=["1804"])
    assert rows.columns_ignored and "Målform" in rows.columns_ignored
    assert "Registrert i Frivillighetsregisteret" in rows.columns_imported
    checked = importing.check_rows(rows, centre=world.centre)
    assert [row.ok for row in checked] == [True], checked[0].errors
    assert checked[0].data["national_register_date"] == dt.date(2009, 1, 15)
    assert checked[0].data["business_postal_code"] == "8500"


def test_the_command_and_the_service_run_the_same_batch(world, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "enheter.csv"
    path.write_text(csv_text([register_row(1), register_row(2, municipality="0301")]))
    call_command(
        "import_organisations", str(path), "--centre", world.centre.slug, "--municipality", "1804"
    )
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.DONE
    assert batch.created_count == 1 and batch.rows_filtered_out == 1
    assert batch.created_ids == [Organisation.objects.get(name="FORENING NUMMER 1").pk]


def test_a_batch_runs_through_the_celery_task(world, run_jobs, tmp_path):
    with run_jobs():
        batch = batches.import_batch_create(
            actor=access_of(world.coordinator),
            centre=world.centre,
            filename="enheter.csv",
            file=csv_text([register_row(1)]).encode(),
        )
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CHECKED and batch.task_id.startswith("import-")


def test_the_batch_page_polls_while_it_runs_and_has_fixed_queries(
    world, login, django_assert_num_queries
):
    batch = ImportBatch.objects.create(
        centre=world.centre, filename="a.csv", source_format="csv", created_by=world.coordinator
    )
    client = login(world.coordinator)
    url = reverse("organisations:import_batch", args=[batch.pk])
    client.get(url)
    with django_assert_num_queries(3):
        page = client.get(url)
    html = page.content.decode()
    assert 'hx-trigger="every 2000ms"' in html and 'aria-live="polite"' in html
    partial = client.get(url, headers={"HX-Request": "true"})
    assert b"<html" not in partial.content and b"import-status" in partial.content


def test_a_stale_batch_is_swept(world):
    from django.utils import timezone

    from core import jobs

    batch = ImportBatch.objects.create(
        centre=world.centre,
        filename="a.csv",
        source_format="csv",
        status=ImportBatch.Status.RUNNING,
        started_at=timezone.now() - dt.timedelta(hours=3),
        attempts=ImportBatch.max_attempts,
    )
    assert jobs.jobs_sweep() == 1
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED and batch.error
