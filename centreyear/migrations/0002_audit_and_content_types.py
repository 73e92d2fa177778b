# The audit trail names an object by "app_label.model" (core.audit): events written while the
# centre's year lived in core say "core.centreyear" / "core.centreincome". They follow the
# models (so a year's history, events_of, still finds them), and so do the content types,
# which keep the permissions and the admin's log attached. Reversible.

from django.db import migrations

from core.migration_ops import relabel_models


class Migration(migrations.Migration):
    dependencies = [
        ("centreyear", "0001_initial"),
        ("core", "0007_move_centre_year_to_centreyear"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [relabel_models("core", {"centreyear": "centreyear", "centreincome": "centreyear"})]
