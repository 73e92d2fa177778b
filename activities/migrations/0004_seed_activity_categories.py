"""The nine activity categories Norges Frivilligsentraler counts, as data the coordinator extends."""

from django.db import migrations

CATEGORIES = [
    ("Sosiale møteplasser", "Social meeting places"),
    ("En-til-en hjelp", "One-to-one help"),
    ("Fysisk aktivitet/friluftsliv", "Physical activity and outdoor life"),
    ("Inkludering", "Inclusion"),
    ("Arrangement", "Events"),
    ("Kurs", "Courses"),
    ("Håndverk/hobby/musikk", "Crafts, hobby and music"),
    ("Utlån/gjenbruk/reparasjon", "Lending, reuse and repair"),
    ("Annet", "Other"),
]


def seed(apps, schema_editor):
    ActivityCategory = apps.get_model("activities", "ActivityCategory")
    for position, (name, name_en) in enumerate(CATEGORIES, start=1):
        ActivityCategory.objects.get_or_create(
            name=name, defaults={"name_en": name_en, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("activities", "0003_projects_partners_series")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
