from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.seed import DEMO_LOGINS, DEMO_PASSWORD, seed

PRODUCTION_FLAG = "--i-know-this-is-production"


class Command(BaseCommand):
    help = "Load the fictional Fjordvik demo data (idempotent) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            PRODUCTION_FLAG,
            action="store_true",
            dest="production",
            help="load the demo with DEBUG off anyway (e.g. a public demo); no site admin is "
            "created then",
        )

    def handle(self, *args, production: bool = False, **options) -> None:
        if not settings.DEBUG and not production:
            raise CommandError(
                "seed_demo creates users with the public demo password and is meant for a "
                "development machine (DEBUG=1). To load the demo on a server anyway, run it "
                f"with {PRODUCTION_FLAG}; no site admin is created then."
            )
        with_site_admin = settings.DEBUG
        counts = seed(with_site_admin=with_site_admin)
        summary = ", ".join(f"{value} {key}" for key, value in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {summary}."))
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for login in DEMO_LOGINS:
            if login.what == "/admin/" and not with_site_admin:
                continue
            self.stdout.write(f"  {login.email:<36} {login.role:<24} {login.what}")
