"""An installation on the old migration chain keeps what it had when it migrates on:

1. the three older logs (association history, privacy events, login records) move into the one
   audit trail, with their authors, times and changes;
2. the models that moved between apps (the centre's year to centreyear, projects to projects,
   tasks, hours and rotas out of volunteers) keep their rows, their audit trail and their
   content types.

The migrations that did both are squashed since: a fresh database never had the old logs nor
rows in the old apps. The test builds an installation of the time before the audit trail on an
empty database, migrating the old chain (tests/old_chain.py) forward to there, and walks on: on
the old chain past the audit trail to just before the moves, and from there as `manage.py
migrate` does today (Django runs the old migrations of a squash it had begun and the squashed
ones of those it had not, which keep the moves' relabelling, core.migration_ops.relabel_models).
At the end the installation's tables hold the rows the test databases hold: those are built from
the models, with the rows of the migrations' data steps (tests/seeds.py).

One test, not two: both stories start from the same old database, and walking the chain is the
expensive part. (Until December 2026 the test stepped the test database back through the chain
to before the audit trail: more than a hundred migrations back, each rendering every model's
state, where 28 forward on an empty database build the same installation.)"""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from tests.old_chain import (
    old_chain_executor,
    old_leaves,
    on_an_empty_database,
    squashed_plan_is_empty,
)
from tests.seeds import ROWS_WRITTEN, rows_of_our_apps

BEFORE_AUDIT = [
    ("core", "0003_outgoing_mail"),
    ("organisations", "0007_organisation_version"),
    ("volunteers", "0004_versions"),
]
AFTER_AUDIT = [
    ("core", "0004_audit_trail"),
    ("organisations", "0008_audit_trail"),
    ("volunteers", "0005_audit_trail"),
]
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


@pytest.mark.heavy
@pytest.mark.django_db(transaction=True)
def test_an_old_installation_keeps_its_logs_rows_audit_trail_and_content_types():
    with on_an_empty_database():
        _an_old_installation_keeps_its_logs_rows_audit_trail_and_content_types()


def _an_old_installation_keeps_its_logs_rows_audit_trail_and_content_types():
    # --- 1. The old logs move into the audit trail. ---
    executor = old_chain_executor()
    executor.migrate(BEFORE_AUDIT)
    old = executor.loader.project_state(BEFORE_AUDIT).apps
    municipality = old.get_model("core", "Municipality").objects.create(name="Fjordvik")
    centre = old.get_model("core", "Centre").objects.create(
        name="Fjordvik frivilligsentral", municipality=municipality
    )
    user = old.get_model("core", "User").objects.create(
        email="koord@example.org", role="coordinator", centre=centre
    )
    when = timezone.now() - dt.timedelta(days=3)
    history = old.get_model("organisations", "HistoricalOrganisation")
    common = {
        "id": 41,
        "centre_id": centre.pk,
        "name": "Fjordvik Kor",
        "history_user_id": user.pk,
        "created_at": when,
    }
    history.objects.create(**common, history_date=when, history_type="+", contact_name="Kari")
    history.objects.create(
        **common, history_date=when + dt.timedelta(hours=1), history_type="~", contact_name="Per"
    )
    old.get_model("core", "AuthEvent").objects.create(
        user=user, email=user.email, kind="login_failed", ip_address="203.0.113.9"
    )
    volunteer = old.get_model("volunteers", "Volunteer").objects.create(
        centre=centre, first_name="Ola", last_name="N", email="ola@example.org"
    )
    old.get_model("volunteers", "PrivacyEvent").objects.create(
        centre=centre, volunteer=volunteer, action="exported", actor=user
    )

    # Migrated on to just before the moves (past the audit trail's migrations, AFTER_AUDIT).
    executor = old_chain_executor()
    executor.migrate([*BEFORE_MOVES, ("organisations", "0008_audit_trail")])
    applied = MigrationRecorder(connection).applied_migrations()
    assert all(key in applied for key in AFTER_AUDIT)
    old = executor.loader.project_state(BEFORE_MOVES).apps
    events = old.get_model("core", "AuditEvent").objects.order_by("created_at", "id")
    created, changed = events.filter(action__startswith="organisation.")
    assert (created.action, changed.action) == ("organisation.created", "organisation.updated")
    assert created.actor_id == user.pk and created.created_at == when
    assert created.changes["contact_name"] == [None, "Kari"]
    assert changed.changes == {"contact_name": ["Kari", "Per"]}
    login = events.get(action="auth.login_failed")
    assert login.data["ip"] == "203.0.113.9" and login.data["email"] == user.email
    exported = events.get(action="volunteer.exported")
    assert (exported.object_id, exported.actor_id) == (str(volunteer.pk), user.pk)

    # --- 2. Just before the moves, the same installation has rows in the old apps. ---
    centre = old.get_model("core", "Centre").objects.get(pk=centre.pk)
    year = old.get_model("core", "CentreYear").objects.create(centre=centre, year=2026)
    project = old.get_model("activities", "Project").objects.create(
        centre=centre, name="Ungdomsklubben", slug="ungdom"
    )
    task = old.get_model("volunteers", "Task").objects.create(centre=centre, title="Leksehjelp")
    hours = old.get_model("volunteers", "HourEntry").objects.create(
        centre=centre, volunteer_id=volunteer.pk, date=dt.date(2026, 3, 2), hours=Decimal("2.5")
    )
    AuditEvent = old.get_model("core", "AuditEvent")
    objects = {"centreyear": year, "project": project, "task": task, "hourentry": hours}
    for model, obj in objects.items():
        AuditEvent.objects.create(
            centre=centre,
            actor_id=user.pk,
            source="web",
            action=f"{model}.created",
            object_type=f"{MOVED[model][0]}.{model}",
            object_id=str(obj.pk),
        )
    # An installation from before the moves had the content types under the old apps.
    type_ids = {}
    for model, (old_app, new_app) in MOVED.items():
        type_ids[model] = ContentType.objects.get_or_create(app_label=old_app, model=model)[0].pk
        assert not ContentType.objects.filter(app_label=new_app, model=model).exists()

    # --- 3. `manage.py migrate` today: Django's own graph, squashed migrations included. ---
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
    # The logs moved in step 1 are still in the trail after the moves.
    assert Event.objects.filter(action__startswith="organisation.").count() == 2
    assert Event.objects.filter(action__in=["auth.login_failed", "volunteer.exported"]).count() == 2

    # --- 4. The test databases are built from the models (tests/seeds.py): the rows they hold
    # beside their tables are the rows this migrated installation's data steps wrote. ---
    assert ROWS_WRITTEN, "the test database holds no rows of the data migrations"
    migrated = rows_of_our_apps()
    assert {label: migrated.get(label) for label in ROWS_WRITTEN} == ROWS_WRITTEN
