"""The 6 migrations of core from 0001_initial
to 0006_centre_description_nynorsk in one.

Squashed: a fresh database runs this instead of the old files, which stay (in `replaces`)
for installations that applied some of them. Data migrations that only rewrite rows an
older installation had are left out; the rows a fresh database needs are seeded at the end.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import core.models


class Migration(migrations.Migration):
    replaces = [
        ("core", "0001_initial"),
        ("core", "0002_centre_year"),
        ("core", "0003_outgoing_mail"),
        ("core", "0004_audit_trail"),
        ("core", "0005_centre_public_page_and_language"),
        ("core", "0006_centre_description_nynorsk"),
    ]

    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="Centre",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=120, verbose_name="name")),
                ("slug", models.SlugField(unique=True, verbose_name="short name")),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                ("phone", models.CharField(blank=True, max_length=20, verbose_name="phone")),
                ("address", models.CharField(blank=True, max_length=200, verbose_name="address")),
                (
                    "default_language",
                    models.CharField(
                        choices=[("nb", "Bokmål"), ("nn", "Nynorsk"), ("en", "English")],
                        default="nb",
                        help_text="The language of the centre's pages for visitors who have not chosen one (a nynorsk municipality's centre chooses Nynorsk).",
                        max_length=5,
                        verbose_name="default language",
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        help_text="What the centre is and does, shown on its public front page.",
                        verbose_name="about the centre",
                    ),
                ),
                ("website", models.URLField(blank=True, verbose_name="website")),
                (
                    "description_nn",
                    models.TextField(
                        blank=True,
                        help_text="The same in nynorsk (or bokmål, when the text above is in nynorsk), shown to visitors who read the pages in that language.",
                        verbose_name="about the centre (nynorsk)",
                    ),
                ),
            ],
            options={
                "verbose_name": "volunteer centre",
                "verbose_name_plural": "volunteer centres",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="Municipality",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=120, verbose_name="name")),
                ("slug", models.SlugField(unique=True, verbose_name="short name")),
                (
                    "number",
                    models.CharField(blank=True, max_length=4, verbose_name="municipality number"),
                ),
            ],
            options={
                "verbose_name": "municipality",
                "verbose_name_plural": "municipalities",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="User",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("password", models.CharField(max_length=128, verbose_name="password")),
                (
                    "last_login",
                    models.DateTimeField(blank=True, null=True, verbose_name="last login"),
                ),
                (
                    "is_superuser",
                    models.BooleanField(
                        default=False,
                        help_text="Designates that this user has all permissions without explicitly assigning them.",
                        verbose_name="superuser status",
                    ),
                ),
                (
                    "first_name",
                    models.CharField(blank=True, max_length=150, verbose_name="first name"),
                ),
                (
                    "last_name",
                    models.CharField(blank=True, max_length=150, verbose_name="last name"),
                ),
                (
                    "is_staff",
                    models.BooleanField(
                        default=False,
                        help_text="Designates whether the user can log into this admin site.",
                        verbose_name="staff status",
                    ),
                ),
                (
                    "is_active",
                    models.BooleanField(
                        default=True,
                        help_text="Designates whether this user should be treated as active. Unselect this instead of deleting accounts.",
                        verbose_name="active",
                    ),
                ),
                (
                    "date_joined",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="date joined"
                    ),
                ),
                (
                    "email",
                    models.EmailField(max_length=254, unique=True, verbose_name="e-mail address"),
                ),
                (
                    "role",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("coordinator", "Coordinator"),
                            ("association", "Association user"),
                            ("municipality", "Municipality viewer"),
                            ("volunteer", "Volunteer"),
                        ],
                        max_length=20,
                        verbose_name="role",
                    ),
                ),
                (
                    "groups",
                    models.ManyToManyField(
                        blank=True,
                        help_text="The groups this user belongs to. A user will get all permissions granted to each of their groups.",
                        related_name="user_set",
                        related_query_name="user",
                        to="auth.group",
                        verbose_name="groups",
                    ),
                ),
                (
                    "user_permissions",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Specific permissions for this user.",
                        related_name="user_set",
                        related_query_name="user",
                        to="auth.permission",
                        verbose_name="user permissions",
                    ),
                ),
                (
                    "centre",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="users",
                        to="core.centre",
                        verbose_name="volunteer centre",
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="users",
                        to="core.municipality",
                        verbose_name="municipality",
                    ),
                ),
            ],
            options={
                "verbose_name": "user",
                "verbose_name_plural": "users",
                "ordering": ["email"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("role", "municipality"), _negated=True),
                            ("municipality__isnull", False),
                            _connector="OR",
                        ),
                        name="user_municipality_viewer_has_municipality",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("role__in", ["coordinator", "association", "volunteer"]),
                                _negated=True,
                            ),
                            ("centre__isnull", False),
                            _connector="OR",
                        ),
                        name="user_centre_role_has_centre",
                    ),
                ],
            },
            managers=[
                ("objects", core.models.UserManager()),
            ],
        ),
        migrations.CreateModel(
            name="CentreYear",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "year",
                    models.PositiveSmallIntegerField(
                        validators=[
                            django.core.validators.MinValueValidator(1990),
                            django.core.validators.MaxValueValidator(2100),
                        ],
                        verbose_name="year",
                    ),
                ),
                (
                    "staff_fte",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="Paid staff as full-time equivalents, e.g. 1,5.",
                        max_digits=4,
                        null=True,
                        validators=[django.core.validators.MinValueValidator(0)],
                        verbose_name="staff in full-time equivalents",
                    ),
                ),
                ("owner_name", models.CharField(blank=True, max_length=200, verbose_name="owner")),
                (
                    "owner_kind",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("municipality", "Municipality"),
                            ("association", "Association (entity in Frivillighetsregisteret)"),
                            ("foundation", "Foundation"),
                            ("cooperative", "Cooperative of these"),
                        ],
                        max_length=20,
                        verbose_name="kind of owner",
                    ),
                ),
                (
                    "advisory_body",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("council", "Council"),
                            ("board", "Board (styre)"),
                            ("none", "None"),
                        ],
                        max_length=20,
                        verbose_name="advisory body",
                    ),
                ),
                (
                    "voluntary_sector_on_body",
                    models.BooleanField(
                        default=False,
                        verbose_name="the voluntary sector is represented on the advisory body",
                    ),
                ),
                (
                    "premises",
                    models.TextField(
                        blank=True,
                        help_text="The centre's physical premises: address and what they are.",
                        verbose_name="premises",
                    ),
                ),
                ("is_draft", models.BooleanField(default=True, verbose_name="draft")),
                (
                    "version",
                    models.PositiveIntegerField(default=0, editable=False, verbose_name="version"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last changed")),
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
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="changed by",
                    ),
                ),
            ],
            options={
                "verbose_name": "centre year",
                "verbose_name_plural": "centre years",
                "ordering": ["centre", "-year"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("centre", "year"), name="centreyear_unique_year"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="CentreIncome",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("state_grant", "State grant to volunteer centres"),
                            ("municipality", "The municipality"),
                            ("other_public", "Other public funding (county, other state grants)"),
                            ("private", "Private foundations and businesses"),
                            ("own_income", "Own income"),
                        ],
                        max_length=20,
                        verbose_name="source",
                    ),
                ),
                (
                    "description",
                    models.CharField(blank=True, max_length=200, verbose_name="description"),
                ),
                ("amount", models.PositiveIntegerField(verbose_name="amount (NOK)")),
                (
                    "centre_year",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="incomes",
                        to="core.centreyear",
                        verbose_name="centre year",
                    ),
                ),
            ],
            options={
                "verbose_name": "income",
                "verbose_name_plural": "income",
                "ordering": ["centre_year", "id"],
            },
        ),
        migrations.CreateModel(
            name="District",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=120, verbose_name="name")),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="districts",
                        to="core.municipality",
                        verbose_name="municipality",
                    ),
                ),
            ],
            options={
                "verbose_name": "district",
                "verbose_name_plural": "districts",
                "ordering": ["name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("municipality", "name"), name="district_unique_name"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="centre",
            name="municipality",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="centres",
                to="core.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.CreateModel(
            name="OutgoingMail",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("to", models.EmailField(max_length=254, verbose_name="to")),
                ("subject", models.CharField(max_length=300, verbose_name="subject")),
                ("body", models.TextField(verbose_name="text")),
                ("html", models.TextField(blank=True, verbose_name="HTML version")),
                ("from_email", models.CharField(blank=True, max_length=254, verbose_name="from")),
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
                    models.CharField(blank=True, max_length=500, verbose_name="last error"),
                ),
                (
                    "next_attempt_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="next attempt"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="sent")),
                (
                    "centre",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="core.centre",
                        verbose_name="volunteer centre",
                    ),
                ),
            ],
            options={
                "verbose_name": "outgoing e-mail",
                "verbose_name_plural": "outgoing e-mails",
                "ordering": ["-created_at"],
                "indexes": [
                    models.Index(
                        fields=["status", "next_attempt_at"], name="core_outgoi_status_26779e_idx"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="AuditEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        db_index=True, default=django.utils.timezone.now, verbose_name="time"
                    ),
                ),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("web", "In the app"),
                            ("import", "Import"),
                            ("register", "The national register"),
                            ("command", "A command"),
                            ("system", "The system"),
                        ],
                        max_length=10,
                        verbose_name="source",
                    ),
                ),
                ("action", models.CharField(max_length=60, verbose_name="action")),
                (
                    "object_type",
                    models.CharField(blank=True, max_length=100, verbose_name="kind of object"),
                ),
                ("object_id", models.CharField(blank=True, max_length=40)),
                (
                    "object_repr",
                    models.CharField(blank=True, max_length=200, verbose_name="object"),
                ),
                ("changes", models.JSONField(blank=True, default=dict, verbose_name="changes")),
                ("data", models.JSONField(blank=True, default=dict)),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="done by",
                    ),
                ),
                (
                    "centre",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="core.centre",
                        verbose_name="volunteer centre",
                    ),
                ),
            ],
            options={
                "verbose_name": "audit event",
                "verbose_name_plural": "audit events",
                "ordering": ["-created_at", "-id"],
                "indexes": [
                    models.Index(
                        fields=["object_type", "object_id", "created_at"],
                        name="core_audite_object__297895_idx",
                    ),
                    models.Index(
                        fields=["centre", "action", "created_at"],
                        name="core_audite_centre__df955d_idx",
                    ),
                    models.Index(
                        fields=["action", "created_at"], name="core_audite_action_3957f4_idx"
                    ),
                ],
            },
        ),
    ]
