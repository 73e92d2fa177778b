"""The 3 migrations of rotas from 0001_initial
to 0003_shiftsignup_checked_in_at_shiftsignup_checked_out_at in one.

Squashed: a fresh database runs this instead of the old files, which stay (in `replaces`)
for installations that applied some of them. Data migrations that only rewrite rows an
older installation had are left out; the rows a fresh database needs are seeded at the end.
"""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

import core.validators


class Migration(migrations.Migration):
    replaces = [
        ("rotas", "0001_initial"),
        ("rotas", "0002_shiftsignup_confirmed_at"),
        ("rotas", "0003_shiftsignup_checked_in_at_shiftsignup_checked_out_at"),
    ]

    initial = True

    dependencies = [
        ("core", "0005_centre_public_page_and_language"),
        ("hours", "0001_initial"),
        ("projects", "0001_initial"),
        ("volunteers", "0012_single_line_names"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Rota",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "title",
                            models.CharField(
                                max_length=200,
                                validators=[core.validators.SingleLineValidator()],
                                verbose_name="title",
                            ),
                        ),
                        ("description", models.TextField(blank=True, verbose_name="description")),
                        (
                            "needs_police_certificate",
                            models.BooleanField(
                                default=False, verbose_name="police certificate needed"
                            ),
                        ),
                        (
                            "signup_closes_hours",
                            models.PositiveSmallIntegerField(
                                default=24,
                                help_text="Volunteers sign up and cancel themselves until this many hours before.",
                                validators=[django.core.validators.MaxValueValidator(720)],
                                verbose_name="sign-up closes (hours before the shift)",
                            ),
                        ),
                        (
                            "is_active",
                            models.BooleanField(default=True, verbose_name="open for sign-up"),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="created"),
                        ),
                        (
                            "centre",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="core.centre",
                                verbose_name="volunteer centre",
                            ),
                        ),
                        (
                            "district",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                to="core.district",
                                verbose_name="district",
                            ),
                        ),
                        (
                            "interests",
                            models.ManyToManyField(
                                blank=True,
                                related_name="+",
                                to="volunteers.interest",
                                verbose_name="interests and skills wanted",
                            ),
                        ),
                        (
                            "project",
                            models.ForeignKey(
                                blank=True,
                                help_text="The hours of held shifts count towards this project's figures.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="projects.project",
                                verbose_name="project",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "rota",
                        "verbose_name_plural": "rotas",
                        "db_table": "volunteers_rota",
                        "ordering": ["title"],
                    },
                ),
                migrations.CreateModel(
                    name="Shift",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("starts_at", models.DateTimeField(verbose_name="starts")),
                        ("ends_at", models.DateTimeField(verbose_name="ends")),
                        (
                            "capacity",
                            models.PositiveSmallIntegerField(
                                default=1,
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(500),
                                ],
                                verbose_name="places",
                            ),
                        ),
                        (
                            "held_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="hours logged"
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="created"),
                        ),
                        (
                            "centre",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="core.centre",
                                verbose_name="volunteer centre",
                            ),
                        ),
                        (
                            "rota",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="shifts",
                                to="rotas.rota",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "shift",
                        "verbose_name_plural": "shifts",
                        "db_table": "volunteers_shift",
                        "ordering": ["starts_at", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="ShiftSignup",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("confirmed", "Coming"),
                                    ("waiting", "On the waiting list"),
                                    ("cancelled", "Cancelled"),
                                ],
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        ("listed_at", models.DateTimeField(verbose_name="signed up")),
                        (
                            "reminded_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="reminded"),
                        ),
                        (
                            "centre",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="core.centre",
                                verbose_name="volunteer centre",
                            ),
                        ),
                        (
                            "hour_entry",
                            models.OneToOneField(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="shift_signup",
                                to="hours.hourentry",
                                verbose_name="hour entry",
                            ),
                        ),
                        (
                            "shift",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="signups",
                                to="rotas.shift",
                            ),
                        ),
                        (
                            "volunteer",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="shift_signups",
                                to="volunteers.volunteer",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "shift sign-up",
                        "verbose_name_plural": "shift sign-ups",
                        "db_table": "volunteers_shiftsignup",
                        "ordering": ["listed_at", "pk"],
                    },
                ),
                migrations.AddIndex(
                    model_name="shift",
                    index=models.Index(
                        fields=["centre", "starts_at"], name="volunteers__centre__3ba609_idx"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="shift",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("ends_at__gt", models.F("starts_at"))),
                        name="shift_ends_after_start",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="shiftsignup",
                    constraint=models.UniqueConstraint(
                        fields=("shift", "volunteer"), name="shiftsignup_unique"
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="shiftsignup",
            name="confirmed_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="confirmed they are coming"
            ),
        ),
        migrations.AddField(
            model_name="shiftsignup",
            name="checked_in_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="checked in"),
        ),
        migrations.AddField(
            model_name="shiftsignup",
            name="checked_out_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="checked out"),
        ),
    ]
