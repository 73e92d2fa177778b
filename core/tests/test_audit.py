"""The one audit trail: every write service records its actor, and what changed."""

import ast
import datetime as dt
import importlib
import inspect
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps as django_apps

from activities import services as activity_services
from core.audit import audit_forget, events_of, log_action
from core.models import AuditEvent
from core.permissions import Access, access_for_user
from core.privacy import Person
from organisations import services as organisation_services
from tests import factories as f
from volunteers import services as volunteer_services

# Every app's services module (a new app's is walked without being listed here).
SERVICE_MODULES = [
    f"{config.name}.services"
    for config in django_apps.get_app_configs()
    if (Path(config.path) / "services.py").exists()
]
# Other modules whose functions write and record who did it: the registry's import, and each
# app's eraser (`core.privacy`: called as `eraser(person, actor)`, so its actor is positional).
WRITER_MODULES = [
    "organisations.batches",
    "organisations.importing",
    "core.personal_data",
    *(
        f"{config.name}.privacy"
        for config in django_apps.get_app_configs()
        if (Path(config.path) / "privacy.py").exists() and config.name != "core"
    ),
]
ROOT = Path(__file__).resolve().parents[2]


def _calls(node: ast.AST) -> set[str]:
    names = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Call):
            func = child.func
            names.add(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
    return names


def _public_services():
    for module_name in SERVICE_MODULES:
        module = importlib.import_module(module_name)
        tree = ast.parse(Path(inspect.getfile(module)).read_text())
        functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
        for name, node in functions.items():
            arguments = [a.arg for a in node.args.kwonlyargs + node.args.args]
            if not name.startswith("_") and "actor" in arguments:
                yield module_name, name, node, functions


@pytest.mark.parametrize(
    ("module_name", "name", "node", "functions"),
    [pytest.param(*s, id=f"{s[0]}.{s[1]}") for s in _public_services()],
)
def test_every_write_service_records_its_actor_in_the_trail(module_name, name, node, functions):
    """A service that takes an `actor` records it: it calls log_action/log_change (directly, or
    through a helper or another service of the module that does) with `actor=`."""
    recorders = {"log_action", "log_change", "save_and_log", "log_save", "_save"}

    def records(function: ast.FunctionDef, seen: set[str]) -> bool:
        calls = _calls(function)
        if calls & {"log_action", "log_change", "save_and_log"}:
            return any(
                isinstance(c, ast.Call) and any(k.arg == "actor" for k in c.keywords)
                for c in ast.walk(function)
            )
        if calls & recorders:
            return True
        return any(
            records(functions[callee], seen | {callee})
            for callee in calls & (set(functions) - seen)
        )

    assert records(node, {name}), f"{module_name}.{name} takes an actor but records nothing"


def _functions_taking_an_actor():
    for module_name in [*SERVICE_MODULES, *WRITER_MODULES]:
        module = importlib.import_module(module_name)
        tree = ast.parse(Path(inspect.getfile(module)).read_text())
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
                if any(a.arg == "actor" for a in arguments):
                    yield module_name, node.name, node


@pytest.mark.parametrize(
    ("module_name", "name", "node"),
    [pytest.param(*s, id=f"{s[0]}.{s[1]}") for s in _functions_taking_an_actor()],
)
def test_every_write_service_takes_its_actor_as_an_access(module_name, name, node):
    """Who acts is one `actor: Access` (a user's, or `Access.system()` for jobs and commands):
    the permission checks are derived from it and the trail records it. Not a User (a service
    that needs the account loads it with `core.permissions.user_of`), and not a second
    `access` beside it. A public service of a services module takes it by keyword."""
    arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
    actor = next(a for a in arguments if a.arg == "actor")
    annotation = ast.unparse(actor.annotation) if actor.annotation is not None else None
    assert annotation == "Access", (
        f"{module_name}.{name} annotates its actor as {annotation}, not Access"
    )
    assert "access" not in {a.arg for a in arguments}, (
        f"{module_name}.{name} takes an access beside its actor"
    )
    if module_name in SERVICE_MODULES and not name.startswith("_"):
        assert actor in node.args.kwonlyargs, f"{module_name}.{name}: actor is not keyword-only"


def test_the_trail_records_who_changed_which_fields(world):
    volunteer = f.VolunteerFactory(centre=world.centre, phone="41234567")
    volunteer_services.volunteer_update(
        actor=f.access_of(world.coordinator), volunteer=volunteer, phone="49999999"
    )
    event = events_of(volunteer).first()
    assert (event.action, event.actor, event.source) == (
        "volunteer.updated",
        world.coordinator,
        "web",
    )
    assert event.changes == {"phone": ["41234567", "49999999"]}
    assert event.centre_id == world.centre.pk


def test_an_activity_and_its_counts_are_recorded_with_the_access_of_the_actor(world):
    access = access_for_user(world.coordinator)
    activity = activity_services.activity_create(
        actor=access,
        centre_id=world.centre.pk,
        fields={
            "title": "Turgruppe",
            "date": dt.date(2026, 3, 4),
            "project": f.ProjectFactory(centre=world.centre),
            "category": f.ActivityCategoryFactory(),
        },
    )
    activity.participants = 12
    activity.volunteer_hours = Decimal("4.5")
    activity_services.activity_counts_update(actor=access, activities=[activity])
    created, counts = events_of(activity).order_by("id")
    assert created.actor == world.coordinator and created.changes["title"] == [None, "Turgruppe"]
    assert counts.action == "activity.counts"
    assert counts.changes["participants"][1] == 12
    assert counts.changes["volunteer_hours"][1] == "4.5"


def test_the_import_and_the_system_are_named_as_the_source(world):
    organisation = organisation_services.organisation_create(
        actor=Access.system(), centre=world.centre, data={"name": "Nytt lag"}, source="import"
    )
    event = events_of(organisation).get()
    assert (event.actor, event.source) == (None, "import")
    assert log_action(actor=None, action="report.rendered").source == "system"


def test_forgetting_a_person_blanks_every_value_that_names_them_and_keeps_the_facts(world):
    organisation = world.organisation
    organisation_services.organisation_update(
        actor=f.access_of(world.coordinator),
        organisation=organisation,
        data={"contact_name": "Solveig Fjell", "phone": "+47 412 34 567"},
    )
    organisation_services.organisation_update(
        actor=f.access_of(world.coordinator),
        organisation=organisation,
        data={"contact_name": "Per Hansen", "phone": "90000000"},
    )
    log_action(actor=None, action="auth.login_failed", data={"email": "SOLVEIG@example.org"})

    person = Person(
        centre_id=world.centre.pk,
        names=("Solveig Fjell",),
        emails=("solveig@example.org",),
        phones=("41234567",),
    )
    changed = audit_forget(person=person)

    assert changed == 3
    trail = " ".join(str(row) for row in AuditEvent.objects.values())
    for value in ["Solveig", "SOLVEIG", "412 34 567"]:
        assert value not in trail
    latest = events_of(organisation).first()
    assert latest.changes["contact_name"] == [None, "Per Hansen"]
    assert "contact_name" in latest.data["erased_fields"]
    assert AuditEvent.objects.filter(action="auth.login_failed").exists()


def _is_write(node: ast.Call) -> bool:
    """A model write: `.save()`/`.delete()` (not `save(commit=False)`), or a queryset's
    `.update()`/`.create()`/`.bulk_create()`/`.delete()` on `Model.objects...`."""
    func = node.func
    if not isinstance(func, ast.Attribute):
        return False
    if func.attr in {"save", "delete"}:
        return not any(
            k.arg == "commit" and isinstance(k.value, ast.Constant) and k.value.value is False
            for k in node.keywords
        )
    if func.attr in {"update", "create", "bulk_create", "get_or_create", "update_or_create"}:
        return "objects" in ast.unparse(func.value)
    return False


def test_views_write_only_through_services():
    """Views never save rows themselves: the trail would miss the write."""
    offenders = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in ROOT.glob("*/views.py")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call) and _is_write(node)
    ]
    assert offenders == []


def test_the_site_admins_changes_in_the_admin_are_recorded(client, world):
    from django.urls import reverse

    from organisations.models import Category

    admin_user = f.UserFactory(is_superuser=True, is_staff=True, role="", centre=None)
    client.force_login(admin_user)
    category = Category.objects.create(name="Testkategori", name_en="Sport")
    response = client.post(
        reverse("admin:organisations_category_change", args=[category.pk]),
        {"name": "Testkategori to", "name_en": "Sport", "position": category.position},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = events_of(category).get()
    assert (event.action, event.actor, event.data) == (
        "category.updated",
        admin_user,
        {"via": "admin"},
    )
    assert event.changes["name"] == ["Testkategori", "Testkategori to"]


def test_a_person_is_found_however_their_phone_number_is_written():
    person = Person(centre_id=1, names=("Solveig Fjell",), phones=("+47 412 34 567",))
    for text in ["Ring 41234567", "tlf. 412 34 567", "412-34-567", "+4741234567", "SOLVEIG fjell"]:
        assert person.names_in(text), text
    assert not person.names_in("41234568") and not person.names_in(["Per", None, 12])
    assert person.redact("Ring +47 412-34-567 i dag") == "Ring [slettet] i dag"
