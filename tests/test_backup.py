"""A backup restored into a fresh database holds every record."""

import sqlite3
import subprocess

import pytest
from django.apps import apps
from django.db import connection

from conftest import our_apps
from core.backup import BackupError, backup, restore
from demo.seed import seed


def _tables() -> list[str]:
    return [
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in our_apps() and model._meta.managed
    ]


def _source_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def test_a_restored_backup_holds_every_record(transactional_db, tmp_path):
    seed()
    source = _source_counts()
    assert source["organisations_organisation"] > 50
    path = backup(tmp_path / "frivillig.backup")

    if connection.vendor == "postgresql":
        target_name = f"{connection.settings_dict['NAME']}_restore"
        db = {**connection.settings_dict, "NAME": target_name}
        env_args = ["-h", db["HOST"] or "127.0.0.1", "-U", db["USER"] or "postgres"]
        subprocess.run(["dropdb", "--if-exists", *env_args, target_name], check=True)
        subprocess.run(["createdb", *env_args, target_name], check=True)
        try:
            restore(path, settings_dict=db)
            import psycopg

            with psycopg.connect(
                host=db["HOST"] or "127.0.0.1", user=db["USER"] or "postgres", dbname=target_name
            ) as restored:
                counts = {
                    table: restored.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
                    for table in _tables()
                }
        finally:
            subprocess.run(["dropdb", "--if-exists", *env_args, target_name], check=False)
    else:
        target = tmp_path / "restored.sqlite3"
        restore(path, settings_dict={"ENGINE": "django.db.backends.sqlite3", "NAME": str(target)})
        with sqlite3.connect(target) as restored:
            counts = {
                table: restored.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
                for table in _tables()
            }
    assert counts == source


def test_it_refuses_a_missing_backup_file(db, tmp_path):
    with pytest.raises(BackupError):
        restore(tmp_path / "nothing-here.backup")
