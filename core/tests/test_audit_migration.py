"""The three older logs (association history, privacy events, login records) move into the one
audit trail when the migration runs, with their authors, times and changes.

The migrations that did it are squashed since (a fresh database never had the old logs); an
installation that had them ran the old chain, which this test walks (tests/old_chain.py)."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.old_chain import old_chain_executor, old_leaves, squashed_plan_is_empty, step_back

BEFORE = [
    ("core", "0003_outgoing_mail"),
    ("organisations", "0007_organisation_version"),
    ("volunteers", "0004_versions"),
]
AFTER = [
    ("core", "0004_audit_trail"),
    ("organisations", "0008_audit_trail"),
    ("volunteers", "0005_audit_trail"),
]


@pytest.mark.django_db(transaction=True)
def test_it_moves_the_old_logs_into_the_audit_trail():
    old = step_back(BEFORE).loader.project_state(BEFORE).apps
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

    executor = old_chain_executor()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    events = new.get_model("core", "AuditEvent").objects.order_by("created_at", "id")
    created, changed = events.filter(action__startswith="organisation.")
    assert (created.action, changed.action) == ("organisation.created", "organisation.updated")
    assert created.actor_id == user.pk and created.created_at == when
    assert created.changes["contact_name"] == [None, "Kari"]
    assert changed.changes == {"contact_name": ["Kari", "Per"]}
    login = events.get(action="auth.login_failed")
    assert login.data["ip"] == "203.0.113.9" and login.data["email"] == user.email
    exported = events.get(action="volunteer.exported")
    assert (exported.object_id, exported.actor_id) == (str(volunteer.pk), user.pk)

    old_chain_executor().migrate(old_leaves())
    assert squashed_plan_is_empty()
