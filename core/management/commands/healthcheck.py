"""`python manage.py healthcheck`: ask the running web process's /healthz, as an operator's
host name would, and exit 0 only on 200 (the compose health check and the CI boot test)."""

from __future__ import annotations

import os
import urllib.error
import urllib.request

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def public_host() -> str:
    """The first real host name in ALLOWED_HOSTS (a leading dot or a wildcard dropped)."""
    for host in settings.ALLOWED_HOSTS:
        name = host.lstrip(".")
        if name and name != "*":
            return name
    return "localhost"


def local_url() -> str:
    """/healthz on the address gunicorn binds (deploy/run's BIND, 0.0.0.0:8000 by default)."""
    host, _, port = os.environ.get("BIND", "0.0.0.0:8000").rpartition(":")
    if host in {"", "0.0.0.0", "[::]"}:
        host = "127.0.0.1"
    return f"http://{host}:{port}/healthz"


class Command(BaseCommand):
    help = "Exit 0 when the web process answers /healthz with 200 for the configured host name."

    def add_arguments(self, parser):
        parser.add_argument("--url", default=None, help="default: /healthz on $BIND")
        parser.add_argument("--timeout", type=float, default=5.0)

    def handle(self, *args, url: str | None, timeout: float, **options) -> None:
        url = url or local_url()
        request = urllib.request.Request(
            url,
            # As the TLS proxy passes it: the real host name, and that the client used HTTPS.
            headers={"Host": public_host(), "X-Forwarded-Proto": "https"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                body = response.read().decode(errors="replace")
                status = response.status
        except urllib.error.HTTPError as exc:
            status, body = exc.code, exc.read().decode(errors="replace")
        except OSError as exc:
            raise CommandError(f"{url} did not answer: {exc}") from exc
        if status != 200:
            raise CommandError(f"{url} answered {status}: {body[:500]}")
        self.stdout.write(body)
