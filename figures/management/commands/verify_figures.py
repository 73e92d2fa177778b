"""Compare the figures' rollups with the logs they sum, and repair or rebuild them.

manage.py verify_figures            # list the buckets that differ (exit 1 if any)
manage.py verify_figures --repair   # and rebuild the centres that differ
manage.py verify_figures --rebuild  # rebuild every centre from the logs
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from figures import rollups


class Command(BaseCommand):
    help = "Compare the figures' rollups with the activity and hour logs (and repair them)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--repair", action="store_true", help="Rebuild centres that differ.")
        parser.add_argument("--rebuild", action="store_true", help="Rebuild every centre.")

    def handle(self, *args, repair: bool = False, rebuild: bool = False, **options) -> None:
        with transaction.atomic():
            if rebuild:
                rollups.rebuild()
                self.stdout.write(self.style.SUCCESS("Rollups rebuilt from the logs."))
                return
            differences = rollups.verify(repair=repair)
        for line in differences[:50]:
            self.stdout.write(line)
        if not differences:
            self.stdout.write(self.style.SUCCESS("Rollups equal the logs."))
        elif repair:
            self.stdout.write(self.style.WARNING(f"{len(differences)} buckets repaired."))
        else:
            raise CommandError(f"{len(differences)} buckets differ from the logs (--repair).")
