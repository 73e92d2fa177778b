from django.core.management.base import BaseCommand

from demo.seed import DEMO_LOGINS, DEMO_PASSWORD, seed


class Command(BaseCommand):
    help = "Load the fictional Fjordvik demo data (idempotent) and print the demo logins."

    def handle(self, *args, **options) -> None:
        counts = seed()
        summary = ", ".join(f"{value} {key}" for key, value in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {summary}."))
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.email:<36} {login.role:<24} {login.what}")
