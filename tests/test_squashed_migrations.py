"""The squashed migrations end where the old chain ends: the same models, fields, indexes and
constraints, so a database built by either is the same to Django (and makemigrations finds
nothing to write for either)."""

from django.db.migrations.autodetector import MigrationAutodetector
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.questioner import NonInteractiveMigrationQuestioner

from tests.old_chain import old_chain_loader


def test_the_squashed_graph_ends_in_the_old_chains_state():
    squashed = MigrationLoader(None, ignore_no_migrations=True)
    old = old_chain_loader(on_database=False)
    assert squashed.replacements, "the project has squashed migrations"
    assert set(squashed.graph.nodes) != set(old.graph.nodes)
    changes = MigrationAutodetector(
        old.project_state(), squashed.project_state(), NonInteractiveMigrationQuestioner()
    ).changes(graph=squashed.graph)
    assert changes == {}


def test_a_fresh_database_runs_the_squashed_migrations():
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    plan = graph.forwards_plan(("activities", graph.leaf_nodes("activities")[0][1]))
    squashed = [key for key in plan if graph.nodes[key].replaces]
    assert ("activities", "0001_squashed_0010_single_line_names") in squashed
    assert ("activities", "0004_seed_activity_categories") not in plan
