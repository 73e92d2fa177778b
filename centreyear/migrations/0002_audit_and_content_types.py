# The audit trail names an object by "app_label.model" (core.audit): events written while the
# centre's year lived in core say "core.centreyear" / "core.centreincome". They are renamed so
# a year's history (events_of) still finds them; so are the content types, which keep the
# permissions and the admin's log attached. Reversible.

from django.db import migrations

MODELS = ("centreyear", "centreincome")


def _move(apps, old: str, new: str) -> None:
    AuditEvent = apps.get_model("core", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        AuditEvent.objects.filter(object_type=f"{old}.{model}").update(
            object_type=f"{new}.{model}"
        )
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def forwards(apps, schema_editor) -> None:
    _move(apps, "core", "centreyear")


def backwards(apps, schema_editor) -> None:
    _move(apps, "centreyear", "core")


class Migration(migrations.Migration):
    dependencies = [
        ("centreyear", "0001_initial"),
        ("core", "0006_move_centre_year_to_centreyear"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
