"""The 5 migrations of notifications from 0001_reminders
to 0004_delivery_kinds_of_every_branch in one.

Squashed: a fresh database runs this instead of the old files, which stay (in `replaces`)
for installations that applied some of them. Data migrations that only rewrite rows an
older installation had are left out; the rows a fresh database needs are seeded at the end.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [
        ("notifications", "0001_reminders"),
        ("notifications", "0002_grant_and_report_reminders"),
        ("notifications", "0002_alter_delivery_kind"),
        ("notifications", "0003_merge_20261207_1151"),
        ("notifications", "0004_delivery_kinds_of_every_branch"),
    ]

    initial = True

    dependencies = [
        ("core", "0004_audit_trail"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="OptOut",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="since")),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reminder_opt_out",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "reminder opt-out",
                "verbose_name_plural": "reminder opt-outs",
            },
        ),
        migrations.CreateModel(
            name="Delivery",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("shift", "Shift tomorrow"),
                            ("follow_up", "Follow-up of a match"),
                            ("confirmation", "Please confirm the entry"),
                            ("hours_digest", "Hours waiting for approval"),
                            ("grant_deadline", "The state grant's deadline"),
                            ("report_ready", "An annual evaluation is ready"),
                            ("partnership_end", "A partnership is ending"),
                        ],
                        max_length=20,
                        verbose_name="reminder",
                    ),
                ),
                (
                    "channel",
                    models.CharField(
                        choices=[("email", "E-mail"), ("sms", "SMS")],
                        max_length=10,
                        verbose_name="channel",
                    ),
                ),
                ("recipient", models.CharField(max_length=60, verbose_name="to whom")),
                ("subject", models.CharField(max_length=120, verbose_name="about")),
                ("to", models.CharField(max_length=254, verbose_name="address or number")),
                ("text", models.TextField(blank=True, verbose_name="text")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "Waiting to be sent"),
                            ("sent", "Sent"),
                            ("failed", "Could not be sent"),
                        ],
                        default="queued",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("attempts", models.PositiveSmallIntegerField(default=0, verbose_name="attempts")),
                (
                    "last_error",
                    models.CharField(blank=True, max_length=300, verbose_name="last error"),
                ),
                (
                    "next_attempt_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="next attempt"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="created"),
                ),
                ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="sent")),
                (
                    "centre",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.centre",
                        verbose_name="volunteer centre",
                    ),
                ),
            ],
            options={
                "verbose_name": "reminder sent",
                "verbose_name_plural": "reminders sent",
                "ordering": ["-created_at", "-pk"],
                "indexes": [
                    models.Index(
                        fields=["status", "next_attempt_at"], name="notificatio_status_00072e_idx"
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "channel", "recipient", "subject"), name="delivery_once"
                    )
                ],
            },
        ),
    ]
