"""Operations the migrations share."""

from __future__ import annotations

from django.db import migrations


def relabel_models(old_app: str, models: dict[str, str]) -> migrations.RunPython:
    """After models moved from `old_app` to other apps (state-only migrations, the tables kept
    their names): the audit trail names a row by its model's label ("volunteers.task") and
    content types (admin history, permissions) by app and model, so both follow the model to
    its new app (`models`: model name -> new app label)."""

    def move(apps, target: bool) -> None:
        AuditEvent = apps.get_model("core", "AuditEvent")
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model, new_app in models.items():
            old_label, new_label = (old_app, new_app) if target else (new_app, old_app)
            AuditEvent.objects.filter(object_type=f"{old_label}.{model}").update(
                object_type=f"{new_label}.{model}"
            )
            if not ContentType.objects.filter(app_label=new_label, model=model).exists():
                ContentType.objects.filter(app_label=old_label, model=model).update(
                    app_label=new_label
                )

    def forwards(apps, schema_editor) -> None:
        move(apps, True)

    def backwards(apps, schema_editor) -> None:
        move(apps, False)

    return migrations.RunPython(forwards, backwards)
