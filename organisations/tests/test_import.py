import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from core.audit import events_of
from organisations.importing import check_rows, import_rows, read_table
from organisations.models import Category, Organisation
from tests import factories as f

HEADER = "navn,organisasjonsnummer,kategori,postnummer,telefon,e-post,antall medlemmer\n"
GOOD_1 = "Fjordvik Kor,123 456 785,Helse,8500,900 00 000,kor@example.org,40\n"
GOOD_2 = "Blåbærlaget,,,0150,,,\n"
BAD_1 = "Feil Lag,123456789,Ukjent,85,123,ikke-epost,mange\n"


@pytest.fixture
def health(db):
    return Category.objects.get_or_create(name="Helse", defaults={"name_en": "Health"})[0]


def _mixed() -> bytes:
    return (HEADER + GOOD_1 + BAD_1 + GOOD_2 + ",974760673,,,,,\n").encode("utf-8")


def _names(centre) -> set[str]:
    return set(Organisation.objects.filter(centre=centre).values_list("name", flat=True))


def test_it_saves_nothing_and_reports_every_bad_row_when_rows_are_bad(world, health):
    before = _names(world.centre)
    checked = check_rows(read_table(_mixed(), "f.csv"), centre=world.centre)
    result = import_rows(checked, actor=f.access_of(world.coordinator), centre=world.centre)
    assert _names(world.centre) == before
    assert result.created == 0
    errors = {(e.row, e.column) for row in checked for e in row.errors}
    assert errors == {
        (3, "organisasjonsnummer"),
        (3, "kategori"),
        (3, "postnummer"),
        (3, "telefon"),
        (3, "e-post"),
        (3, "antall medlemmer"),
        (5, "navn"),
    }
    assert all(e.reason for row in checked for e in row.errors)


def test_it_saves_exactly_the_good_rows_when_asked_and_creates_no_duplicates(world, health):
    before = _names(world.centre)
    for _attempt in range(2):
        checked = check_rows(read_table(_mixed(), "f.csv"), centre=world.centre)
        import_rows(
            checked, actor=f.access_of(world.coordinator), centre=world.centre, good_rows_only=True
        )
        assert _names(world.centre) == before | {"Fjordvik Kor", "Blåbærlaget"}
    assert Organisation.objects.filter(name="Blåbærlaget").count() == 1
    choir = Organisation.objects.get(organisation_number="123456785")
    assert choir.name == "Fjordvik Kor"
    assert choir.phone == "90000000"
    assert choir.member_count == 40
    assert [c.category for c in choir.ranked_categories.all()] == [health]
    latest = events_of(choir).first()
    assert (latest.actor, latest.source) == (world.coordinator, "import")


def test_it_matches_by_organisation_number_then_exact_name_and_updates(world):
    by_number = f.OrganisationFactory(
        centre=world.centre, name="Gammelt navn", organisation_number="123456785"
    )
    content = (
        "navn;organisasjonsnummer;kontaktperson\n"
        "Nytt navn;123456785;Ola\n"
        f"{world.other_organisation.name};;Per\n"
    ).encode()
    checked = check_rows(read_table(content, "f.csv"), centre=world.centre)
    result = import_rows(checked, actor=f.access_of(world.coordinator), centre=world.centre)
    assert (result.created, result.updated) == (0, 2)
    by_number.refresh_from_db()
    world.other_organisation.refresh_from_db()
    assert by_number.name == "Nytt navn"
    assert world.other_organisation.contact_name == "Per"


def test_it_reads_latin1_semicolon_csv_as_norwegian_excel_writes_it(world):
    content = "Navn;Organisasjonsnummer;Poststed\r\nSkøyteklubben Ærlig;;Tromsø\r\n".encode(
        "cp1252"
    )
    checked = check_rows(read_table(content, "eksport.csv"), centre=world.centre)
    assert checked[0].ok
    import_rows(checked, actor=f.access_of(world.coordinator), centre=world.centre)
    assert Organisation.objects.get(name="Skøyteklubben Ærlig").postal_place == "Tromsø"


def test_it_reads_xlsx_with_the_national_register_column_names(world):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Organisasjonsnummer", "Navn", "Postnummer", "Hjemmeside"])
    sheet.append([974760673, "Registerlaget", 150, "www.example.org"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    checked = check_rows(read_table(buffer.getvalue(), "register.xlsx"), centre=world.centre)
    assert checked[0].ok, checked[0].errors
    import_rows(checked, actor=f.access_of(world.coordinator), centre=world.centre)
    organisation = Organisation.objects.get(name="Registerlaget")
    assert organisation.organisation_number == "974760673"
    assert organisation.postal_code == "0150"
    assert organisation.website == "https://www.example.org"


@pytest.mark.parametrize(
    ("content", "filename"),
    [
        (b"\x00\x01\x02binary", "f.csv"),
        (b"foo,bar\n1,2\n", "f.csv"),
        (b"", "f.csv"),
        (b"not a workbook", "f.xlsx"),
        (b"navn\nA\n", "f.pdf"),
    ],
)
def test_it_rejects_unreadable_files_with_a_clear_message(world, login, content, filename):
    client = login(world.coordinator)
    upload = io.BytesIO(content)
    upload.name = filename
    response = client.post(reverse("organisations:import"), {"file": upload})
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert errors and all(len(e) > 10 for e in errors)


def _upload(client, run_jobs, name: str, content: bytes):
    with run_jobs():
        response = client.post(
            reverse("organisations:import"), {"file": SimpleUploadedFile(name, content)}
        )
    assert response.status_code == 302, response.context["form"].errors
    return response.url


def _confirm(client, run_jobs, batch_url: str, choice: str):
    with run_jobs():
        return client.post(batch_url + "confirm/", {"confirm": choice})


def test_it_previews_in_the_browser_and_saves_only_after_confirming(world, login, health, run_jobs):
    client = login(world.coordinator)
    before = _names(world.centre)
    batch_url = _upload(client, run_jobs, "foreninger.csv", _mixed())
    page = client.get(batch_url).content.decode()
    assert 'id="import-errors"' in page
    assert "123456789" in page
    assert _names(world.centre) == before
    # Confirming "all" with bad rows saves nothing and says so.
    _confirm(client, run_jobs, batch_url, "all")
    assert _names(world.centre) == before
    response = _confirm(client, run_jobs, batch_url, "good")
    assert response.status_code == 302
    assert _names(world.centre) == before | {"Fjordvik Kor", "Blåbærlaget"}
    page = client.get(batch_url)
    assert page.context["batch"].status == "done"
    assert page.context["batch"].created_count == 2


def test_it_offers_a_template_that_imports_cleanly(world, login, health):
    client = login(world.coordinator)
    response = client.get(reverse("organisations:import_template"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("navn", "organisasjonsnummer")
    checked = check_rows(read_table(response.content, "mal.xlsx"), centre=world.centre)
    assert all(row.ok for row in checked), [row.errors for row in checked]
    csv_template = client.get(reverse("organisations:import_template"), {"format": "csv"})
    checked = check_rows(read_table(csv_template.content, "mal.csv"), centre=world.centre)
    assert all(row.ok for row in checked)


def test_the_command_exits_non_zero_and_prints_the_row_errors(world, tmp_path, capsys, health):
    path = tmp_path / "foreninger.csv"
    path.write_bytes(_mixed())
    before = _names(world.centre)
    with pytest.raises(CommandError):
        call_command("import_organisations", str(path), "--centre", world.centre.slug)
    err = capsys.readouterr().err
    assert "3" in err and "organisasjonsnummer" in err and "5" in err
    assert _names(world.centre) == before


def test_the_command_imports_a_clean_file_and_dry_run_saves_nothing(world, tmp_path, health):
    path = tmp_path / "foreninger.csv"
    path.write_bytes((HEADER + GOOD_1).encode())
    call_command("import_organisations", str(path), "--centre", world.centre.slug, "--dry-run")
    assert not Organisation.objects.filter(name="Fjordvik Kor").exists()
    call_command("import_organisations", str(path), "--centre", world.centre.slug)
    call_command("import_organisations", str(path), "--centre", world.centre.slug)
    assert Organisation.objects.filter(name="Fjordvik Kor").count() == 1


def test_the_command_asks_for_a_centre_when_there_are_several(world, tmp_path):
    path = tmp_path / "foreninger.csv"
    path.write_bytes((HEADER + GOOD_1).encode())
    with pytest.raises(CommandError, match="--centre"):
        call_command("import_organisations", str(path))


def test_it_rejects_an_organisation_number_of_another_centre(world):
    world.foreign_organisation.organisation_number = "974760673"
    world.foreign_organisation.save()
    content = b"navn,organisasjonsnummer\nKopi,974760673\n"
    checked = check_rows(read_table(content, "f.csv"), centre=world.centre)
    assert not checked[0].ok


def test_it_refuses_files_over_the_size_limit(world, login):
    upload = io.BytesIO(b"navn\n" + b"x" * (2 * 1024 * 1024 + 1))
    upload.name = "stor.csv"
    response = login(world.coordinator).post(reverse("organisations:import"), {"file": upload})
    assert "file" in response.context["form"].errors


def test_it_understands_excels_separator_hint_line(world):
    content = "sep=;\r\nnavn;poststed\r\nHintlaget;Bodø, sentrum\r\n".encode("utf-8-sig")
    checked = check_rows(read_table(content, "f.csv"), centre=world.centre)
    assert [row.values for row in checked] == [
        {"name": "Hintlaget", "postal_place": "Bodø, sentrum"}
    ]


def test_it_names_a_cell_too_long_for_its_column_in_the_preview(world, login, run_jobs):
    long_place = "Ø" * 101  # postal place holds 100 characters
    long_email = "a" * 250 + "@example.org"  # a valid address, longer than the 254 the column holds
    content = (
        "navn,poststed,e-post,kontaktperson\n"
        f"Fjordvik Kor,{long_place},{long_email},{'K' * 201}\n"
        "Blåbærlaget,Fjordvik,,\n"
    ).encode()
    checked = check_rows(read_table(content, "f.csv"), centre=world.centre)
    errors = {(e.row, e.column) for row in checked for e in row.errors}
    assert errors == {(2, "poststed"), (2, "e-post"), (2, "kontaktperson")}
    with translation.override("en"):
        checked = check_rows(read_table(content, "f.csv"), centre=world.centre)
    reasons = [e.reason for e in checked[0].errors]
    assert "The text is 101 characters long; the column holds at most 100." in reasons

    client = login(world.coordinator)
    batch_url = _upload(client, run_jobs, "foreninger.csv", content)
    assert 'id="import-errors"' in client.get(batch_url).content.decode()
    response = _confirm(client, run_jobs, batch_url, "good")
    assert response.status_code == 302
    assert _names(world.centre) >= {"Blåbærlaget"}
    assert not Organisation.objects.filter(name="Fjordvik Kor").exists()


def test_the_upload_waits_in_storage_not_in_the_session_and_is_deleted_after_import(
    world, login, settings, tmp_path, run_jobs
):
    from django.core.files.storage import default_storage

    from organisations.models import ImportBatch

    settings.MEDIA_ROOT = tmp_path
    client = login(world.coordinator)
    batch_url = _upload(
        client, run_jobs, "liste.csv", b"navn;e-post\nBergli Sjakklubb;sjakk@bergli.example\n"
    )
    assert not any("import" in key for key in client.session.keys())  # nothing in the session
    batch = ImportBatch.objects.get()
    assert batch.created_by == world.coordinator
    assert default_storage.exists(batch.file_path)
    _confirm(client, run_jobs, batch_url, "all")
    assert not default_storage.exists(batch.file_path)
    batch.refresh_from_db()
    assert batch.status == "done"
    assert batch.created_ids == list(
        Organisation.objects.filter(name="Bergli Sjakklubb").values_list("pk", flat=True)
    )


def test_uploads_nobody_confirmed_are_purged_after_a_day(db, settings, tmp_path):
    import datetime as dt

    from django.core.files.storage import default_storage
    from django.utils import timezone

    from organisations import importing

    settings.MEDIA_ROOT = tmp_path
    path = importing.upload_store(centre_id=1, filename="liste.csv", content=b"navn\nA\n")
    assert importing.uploads_purge() == 0
    assert importing.uploads_purge(now=timezone.now() + dt.timedelta(days=2)) == 1
    assert not default_storage.exists(path)
    assert importing.upload_load(path) is None
