# The centre's year moved to its own app (centreyear). Its tables stay where they are
# (centreyear's models name them in Meta.db_table), so this only forgets the models in
# core's state; centreyear.0001 takes them up in its own.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_centre_description_nynorsk"),
        ("centreyear", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="CentreIncome"),
                migrations.DeleteModel(name="CentreYear"),
            ],
            database_operations=[],
        ),
    ]
