"""The migrations as they were before the squash, for the tests that need a database of a
state in between (the audit trail's arrival, the models' moves between apps).

Django's graph puts each squashed migration in place of the migrations it replaces, so their
nodes are gone from it. The old files stay (for installations that applied some of them), and a
database built by the squashed migrations records every replaced migration as applied: a loader
that leaves the replacements out walks the old chain on the same database, back and forth, or
on an empty one (`on_an_empty_database`) forward from the start."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader


def old_chain_loader(on_database: bool = True) -> MigrationLoader:
    loader = MigrationLoader(
        connection if on_database else None,
        replace_migrations=False,
        ignore_no_migrations=True,
    )
    for key, migration in loader.replacements.items():
        loader.graph.remove_replacement_node(key, migration.replaces)
    return loader


def old_chain_executor() -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader = old_chain_loader()
    return executor


@contextmanager
def on_an_empty_database() -> Iterator[None]:
    """The default connection on a new, empty database for the block, the test database kept
    as it is (and the scratch database dropped after): an installation of an old time is built
    by migrating forward on the old chain to that time, which needs a fraction of the states
    that stepping the test database back through the whole chain rendered (28 migrations
    forward to before the audit trail; back, more than a hundred).

    On PostgreSQL a database beside the test database; on SQLite a file, while the connection
    to the in-memory test database is held aside (closing it would drop that database)."""
    settings_dict = connection.settings_dict
    test_database = settings_dict["NAME"]
    held = None
    ContentType.objects.clear_cache()
    if connection.vendor == "sqlite":
        folder = tempfile.TemporaryDirectory()
        scratch = str(Path(folder.name) / "old-chain.sqlite3")
        held, connection.connection = connection.connection, None
    else:
        folder = None
        scratch = f"{test_database}_old_chain"
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(scratch)}")
            cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(scratch)}")
        connection.close()
    settings_dict["NAME"] = scratch
    try:
        yield
    finally:
        connection.close()
        settings_dict["NAME"] = test_database
        ContentType.objects.clear_cache()
        if folder is not None:
            connection.connection = held
            folder.cleanup()
        else:
            with connection._nodb_cursor() as cursor:
                cursor.execute(f"DROP DATABASE {connection.ops.quote_name(scratch)}")


def old_leaves() -> list[tuple[str, str]]:
    return old_chain_executor().loader.graph.leaf_nodes()


def squashed_plan_is_empty() -> bool:
    """Nothing left to do for Django's own (squashed) graph: the old chain and the squashed
    migrations agree on what the database has."""
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
