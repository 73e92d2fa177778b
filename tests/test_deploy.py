"""The production shape, checked without Docker: what goes into the image, the health check
the compose stack runs, the processes deploy/run starts, and the first site admin."""

from __future__ import annotations

import fnmatch
import re
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from core.models import User

ROOT = Path(__file__).resolve().parent.parent


def _ignored(path: str) -> bool:
    """Whether .dockerignore keeps `path` out of the build context (its last match wins)."""
    ignored = False
    for line in (ROOT / ".dockerignore").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        pattern = line.lstrip("!").rstrip("/")
        parts = path.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        if any(fnmatch.fnmatch(prefix, pattern) for prefix in prefixes):
            ignored = not negate
    return ignored


@pytest.mark.parametrize(
    "path",
    [
        ".env",
        ".env.production",
        ".venv/bin/python",
        ".git/config",
        "db.sqlite3",
        "media/reports/2025/rapport.pdf",
        "backups/frivillig-20261201.backup",
        "test-artifacts/junit.xml",
    ],
)
def test_secrets_and_local_files_stay_out_of_the_image(path):
    assert _ignored(path)


@pytest.mark.parametrize(
    "path",
    [
        ".env.example",
        "manage.py",
        "deploy/run",
        "frivillig/settings.py",
        "static/css/base.css",
        "requirements/prod.txt",
    ],
)
def test_the_application_goes_into_the_image(path):
    assert not _ignored(path)


def test_compose_starts_every_process_through_deploy_run():
    compose = (ROOT / "docker-compose.yml").read_text()
    for process in ("migrate", "web", "worker", "beat", "healthcheck"):
        assert f'"deploy/run", "{process}"' in compose
    run = (ROOT / "deploy" / "run").read_text()
    # Every long-running process replaces the shell, so it gets SIGTERM itself.
    for process in ("web", "worker", "beat", "migrate"):
        block = re.search(rf"^  {process}\)\n(.*?);;", run, re.S | re.M).group(1)
        assert block.strip().startswith("exec ")
    # Only the TLS proxy is published; the app's port is not.
    assert re.findall(r'^\s+- "(\d+):\d+"', compose, re.M) == ["80", "443"]
    assert "service_completed_successfully" in compose
    assert "--appendonly" in compose


def test_deploy_run_refuses_an_unknown_process():
    result = subprocess.run(["sh", str(ROOT / "deploy" / "run"), "nonsense"], capture_output=True)
    assert result.returncode == 2


def test_the_health_check_asks_with_the_real_host_name(live_server, settings, capsys):
    settings.ALLOWED_HOSTS = ["frivillig.kommune.no"]
    call_command("healthcheck", url=f"{live_server.url}/healthz")
    assert '"status": "ok"' in capsys.readouterr().out


def test_the_health_check_fails_when_the_site_does_not_answer_200(live_server, settings):
    settings.ALLOWED_HOSTS = ["frivillig.kommune.no"]
    with pytest.raises(CommandError, match="404"):
        call_command("healthcheck", url=f"{live_server.url}/no-such-page/")


def test_the_first_site_admin_gets_a_verified_address(db, monkeypatch):
    from allauth.account.models import EmailAddress

    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "et-langt-og-godt-passord-2026")
    call_command("create_site_admin", "--email", "IT@Kommune.no")
    admin = User.objects.get(email="it@kommune.no")
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password("et-langt-og-godt-passord-2026")
    assert EmailAddress.objects.get(user=admin).verified
    with pytest.raises(CommandError, match="exists already"):
        call_command("create_site_admin", "--email", "it@kommune.no")


def test_a_weak_site_admin_password_is_refused(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "123")
    with pytest.raises(CommandError):
        call_command("create_site_admin", "--email", "it@kommune.no")
    assert not User.objects.exists()


def test_the_nightly_backup_keeps_the_newest_files(db, settings, tmp_path):
    import datetime as dt

    from django.utils import timezone

    from core.backup import backup_scheduled

    settings.BACKUP_DIR = tmp_path
    settings.BACKUP_KEEP = 2
    start = timezone.now()
    for day in range(3):
        backup_scheduled(now=start + dt.timedelta(days=day))
    files = sorted(path.name for path in tmp_path.glob("frivillig-*.backup"))
    assert len(files) == 2
    assert files[-1] == f"frivillig-{start + dt.timedelta(days=2):%Y%m%d-%H%M%S}.backup"
