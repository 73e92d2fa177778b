from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a consistent backup of the database (pg_dump, or a SQLite copy)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--out", type=Path, help="file to write (default: BACKUP_DIR/frivillig-<time>.backup)"
        )

    def handle(self, *args, out: Path | None = None, **options) -> None:
        path = out or Path(settings.BACKUP_DIR) / f"frivillig-{timezone.now():%Y%m%d-%H%M%S}.backup"
        try:
            backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path}"))
