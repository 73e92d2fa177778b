"""Tasks and matches, hours, and rotas with their shifts and sign-ups moved to apps of their
own (`tasks`, `hours`, `rotas`). State only: the tables stay where they are, under their names."""

from django.db import migrations

from core.migration_ops import relabel_models


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
        relabel_models("volunteers", MOVED),
    ]
