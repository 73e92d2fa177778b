"""The migrations as they were before the squash, for the tests that step a database back to a
state in between (the audit trail's arrival, the models' moves between apps).

Django's graph puts each squashed migration in place of the migrations it replaces, so their
nodes are gone from it. The old files stay (for installations that applied some of them), and a
database built by the squashed migrations records every replaced migration as applied: a loader
that leaves the replacements out walks the old chain on the same database, back and forth."""

from __future__ import annotations

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


def step_back(targets: list[tuple[str, str]]) -> MigrationExecutor:
    """Migrate the old chain back to `targets` (before core's two branches of 0007, merged in
    0009). Stepped back in one go, Django unapplies 0008 before 0007_centre_district but builds
    0007_centre_district's state with 0008's field, and SQLite's table rebuild puts that column
    back; on SQLite one branch at a time keeps the order. PostgreSQL drops and adds columns in
    place, so it steps back in one go (a third of the walk's time: each step renders every
    model's state again)."""
    if connection.vendor == "sqlite":
        old_chain_executor().migrate([("core", "0008_centre_activities_public_by_default")])
        old_chain_executor().migrate([("core", "0006_centre_description_nynorsk")])
    executor = old_chain_executor()
    executor.migrate(targets)
    return executor


def old_leaves() -> list[tuple[str, str]]:
    return old_chain_executor().loader.graph.leaf_nodes()


def squashed_plan_is_empty() -> bool:
    """Nothing left to do for Django's own (squashed) graph: the old chain and the squashed
    migrations agree on what the database has."""
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
