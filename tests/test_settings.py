import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "frivillig.settings",
    "DEBUG": "0",
    "SECRET_KEY": "x7Gq2-very-long-random-production-secret-key-for-the-deploy-check-91",
    "ALLOWED_HOSTS": "frivillig.example.no",
    "DATABASE_URL": "sqlite:////tmp/frivillig-deploy-check.sqlite3",
    "ACCESSIBILITY_STATEMENT_URL": "https://uustatus.no/nb/erklaringer/publisert/frivillig",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "DEBUG",
            "SECURE_SSL_REDIRECT",
            "ACCOUNT_EMAIL_VERIFICATION",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.heavy
def test_the_deploy_check_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.heavy
def test_the_deploy_check_fails_without_the_accessibility_statement():
    env = {**PRODUCTION_ENV, "ACCESSIBILITY_STATEMENT_URL": ""}
    # An error, not a warning: the default fail level (ERROR) already refuses it.
    result = _manage("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "frivillig.E001" in result.stderr + result.stdout
    assert "ACCESSIBILITY_STATEMENT_URL" in result.stderr + result.stdout
