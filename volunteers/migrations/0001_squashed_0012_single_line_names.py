"""The 12 migrations of volunteers from 0001_initial
to 0012_single_line_names in one.

Squashed: a fresh database runs this instead of the old files, which stay (in `replaces`)
for installations that applied some of them. Data migrations that only rewrite rows an
older installation had are left out; the rows a fresh database needs are seeded at the end.
"""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import core.i18n
import core.validators


class Migration(migrations.Migration):
    replaces = [
        ("volunteers", "0001_initial"),
        ("volunteers", "0002_registry_consent_tasks_hours"),
        ("volunteers", "0003_volunteer_version"),
        ("volunteers", "0004_versions"),
        ("volunteers", "0005_audit_trail"),
        ("volunteers", "0006_curated_lists_per_centre"),
        ("volunteers", "0007_public_tasks"),
        ("volunteers", "0008_rotas_reminders_certificates"),
        ("volunteers", "0009_nynorsk_names"),
        ("volunteers", "0010_calendar_token"),
        ("volunteers", "0011_dated_facts"),
        ("volunteers", "0012_single_line_names"),
    ]

    initial = True

    dependencies = [
        ("activities", "0006_versions"),
        ("core", "0001_initial"),
        ("core", "0003_outgoing_mail"),
        ("core", "0004_audit_trail"),
        ("organisations", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="BackgroundGroup",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=120, verbose_name="name (Norwegian)")),
                (
                    "name_en",
                    models.CharField(blank=True, max_length=120, verbose_name="name (English)"),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(default=100, verbose_name="position"),
                ),
                (
                    "name_nn",
                    models.CharField(blank=True, max_length=120, verbose_name="name (Nynorsk)"),
                ),
                (
                    "centre",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for an entry every centre uses (only the site admin changes those).",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.centre",
                        verbose_name="volunteer centre",
                    ),
                ),
            ],
            options={
                "verbose_name": "background group",
                "verbose_name_plural": "background groups",
                "ordering": ["position", "name"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("centre", "name"),
                        name="volunteers_backgroundgroup_unique_centre_name",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("centre__isnull", True)),
                        fields=("name",),
                        name="volunteers_backgroundgroup_unique_shared_name",
                    ),
                ],
            },
            bases=(core.i18n.BilingualNameMixin, models.Model),
        ),
        migrations.CreateModel(
            name="ConsentText",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveIntegerField(verbose_name="version")),
                ("text", models.TextField(verbose_name="text (Norwegian)")),
                ("text_en", models.TextField(blank=True, verbose_name="text (English)")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="published")),
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
                "verbose_name": "consent text",
                "verbose_name_plural": "consent texts",
                "ordering": ["-version"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("centre", "version"), name="consent_text_version"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Interest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=120, verbose_name="name (Norwegian)")),
                (
                    "name_en",
                    models.CharField(blank=True, max_length=120, verbose_name="name (English)"),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(default=100, verbose_name="position"),
                ),
                (
                    "name_nn",
                    models.CharField(blank=True, max_length=120, verbose_name="name (Nynorsk)"),
                ),
                (
                    "centre",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for an entry every centre uses (only the site admin changes those).",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.centre",
                        verbose_name="volunteer centre",
                    ),
                ),
            ],
            options={
                "verbose_name": "interest or skill",
                "verbose_name_plural": "interests and skills",
                "ordering": ["position", "name"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("centre", "name"), name="volunteers_interest_unique_centre_name"
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("centre__isnull", True)),
                        fields=("name",),
                        name="volunteers_interest_unique_shared_name",
                    ),
                ],
            },
            bases=(core.i18n.BilingualNameMixin, models.Model),
        ),
        migrations.CreateModel(
            name="Language",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=120, verbose_name="name (Norwegian)")),
                (
                    "name_en",
                    models.CharField(blank=True, max_length=120, verbose_name="name (English)"),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(default=100, verbose_name="position"),
                ),
                (
                    "name_nn",
                    models.CharField(blank=True, max_length=120, verbose_name="name (Nynorsk)"),
                ),
                (
                    "centre",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for an entry every centre uses (only the site admin changes those).",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.centre",
                        verbose_name="volunteer centre",
                    ),
                ),
            ],
            options={
                "verbose_name": "language",
                "verbose_name_plural": "languages",
                "ordering": ["position", "name"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("centre", "name"), name="volunteers_language_unique_centre_name"
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("centre__isnull", True)),
                        fields=("name",),
                        name="volunteers_language_unique_shared_name",
                    ),
                ],
            },
            bases=(core.i18n.BilingualNameMixin, models.Model),
        ),
        migrations.CreateModel(
            name="Rota",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
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
                    models.BooleanField(default=False, verbose_name="police certificate needed"),
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
                ("is_active", models.BooleanField(default=True, verbose_name="open for sign-up")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
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
                        to="activities.project",
                        verbose_name="project",
                    ),
                ),
            ],
            options={
                "verbose_name": "rota",
                "verbose_name_plural": "rotas",
                "ordering": ["title"],
            },
        ),
        migrations.CreateModel(
            name="Shift",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
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
                    models.DateTimeField(blank=True, null=True, verbose_name="hours logged"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
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
                        to="volunteers.rota",
                    ),
                ),
            ],
            options={
                "verbose_name": "shift",
                "verbose_name_plural": "shifts",
                "ordering": ["starts_at", "pk"],
                "indexes": [
                    models.Index(
                        fields=["centre", "starts_at"], name="volunteers__centre__3ba609_idx"
                    )
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("ends_at__gt", models.F("starts_at"))),
                        name="shift_ends_after_start",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Task",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
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
                    "when",
                    models.CharField(
                        blank=True,
                        help_text="For example: Tuesdays 11–13.",
                        max_length=200,
                        verbose_name="when",
                    ),
                ),
                (
                    "needs_weekdays",
                    models.BooleanField(default=False, verbose_name="on weekdays (daytime)"),
                ),
                (
                    "needs_evenings",
                    models.BooleanField(default=False, verbose_name="in the evenings"),
                ),
                ("needs_weekends", models.BooleanField(default=False, verbose_name="at weekends")),
                ("starts_on", models.DateField(blank=True, null=True, verbose_name="starts")),
                ("ends_on", models.DateField(blank=True, null=True, verbose_name="ends")),
                (
                    "volunteers_needed",
                    models.PositiveSmallIntegerField(
                        default=1,
                        validators=[django.core.validators.MinValueValidator(1)],
                        verbose_name="volunteers needed",
                    ),
                ),
                (
                    "needs_police_certificate",
                    models.BooleanField(default=False, verbose_name="police certificate needed"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "Open"), ("filled", "Filled"), ("closed", "Closed")],
                        default="open",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "is_public",
                    models.BooleanField(
                        default=False,
                        help_text="Title, description, when and where only; never who is matched.",
                        verbose_name="shown on the centre's public pages",
                    ),
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
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
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
                        related_name="tasks",
                        to="volunteers.interest",
                        verbose_name="interests and skills wanted",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="organisations.organisation",
                        verbose_name="for association",
                    ),
                ),
            ],
            options={
                "verbose_name": "task",
                "verbose_name_plural": "tasks",
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="HourEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "description",
                    models.CharField(blank=True, max_length=200, verbose_name="activity"),
                ),
                ("date", models.DateField(verbose_name="date")),
                (
                    "hours",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=6,
                        validators=[
                            django.core.validators.MinValueValidator(0.01),
                            django.core.validators.MaxValueValidator(24),
                        ],
                        verbose_name="hours",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Awaiting approval"),
                            ("approved", "Approved"),
                            ("rejected", "Rejected"),
                        ],
                        default="pending",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="decided")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="entered")),
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
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "entered_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="activities.project",
                        verbose_name="project",
                    ),
                ),
                (
                    "task",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="hour_entries",
                        to="volunteers.task",
                        verbose_name="task",
                    ),
                ),
            ],
            options={
                "verbose_name": "hour entry",
                "verbose_name_plural": "hour entries",
                "ordering": ["-date", "-created_at"],
            },
        ),
        migrations.CreateModel(
            name="Volunteer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "first_name",
                    models.CharField(
                        max_length=100,
                        validators=[core.validators.SingleLineValidator()],
                        verbose_name="first name",
                    ),
                ),
                (
                    "last_name",
                    models.CharField(
                        max_length=100,
                        validators=[core.validators.SingleLineValidator()],
                        verbose_name="last name",
                    ),
                ),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                ("phone", models.CharField(blank=True, max_length=20, verbose_name="phone")),
                (
                    "birth_year",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(1900),
                            django.core.validators.MaxValueValidator(2100),
                        ],
                        verbose_name="birth year",
                    ),
                ),
                (
                    "postal_code",
                    models.CharField(blank=True, max_length=4, verbose_name="postal code"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("applicant", "Applicant"),
                            ("active", "Active"),
                            ("paused", "Paused"),
                            ("ended", "Ended"),
                        ],
                        default="applicant",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("notes", models.TextField(blank=True, verbose_name="internal notes")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="registered")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "available_evenings",
                    models.BooleanField(default=False, verbose_name="available in the evenings"),
                ),
                (
                    "available_from",
                    models.DateField(blank=True, null=True, verbose_name="available from"),
                ),
                (
                    "available_to",
                    models.DateField(blank=True, null=True, verbose_name="available until"),
                ),
                (
                    "available_weekdays",
                    models.BooleanField(
                        default=False, verbose_name="available on weekdays (daytime)"
                    ),
                ),
                (
                    "available_weekends",
                    models.BooleanField(default=False, verbose_name="available at weekends"),
                ),
                ("erased_at", models.DateTimeField(blank=True, null=True, verbose_name="erased")),
                (
                    "police_certificate_checked_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="police certificate checked on"
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "police_certificate_requested_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="police certificate requested on"
                    ),
                ),
                (
                    "wants_reminders",
                    models.BooleanField(
                        default=True,
                        help_text="Reminders of your shifts, by e-mail (and SMS where the centre sends SMS).",
                        verbose_name="send me reminders",
                    ),
                ),
                (
                    "calendar_token",
                    models.CharField(blank=True, db_index=True, editable=False, max_length=64),
                ),
                (
                    "approved_on",
                    models.DateField(
                        blank=True, editable=False, null=True, verbose_name="approved"
                    ),
                ),
                (
                    "ended_on",
                    models.DateField(blank=True, editable=False, null=True, verbose_name="ended"),
                ),
                (
                    "background_groups",
                    models.ManyToManyField(
                        blank=True,
                        related_name="+",
                        to="volunteers.backgroundgroup",
                        verbose_name="background groups",
                    ),
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
                        related_name="volunteers",
                        to="volunteers.interest",
                        verbose_name="interests and skills",
                    ),
                ),
                (
                    "languages",
                    models.ManyToManyField(
                        blank=True,
                        related_name="+",
                        to="volunteers.language",
                        verbose_name="languages spoken",
                    ),
                ),
                (
                    "organisations",
                    models.ManyToManyField(
                        blank=True,
                        related_name="+",
                        to="organisations.organisation",
                        verbose_name="also active in associations",
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="volunteer",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="login",
                    ),
                ),
            ],
            options={
                "verbose_name": "volunteer",
                "verbose_name_plural": "volunteers",
                "ordering": ["last_name", "first_name"],
                "indexes": [
                    models.Index(fields=["centre", "status"], name="volunteers__centre__44c0fa_idx")
                ],
            },
        ),
        migrations.CreateModel(
            name="ShiftSignup",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
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
                        to="volunteers.hourentry",
                        verbose_name="hour entry",
                    ),
                ),
                (
                    "shift",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="signups",
                        to="volunteers.shift",
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
                "ordering": ["listed_at", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("shift", "volunteer"), name="shiftsignup_unique"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Match",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("proposed", "Proposed"),
                            ("active", "Active"),
                            ("ended", "Ended"),
                        ],
                        default="proposed",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("started_on", models.DateField(blank=True, null=True, verbose_name="started")),
                ("ended_on", models.DateField(blank=True, null=True, verbose_name="ended")),
                (
                    "next_follow_up_on",
                    models.DateField(blank=True, null=True, verbose_name="next follow-up"),
                ),
                ("follow_up_notes", models.TextField(blank=True, verbose_name="follow-up notes")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
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
                    "task",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="matches",
                        to="volunteers.task",
                    ),
                ),
                (
                    "volunteer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="matches",
                        to="volunteers.volunteer",
                    ),
                ),
            ],
            options={
                "verbose_name": "match",
                "verbose_name_plural": "matches",
                "ordering": ["-created_at"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("task", "volunteer"), name="match_unique_volunteer"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="hourentry",
            name="volunteer",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="hour_entries",
                to="volunteers.volunteer",
            ),
        ),
        migrations.CreateModel(
            name="Consent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("given_at", models.DateTimeField(verbose_name="given")),
                (
                    "channel",
                    models.CharField(
                        choices=[
                            ("signup_form", "Public sign-up form"),
                            ("paper", "Signed on paper"),
                            ("in_person", "In person, registered by the coordinator"),
                            ("profile", "In their own profile"),
                        ],
                        max_length=20,
                        verbose_name="channel",
                    ),
                ),
                (
                    "withdrawn_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="withdrawn"),
                ),
                (
                    "consent_text",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="consents",
                        to="volunteers.consenttext",
                        verbose_name="text",
                    ),
                ),
                (
                    "volunteer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="consents",
                        to="volunteers.volunteer",
                    ),
                ),
            ],
            options={
                "verbose_name": "consent",
                "verbose_name_plural": "consents",
                "ordering": ["-given_at"],
            },
        ),
        migrations.CreateModel(
            name="Certificate",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("period_start", models.DateField(verbose_name="from")),
                ("period_end", models.DateField(verbose_name="to")),
                (
                    "tasks",
                    models.TextField(
                        help_text="One task a line, as the volunteer did it.", verbose_name="tasks"
                    ),
                ),
                ("signer_name", models.CharField(max_length=200, verbose_name="signed by")),
                ("signer_title", models.CharField(max_length=200, verbose_name="title")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="made")),
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
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "volunteer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="certificates",
                        to="volunteers.volunteer",
                    ),
                ),
            ],
            options={
                "verbose_name": "volunteer certificate",
                "verbose_name_plural": "volunteer certificates",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.AddIndex(
            model_name="hourentry",
            index=models.Index(
                fields=["centre", "status", "date"], name="volunteers__centre__8ee4b7_idx"
            ),
        ),
    ]
