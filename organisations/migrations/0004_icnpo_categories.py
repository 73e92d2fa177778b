"""Seed the association categories of the national register (ICNPO), so that a new
installation starts with the list. The coordinator can extend and rename them; this only adds
the ones that are missing."""

from django.db import migrations

ICNPO = [
    ("Kunst og kultur", "Arts and culture", "1 100"),
    ("Idrett", "Sports", "1 200"),
    ("Andre fritidsaktiviteter og sosiale foreninger", "Other recreation and social clubs", "1 300"),
    ("Utdanning og forskning", "Education and research", "2"),
    ("Helse", "Health", "3"),
    ("Sosiale tjenester", "Social services", "4"),
    ("Miljø", "Environment", "5"),
    ("Lokalsamfunn og bolig", "Local community and housing", "6"),
    ("Rettigheter, interesser og politikk", "Law, advocacy and politics", "7"),
    (
        "Stiftelser og frivillighetsfremmende",
        "Philanthropic intermediaries and voluntarism promotion",
        "8",
    ),
    ("Internasjonalt arbeid", "International", "9"),
    ("Religion og livssyn", "Religion and life stance", "10"),
    ("Næring, yrke og fagforeninger", "Business, professional and unions", "11"),
    ("Annet", "Other", "12"),
]


def forwards(apps, schema_editor):
    Category = apps.get_model("organisations", "Category")
    for position, (name, name_en, code) in enumerate(ICNPO, start=1):
        Category.objects.get_or_create(
            name=name, defaults={"name_en": name_en, "icnpo_code": code, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0003_cooperation_areas_and_search_text")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
