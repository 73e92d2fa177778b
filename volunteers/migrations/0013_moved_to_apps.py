"""Tasks and matches, hours, and rotas with their shifts and sign-ups moved to apps of their
own (`tasks`, `hours`, `rotas`). State only: the tables stay where they are, under their names."""

from django.db import migrations


def relabel(old_app: str, models: dict[str, str]):
    """The audit trail names a row by its model's label ("volunteers.task"), and content types
    (admin history, permissions) by app and model: both follow the model to its new app."""

    def forwards(apps, schema_editor):
        AuditEvent = apps.get_model("core", "AuditEvent")
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model, new_app in models.items():
            AuditEvent.objects.filter(object_type=f"{old_app}.{model}").update(
                object_type=f"{new_app}.{model}"
            )
            if not ContentType.objects.filter(app_label=new_app, model=model).exists():
                ContentType.objects.filter(app_label=old_app, model=model).update(
                    app_label=new_app
                )

    def backwards(apps, schema_editor):
        AuditEvent = apps.get_model("core", "AuditEvent")
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model, new_app in models.items():
            AuditEvent.objects.filter(object_type=f"{new_app}.{model}").update(
                object_type=f"{old_app}.{model}"
            )
            if not ContentType.objects.filter(app_label=old_app, model=model).exists():
                ContentType.objects.filter(app_label=new_app, model=model).update(
                    app_label=old_app
                )

    return migrations.RunPython(forwards, backwards)


MOVED = {
    "task": "tasks",
    "match": "tasks",
    "hourentry": "hours",
    "rota": "rotas",
    "shift": "rotas",
    "shiftsignup": "rotas",
}


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0012_single_line_names"),
        ("tasks", "0001_initial"),
        ("hours", "0001_initial"),
        ("rotas", "0001_initial"),
        # The rollups' first fill reads the hour log where it was then.
        ("figures", "0001_initial"),
        ("core", "0005_centre_public_page_and_language"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="ShiftSignup"),
                migrations.DeleteModel(name="Shift"),
                migrations.DeleteModel(name="Rota"),
                migrations.DeleteModel(name="HourEntry"),
                migrations.DeleteModel(name="Match"),
                migrations.DeleteModel(name="Task"),
            ],
        ),
        relabel("volunteers", MOVED),
    ]
