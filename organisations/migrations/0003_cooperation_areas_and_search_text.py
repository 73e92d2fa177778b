"""Seed the cooperation areas from the centres' project plans and fill the derived columns."""

from django.db import migrations

COOPERATION_AREAS = [
    (
        "Forebygging av ulykker i hjem og institusjon",
        "Accident prevention in homes and care institutions",
    ),
    ("Trivselstiltak i hjem og institusjon", "Well-being measures in homes and care institutions"),
    ("Aktiviteter utenfor hjem og institusjon", "Activities outside the home or institution"),
    ("Inkludering og integrering", "Inclusion and integration"),
    ("Kultur og arrangementer", "Culture and events"),
    ("Friluftsliv og fysisk aktivitet", "Outdoor life and physical activity"),
    ("Barn og unge", "Children and young people"),
    ("Beredskap", "Emergency preparedness"),
]


def forwards(apps, schema_editor):
    CooperationArea = apps.get_model("organisations", "CooperationArea")
    for position, (name, name_en) in enumerate(COOPERATION_AREAS, start=1):
        CooperationArea.objects.get_or_create(
            name=name, defaults={"name_en": name_en, "position": position}
        )
    Organisation = apps.get_model("organisations", "Organisation")
    OrganisationCategory = apps.get_model("organisations", "OrganisationCategory")
    for organisation in Organisation.objects.all():
        names = [
            oc.category.name
            for oc in OrganisationCategory.objects.filter(organisation=organisation)
            .select_related("category")
            .order_by("rank")
        ]
        organisation.category_summary = ", ".join(names)
        organisation.search_text = " ".join(
            [
                organisation.name,
                organisation.organisation_number or "",
                organisation.description,
                organisation.contact_name,
                organisation.email,
            ]
        ).casefold()
        organisation.save(update_fields=["category_summary", "search_text"])


class Migration(migrations.Migration):
    dependencies = [("organisations", "0002_registry_fields")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
