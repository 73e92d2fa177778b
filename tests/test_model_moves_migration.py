"""The models that moved between apps (the centre's year to centreyear, projects to projects,
tasks, hours and rotas out of volunteers) keep their rows, their audit trail and their content
types when an installation that had them in the old apps migrates.

A fresh database runs the squashed migrations and never has rows in the old apps. This test
walks the old chain back to before the moves (tests/old_chain.py), as an installation of that
time is, and migrates it forward as `manage.py migrate` does today: Django runs the old
migrations of a squash it had begun and the squashed ones of those it had not, which keep the
moves' relabelling (core.migration_ops.relabel_models)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.old_chain import old_chain_executor, old_leaves, squashed_plan_is_empty, step_back

BEFORE_MOVES = [
    ("core", "0006_centre_description_nynorsk"),
    ("activities", "0010_single_line_names"),
    ("volunteers", "0012_single_line_names"),
]
# model -> (old app, new app)
MOVED = {
    "centreyear": ("core", "centreyear"),
    "project": ("activities", "projects"),
    "task": ("volunteers", "tasks"),
    "hourentry": ("volunteers", "hours"),
}


@pytest.mark.django_db(transaction=True)
def test_moved_models_keep_their_rows_audit_trail_and_content_types():
    old = step_back(BEFORE_MOVES).loader.project_state(BEFORE_MOVES).apps
    municipality = old.get_model("core", "Municipality").objects.create(name="Fjordvik")
    centre = old.get_model("core", "Centre").objects.create(
        name="Fjordvik frivilligsentral", slug="fjordvik", municipality=municipality
    )
    user = old.get_model("core", "User").objects.create(
        email="koord@example.org", role="coordinator", centre=centre
    )
    year = old.get_model("core", "CentreYear").objects.create(centre=centre, year=2026)
    project = old.get_model("activities", "Project").objects.create(
        centre=centre, name="Ungdomsklubben", slug="ungdom"
    )
    task = old.get_model("volunteers", "Task").objects.create(centre=centre, title="Leksehjelp")
    volunteer = old.get_model("volunteers", "Volunteer").objects.create(
        centre=centre, first_name="Ola", last_name="N", email="ola@example.org"
    )
    hours = old.get_model("volunteers", "HourEntry").objects.create(
        centre=centre, volunteer=volunteer, date=dt.date(2026, 3, 2), hours=Decimal("2.5")
    )
    AuditEvent = old.get_model("core", "AuditEvent")
    objects = {"centreyear": year, "project": project, "task": task, "hourentry": hours}
    for model, obj in objects.items():
        AuditEvent.objects.create(
            centre=centre,
            actor=user,
            source="web",
            action=f"{model}.created",
            object_type=f"{MOVED[model][0]}.{model}",
            object_id=str(obj.pk),
        )
    # An installation from before the moves had the content types under the old apps (where
    # stepping back put them, relabel_models backwards).
    type_ids = {}
    for model, (old_app, new_app) in MOVED.items():
        type_ids[model] = ContentType.objects.get_or_create(app_label=old_app, model=model)[0].pk
        assert not ContentType.objects.filter(app_label=new_app, model=model).exists()

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert old_chain_executor().migration_plan(old_leaves()) == []
    assert squashed_plan_is_empty()
    ContentType.objects.clear_cache()

    from centreyear.models import CentreYear
    from core.models import AuditEvent as Event
    from hours.models import HourEntry
    from projects.models import Project
    from tasks.models import Task

    assert CentreYear.objects.get(pk=year.pk).year == 2026
    assert Project.objects.get(pk=project.pk).name == "Ungdomsklubben"
    assert Task.objects.get(pk=task.pk).title == "Leksehjelp"
    entry = HourEntry.objects.get(pk=hours.pk)
    assert (entry.hours, entry.volunteer_id) == (Decimal("2.5"), volunteer.pk)
    for model, obj in objects.items():
        new_app = MOVED[model][1]
        event = Event.objects.get(action=f"{model}.created")
        assert (event.object_type, event.object_id) == (f"{new_app}.{model}", str(obj.pk))
        assert ContentType.objects.get(pk=type_ids[model]).app_label == new_app
