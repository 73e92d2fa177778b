"""Backup and restore of the whole database: pg_dump/pg_restore for PostgreSQL, SQLite's online
backup API (a consistent copy while the app runs) for SQLite."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import connections


class BackupError(Exception):
    pass


def _pg_env(db: dict[str, Any]) -> dict[str, str]:
    env = {**os.environ}
    env.update(
        {
            "PGHOST": str(db.get("HOST") or "127.0.0.1"),
            "PGPORT": str(db.get("PORT") or 5432),
            "PGUSER": str(db.get("USER") or "postgres"),
            "PGDATABASE": str(db["NAME"]),
        }
    )
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def backup(path: Path, *, using: str = "default") -> Path:
    """Write a consistent copy of database `using` to `path`."""
    connection = connections[using]
    db = connection.settings_dict
    path.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(path)], _pg_env(db))
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        raise BackupError(f"Backups of {connection.vendor} databases are not supported.")
    return path


def restore(path: Path, *, using: str = "default", settings_dict: dict | None = None) -> None:
    """Replace the contents of database `using` (or the one `settings_dict` names) with `path`."""
    if not path.exists():
        raise BackupError(f"No backup file at {path}.")
    connection = connections[using]
    db = settings_dict or connection.settings_dict
    vendor = "postgresql" if "postgresql" in db["ENGINE"] else "sqlite"
    if vendor == "postgresql":
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                str(db["NAME"]),
                str(path),
            ],
            _pg_env(db),
        )
    else:
        source = sqlite3.connect(path)
        try:
            if settings_dict is None:
                connection.ensure_connection()
                source.backup(connection.connection)
            else:
                target = sqlite3.connect(db["NAME"])
                try:
                    source.backup(target)
                finally:
                    target.close()
        finally:
            source.close()


def backup_scheduled(*, now=None) -> Path:
    """The nightly backup: a new file in settings.BACKUP_DIR, keeping the newest
    settings.BACKUP_KEEP files (older ones are deleted)."""
    from django.conf import settings
    from django.utils import timezone

    now = now or timezone.now()
    folder = Path(settings.BACKUP_DIR)
    path = backup(folder / f"frivillig-{now:%Y%m%d-%H%M%S}.backup")
    kept = sorted(folder.glob("frivillig-*.backup"), reverse=True)
    for old in kept[settings.BACKUP_KEEP :]:
        old.unlink(missing_ok=True)
    return path
