"""The record of processing is generated from the declarations in the apps' privacy.py: every
model field of a personal kind is declared once (personal, with its purpose and retention, or
not personal, with the reason), and every retention rule with a time limit is a beat job."""

from __future__ import annotations

import re

from django.apps import apps
from django.conf import settings
from django.db import models

from core import privacy

OUR_APPS = {
    "core",
    "organisations",
    "volunteers",
    "activities",
    "tasks",
    "rotas",
    "hours",
    "projects",
    "figures",
    "reports",
    "publicsite",
    "notifications",
}
# A field's name that says it is about a person.
PERSONAL_NAME = re.compile(
    r"(^|_)(name|first_name|last_name|contact_name|signer_name|leader|email|e_mail|phone|"
    r"mobile|address|postal_code|birth|born|birth_year|ssn|pid|national_id|ip|ip_address|"
    r"user_agent|to|recipient|notes?|follow_up_notes|comment|description|text|body|"
    r"session_data)$"
)
PERSON_MODELS = {"core.User", "volunteers.Volunteer"}


def _is_person_model(model: type[models.Model]) -> bool:
    return model._meta.label in PERSON_MODELS


def _points_at_a_person(field: models.Field) -> bool:
    target = getattr(field, "related_model", None)
    return bool(field.is_relation and target is not None and _is_person_model(target))


def candidates() -> set[tuple[str, str]]:
    """Every field of our models that is of a personal kind: an e-mail, IP or file field, a
    name that says so, free text on a person's own model, or a link to a person."""
    found = set()
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS or model._meta.proxy:
            continue
        for field in model._meta.concrete_fields:
            kind_personal = isinstance(
                field, models.EmailField | models.GenericIPAddressField | models.FileField
            )
            named_personal = bool(PERSONAL_NAME.search(field.name)) and isinstance(
                field,
                models.CharField | models.TextField | models.JSONField | models.IntegerField,
            )
            # Free text, and dates of the person's life (not the row's own time stamps).
            free_text_on_person = _is_person_model(model) and (
                isinstance(field, models.TextField)
                or (
                    isinstance(field, models.DateField)
                    and not isinstance(field, models.DateTimeField)
                )
            )
            if kind_personal or named_personal or free_text_on_person or _points_at_a_person(field):
                found.add((model._meta.label, field.name))
    return found


def test_every_field_of_a_personal_kind_is_declared():
    declared = {(f.model, f.field) for f in privacy.personal_fields()}
    declared |= set(privacy.not_personal_fields())
    missing = sorted(candidates() - declared)
    assert not missing, (
        "Declare these fields in the app's privacy.py (core.privacy.declare, or "
        f"declare_not_personal with the reason): {missing}"
    )


def test_every_declaration_names_a_real_field_and_a_known_retention():
    keys = {r.key for r in privacy.retentions()}
    for field in privacy.personal_fields():
        model = apps.get_model(field.model)
        model._meta.get_field(field.field)
        assert field.retention in keys, field
    for label, name in privacy.not_personal_fields():
        apps.get_model(label)._meta.get_field(name)


def test_a_field_is_declared_once():
    personal = {(f.model, f.field) for f in privacy.personal_fields()}
    assert not personal & set(privacy.not_personal_fields())


def test_every_retention_with_a_time_limit_is_a_scheduled_job():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    jobs = [r for r in privacy.retentions() if r.task]
    assert len(jobs) >= 7
    for rule in jobs:
        assert rule.task in scheduled, f"{rule.key}: {rule.task} is not in the beat schedule"
