"""python manage.py import_organisations FILE [--dry-run] [--centre SLUG] [--good-rows-only]"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from core.models import Centre
from organisations import importing


class Command(BaseCommand):
    help = "Import associations from a CSV or Excel (.xlsx) file into a centre's registry."

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

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        centre = self._centre(options["centre"])
        try:
            rows = importing.read_table(path.read_bytes(), path.name)
        except importing.ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        checked = importing.check_rows(rows, centre=centre)
        bad = [row for row in checked if not row.ok]
        for row in checked:
            for error in row.errors:
                self.stderr.write(f"{_('Row')} {error.row}, {error.column}: {error.reason}")
        result = importing.import_rows(
            checked,
            actor=None,
            centre=centre,
            good_rows_only=options["good_rows_only"],
            dry_run=options["dry_run"],
        )
        good = len(checked) - len(bad)
        if options["dry_run"]:
            self.stdout.write(
                f"Dry run: {good} good rows, {len(bad)} rejected rows; nothing was saved."
            )
        else:
            self.stdout.write(
                f"{result.created} created, {result.updated} updated, {result.skipped} skipped."
            )
        if bad:
            saved = (
                "the good rows were saved"
                if result.created or result.updated
                else ("nothing was saved")
            )
            raise CommandError(f"{len(bad)} rows were rejected; {saved}.")

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
