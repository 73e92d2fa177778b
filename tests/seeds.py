"""The test databases are built from the models, and the rows the migrations write are written
into them by the migrations' own data steps.

Running the ~40 migrations of a fresh database took about 10 s per test process (most of it
Django rendering every model's state again after the steps that change a model many others
point to); building the tables from the models takes 1–2 s (settings_test: the test database's
`MIGRATE` is off). What a fresh installation has beyond its tables is what the migrations'
data steps (`RunPython`) write: the shared category lists with their English and nynorsk names,
the national categories, the search indexes. `write_migration_rows` runs those steps, in the
order a fresh database runs them, on the tables built from the models.

The migrations themselves stay tested: tests/test_old_chain_migrations.py migrates an empty
database (the old chain, then the squashed migrations as `manage.py migrate` runs them) and
checks that the rows the data steps wrote there are the rows the test databases hold
(`ROWS_WRITTEN`), and tests/test_squashed_migrations.py compares the two chains' models.
"""

from __future__ import annotations

from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.operations import RunPython

# The rows the data steps wrote, per model label: read right after writing them, before a test
# could change them (the transactional tests empty every table when they end).
ROWS_WRITTEN: dict[str, list[dict]] = {}


def write_migration_rows() -> None:
    # The plan `migrate` runs on a fresh database (clean_start: none counted as applied).
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes(), clean_start=True)
    with connection.schema_editor(atomic=True) as editor:
        for migration, _backwards in plan:
            for operation in migration.operations:
                if isinstance(operation, RunPython):
                    operation.code(apps, editor)
    ROWS_WRITTEN.clear()
    ROWS_WRITTEN.update(rows_of_our_apps())


def rows_of_our_apps() -> dict[str, list[dict]]:
    """Every row of the project's own models that has any, by model label, in primary-key
    order: what a database holds beside its tables."""
    from conftest import our_apps

    found = {}
    for label in sorted(our_apps()):
        for model in apps.get_app_config(label).get_models():
            rows = list(model._base_manager.order_by("pk").values())
            if rows:
                found[model._meta.label] = rows
    return found
