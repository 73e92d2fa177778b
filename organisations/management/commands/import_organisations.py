"""python manage.py import_organisations FILE [--dry-run] [--centre SLUG] [--good-rows-only]
[--municipality 1804 ...] [--only-registered]

The same stored batch as the browser's import (organisations.batches), run in this process.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from core.models import Centre
from core.permissions import Access
from organisations import batches, importing
from organisations.models import ImportBatch


class Command(BaseCommand):
    help = (
        "Import associations from a CSV (.csv, .csv.gz) or Excel (.xlsx) file into a centre's "
        "registry, in our template's shape or the national register's."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--centre", help="short name (slug) of the volunteer centre")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and save nothing"
        )
        parser.add_argument(
            "--good-rows-only",
            action="store_true",
            help="save the good rows even when other rows are rejected",
        )
        parser.add_argument(
            "--municipality",
            action="append",
            default=[],
            help="keep only rows of this municipality number (may be given several times)",
        )
        parser.add_argument(
            "--only-registered",
            action="store_true",
            help="keep only organisations registered in Frivillighetsregisteret",
        )

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        centre = self._centre(options["centre"])
        try:
            with path.open("rb") as handle:
                batch = batches.import_batch_create(
                    actor=Access.system(),
                    centre=centre,
                    filename=path.name,
                    file=handle,
                    municipalities=options["municipality"],
                    only_registered=options["only_registered"],
                    queue=False,
                )
        except importing.ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        ran = batches.import_batch_run(batch_id=batch.pk)
        assert ran is not None  # None only for a batch deleted meanwhile
        batch = ran
        if batch.status == ImportBatch.Status.FAILED:
            raise CommandError(batch.error)
        for row, column, reason in batch.errors:
            self.stderr.write(f"{_('Row')} {row}, {column}: {reason}")
        if batch.columns_ignored:
            self.stdout.write("Ignored columns: " + ", ".join(batch.columns_ignored))
        if options["dry_run"]:
            batches.import_batch_fail(batch_id=batch.pk, message="Dry run: nothing was saved.")
            self.stdout.write(
                f"Dry run: {batch.rows_good} good rows, {batch.rows_bad} rejected rows; "
                "nothing was saved."
            )
        else:
            try:
                batches.import_batch_confirm(
                    actor=Access.system(),
                    batch=batch,
                    good_rows_only=options["good_rows_only"],
                    queue=False,
                )
            except ValidationError as exc:
                batches.import_batch_fail(batch_id=batch.pk, message=" ".join(exc.messages))
                raise CommandError(
                    f"{batch.rows_bad} rows were rejected; nothing was saved."
                ) from exc
            ran = batches.import_batch_run(batch_id=batch.pk)
            assert ran is not None  # None only for a batch deleted meanwhile
            batch = ran
            if batch.status == ImportBatch.Status.FAILED:
                raise CommandError(batch.error)
            self.stdout.write(
                f"{batch.created_count} created, {batch.updated_count} updated, "
                f"{batch.skipped_count} skipped."
            )
        if batch.rows_bad:
            saved = (
                "the good rows were saved"
                if batch.created_count or batch.updated_count
                else "nothing was saved"
            )
            raise CommandError(f"{batch.rows_bad} rows were rejected; {saved}.")

    def _centre(self, slug: str | None) -> Centre:
        if slug:
            try:
                return Centre.objects.get(slug=slug)
            except Centre.DoesNotExist as exc:
                raise CommandError(f"No volunteer centre with the short name {slug!r}.") from exc
        centres = list(Centre.objects.all()[:2])
        if len(centres) != 1:
            raise CommandError("Several volunteer centres exist: choose one with --centre SLUG.")
        return centres[0]
