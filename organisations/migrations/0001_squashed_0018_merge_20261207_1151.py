"""The 19 migrations of organisations from 0001_initial
to 0018_merge_20261207_1151 in one.

Squashed: a fresh database runs this instead of the old files, which stay (in `replaces`)
for installations that applied some of them. Data migrations that only rewrite rows an
older installation had are left out; the rows a fresh database needs are seeded at the end.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import core.i18n
import core.validators
import organisations.models

# From 0003_cooperation_areas_and_search_text.

COOPERATION_AREAS_0003 = [
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


def forwards_0003(apps, schema_editor):
    CooperationArea = apps.get_model("organisations", "CooperationArea")
    for position, (name, name_en) in enumerate(COOPERATION_AREAS_0003, start=1):
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


# From 0004_icnpo_categories.

ICNPO_0004 = [
    ("Kunst og kultur", "Arts and culture", "1 100"),
    ("Idrett", "Sports", "1 200"),
    (
        "Andre fritidsaktiviteter og sosiale foreninger",
        "Other recreation and social clubs",
        "1 300",
    ),
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


def forwards_0004(apps, schema_editor):
    Category = apps.get_model("organisations", "Category")
    for position, (name, name_en, code) in enumerate(ICNPO_0004, start=1):
        Category.objects.get_or_create(
            name=name, defaults={"name_en": name_en, "icnpo_code": code, "position": position}
        )


# From 0005_search_trigram_index.

INDEX_0005 = "organisations_search_text_trgm"


def create_index_0005(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX_0005} ON organisations_organisation "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop_index_0005(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_0005}")


# From 0006_public_search_text.

INDEX_0006 = "organisations_public_search_text_trgm"


def fill_0006(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    for organisation in Organisation.objects.only(
        "name", "description", "offers", "target_groups", "postal_place"
    ).iterator():
        organisation.public_search_text = " ".join(
            [
                organisation.name,
                organisation.description,
                organisation.offers,
                organisation.target_groups,
                organisation.postal_place,
            ]
        ).casefold()
        organisation.save(update_fields=["public_search_text"])


def create_index_0006(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX_0006} ON organisations_organisation "
        "USING gin (public_search_text gin_trgm_ops)"
    )


def drop_index_0006(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_0006}")


# From 0013_nynorsk_names.

CATEGORIES_0013 = {
    "Kunst og kultur": "Kunst og kultur",
    "Idrett": "Idrett",
    "Andre fritidsaktiviteter og sosiale foreninger": "Andre fritidsaktivitetar og sosiale foreiningar",
    "Utdanning og forskning": "Utdanning og forsking",
    "Helse": "Helse",
    "Sosiale tjenester": "Sosiale tenester",
    "Miljø": "Miljø",
    "Lokalsamfunn og bolig": "Lokalsamfunn og bustad",
    "Rettigheter, interesser og politikk": "Rettar, interesser og politikk",
    "Stiftelser og frivillighetsfremmende": "Stiftingar og frivilligheitsfremjande",
    "Internasjonalt arbeid": "Internasjonalt arbeid",
    "Religion og livssyn": "Religion og livssyn",
    "Næring, yrke og fagforeninger": "Næring, yrke og fagforeiningar",
    "Annet": "Anna",
}


COOPERATION_AREAS_0013 = {
    "Forebygging av ulykker i hjem og institusjon": "Førebygging av ulukker i heim og institusjon",
    "Trivselstiltak i hjem og institusjon": "Trivselstiltak i heim og institusjon",
    "Aktiviteter utenfor hjem og institusjon": "Aktivitetar utanfor heim og institusjon",
    "Inkludering og integrering": "Inkludering og integrering",
    "Kultur og arrangementer": "Kultur og arrangement",
    "Friluftsliv og fysisk aktivitet": "Friluftsliv og fysisk aktivitet",
    "Barn og unge": "Born og unge",
    "Beredskap": "Beredskap",
}


def name_in_nynorsk_0013(apps, schema_editor):
    for model, names in (
        ("Category", CATEGORIES_0013),
        ("CooperationArea", COOPERATION_AREAS_0013),
    ):
        rows = apps.get_model("organisations", model).objects
        for name, name_nn in names.items():
            rows.filter(name=name, name_nn="").update(name_nn=name_nn)


class Migration(migrations.Migration):
    replaces = [
        ("organisations", "0001_initial"),
        ("organisations", "0002_registry_fields"),
        ("organisations", "0003_cooperation_areas_and_search_text"),
        ("organisations", "0004_icnpo_categories"),
        ("organisations", "0005_search_trigram_index"),
        ("organisations", "0006_public_search_text"),
        ("organisations", "0007_organisation_version"),
        ("organisations", "0008_audit_trail"),
        ("organisations", "0009_registers_and_import_batches"),
        ("organisations", "0010_nynorsk"),
        ("organisations", "0011_category_per_centre"),
        ("organisations", "0012_directory_contact_consent"),
        ("organisations", "0013_nynorsk_names"),
        ("organisations", "0014_dated_facts"),
        ("organisations", "0015_job_kernel"),
        ("organisations", "0016_single_line_names"),
        ("organisations", "0017_organisation_shows_email_organisation_shows_phone_and_more"),
        ("organisations", "0017_organisation_kind"),
        ("organisations", "0018_merge_20261207_1151"),
    ]

    initial = True

    dependencies = [
        ("core", "0001_initial"),
        ("core", "0003_outgoing_mail"),
        ("core", "0004_audit_trail"),
        ("core", "0005_centre_public_page_and_language"),
        ("core", "0008_centre_activities_public_by_default"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CooperationArea",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(max_length=160, unique=True, verbose_name="name (Norwegian)"),
                ),
                (
                    "name_en",
                    models.CharField(blank=True, max_length=160, verbose_name="name (English)"),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(default=100, verbose_name="position"),
                ),
                (
                    "name_nn",
                    models.CharField(blank=True, max_length=160, verbose_name="name (Nynorsk)"),
                ),
            ],
            options={
                "verbose_name": "cooperation area",
                "verbose_name_plural": "cooperation areas",
                "ordering": ["position", "name"],
            },
            bases=(core.i18n.BilingualNameMixin, models.Model),
        ),
        migrations.CreateModel(
            name="RegisterSyncState",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "synced_until",
                    models.DateTimeField(blank=True, null=True, verbose_name="changes read until"),
                ),
                (
                    "last_run_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="last run"),
                ),
                ("last_error", models.TextField(blank=True, verbose_name="last error")),
            ],
            options={
                "verbose_name": "register sync state",
            },
        ),
        migrations.CreateModel(
            name="Category",
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
                    "icnpo_code",
                    models.CharField(blank=True, max_length=10, verbose_name="ICNPO code"),
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
                "verbose_name": "association category",
                "verbose_name_plural": "association categories",
                "ordering": ["position", "name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("centre", "name"), name="organisations_category_unique_centre_name"
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("centre__isnull", True)),
                        fields=("name",),
                        name="organisations_category_unique_shared_name",
                    ),
                ],
            },
            bases=(core.i18n.BilingualNameMixin, models.Model),
        ),
        migrations.CreateModel(
            name="ImportBatch",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="uploaded")),
                ("filename", models.CharField(max_length=200, verbose_name="file name")),
                (
                    "file_path",
                    models.CharField(blank=True, max_length=300, verbose_name="stored file"),
                ),
                (
                    "file_size",
                    models.PositiveBigIntegerField(default=0, verbose_name="size (bytes)"),
                ),
                (
                    "source_format",
                    models.CharField(
                        choices=[
                            ("csv", "CSV"),
                            ("csv.gz", "CSV (gzip)"),
                            ("xlsx", "Excel (.xlsx)"),
                        ],
                        max_length=10,
                        verbose_name="format",
                    ),
                ),
                (
                    "municipality_numbers",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="only these municipality numbers"
                    ),
                ),
                (
                    "only_registered",
                    models.BooleanField(
                        default=False,
                        verbose_name="only organisations registered in the national register",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "Queued"),
                            ("running", "Running"),
                            ("checked", "Checked: waiting for confirmation"),
                            ("done", "Imported"),
                            ("failed", "Failed"),
                        ],
                        default="queued",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("confirmed", models.BooleanField(default=False, verbose_name="confirmed")),
                (
                    "good_rows_only",
                    models.BooleanField(default=False, verbose_name="only the good rows"),
                ),
                (
                    "progress",
                    models.PositiveSmallIntegerField(
                        default=0,
                        validators=[django.core.validators.MaxValueValidator(100)],
                        verbose_name="progress (per cent)",
                    ),
                ),
                ("rows_scanned", models.PositiveIntegerField(default=0, verbose_name="rows read")),
                (
                    "rows_filtered_out",
                    models.PositiveIntegerField(
                        default=0, verbose_name="rows left out by the filters"
                    ),
                ),
                (
                    "rows_total",
                    models.PositiveIntegerField(default=0, verbose_name="rows to import"),
                ),
                ("rows_good", models.PositiveIntegerField(default=0, verbose_name="good rows")),
                (
                    "rows_bad",
                    models.PositiveIntegerField(default=0, verbose_name="rows with errors"),
                ),
                ("created_count", models.PositiveIntegerField(default=0, verbose_name="created")),
                ("updated_count", models.PositiveIntegerField(default=0, verbose_name="updated")),
                ("skipped_count", models.PositiveIntegerField(default=0, verbose_name="skipped")),
                (
                    "columns_imported",
                    models.JSONField(blank=True, default=list, verbose_name="columns imported"),
                ),
                (
                    "columns_ignored",
                    models.JSONField(blank=True, default=list, verbose_name="columns ignored"),
                ),
                ("preview", models.JSONField(blank=True, default=list, verbose_name="first rows")),
                (
                    "flagged",
                    models.JSONField(blank=True, default=list, verbose_name="flagged rows"),
                ),
                ("errors", models.JSONField(blank=True, default=list, verbose_name="row errors")),
                (
                    "error_count",
                    models.PositiveIntegerField(default=0, verbose_name="number of cell errors"),
                ),
                (
                    "created_ids",
                    models.JSONField(blank=True, default=list, verbose_name="associations created"),
                ),
                (
                    "updated_ids",
                    models.JSONField(blank=True, default=list, verbose_name="associations updated"),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[
                            ("nb", "Norwegian Bokmål"),
                            ("nn", "Norwegian Nynorsk"),
                            ("en", "English"),
                        ],
                        default="nb",
                        max_length=5,
                        verbose_name="language",
                    ),
                ),
                ("task_id", models.CharField(blank=True, max_length=64, verbose_name="task id")),
                (
                    "queued_at",
                    models.DateTimeField(
                        blank=True,
                        default=django.utils.timezone.now,
                        null=True,
                        verbose_name="queued",
                    ),
                ),
                ("started_at", models.DateTimeField(blank=True, null=True, verbose_name="started")),
                (
                    "finished_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="finished"),
                ),
                ("error", models.TextField(blank=True, verbose_name="error message")),
                ("attempts", models.PositiveSmallIntegerField(default=0, verbose_name="attempts")),
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
                        verbose_name="uploaded by",
                    ),
                ),
            ],
            options={
                "verbose_name": "import",
                "verbose_name_plural": "imports",
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="Organisation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        max_length=200,
                        validators=[core.validators.SingleLineValidator()],
                        verbose_name="name",
                    ),
                ),
                (
                    "organisation_number",
                    models.CharField(
                        blank=True,
                        error_messages={
                            "unique": "An association with this organisation number is already registered."
                        },
                        max_length=9,
                        null=True,
                        unique=True,
                        validators=[organisations.models.validate_organisation_number],
                        verbose_name="organisation number",
                    ),
                ),
                (
                    "description",
                    models.TextField(blank=True, verbose_name="purpose and description"),
                ),
                (
                    "contact_name",
                    models.CharField(blank=True, max_length=200, verbose_name="contact person"),
                ),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                (
                    "phone",
                    models.CharField(
                        blank=True,
                        max_length=20,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^(\\+47)?\\d{8}$",
                                "A Norwegian phone number has eight digits, optionally with +47 in front.",
                                code="invalid_phone",
                            )
                        ],
                        verbose_name="phone",
                    ),
                ),
                (
                    "postal_address",
                    models.CharField(blank=True, max_length=200, verbose_name="postal address"),
                ),
                (
                    "postal_code",
                    models.CharField(
                        blank=True,
                        max_length=4,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\d{4}$",
                                "A postal code has four digits, e.g. 8500.",
                                code="invalid_postal_code",
                            )
                        ],
                        verbose_name="postal code",
                    ),
                ),
                (
                    "postal_place",
                    models.CharField(blank=True, max_length=100, verbose_name="postal place"),
                ),
                ("website", models.URLField(blank=True, verbose_name="website")),
                (
                    "member_count",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="number of members"
                    ),
                ),
                (
                    "founded_year",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(1600),
                            django.core.validators.MaxValueValidator(2100),
                        ],
                        verbose_name="founding year",
                    ),
                ),
                (
                    "needs_volunteers",
                    models.BooleanField(default=False, verbose_name="needs volunteers now"),
                ),
                (
                    "is_public",
                    models.BooleanField(
                        default=False, verbose_name="listed in the public directory"
                    ),
                ),
                ("is_archived", models.BooleanField(default=False, verbose_name="archived")),
                (
                    "confirmed_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="entry last confirmed"
                    ),
                ),
                ("notes", models.TextField(blank=True, verbose_name="internal notes")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "category_summary",
                    models.CharField(blank=True, max_length=400, verbose_name="categories"),
                ),
                (
                    "cooperation_summary",
                    models.TextField(blank=True, verbose_name="cooperation areas"),
                ),
                (
                    "in_national_register",
                    models.BooleanField(
                        default=False,
                        verbose_name="registered in the national register of voluntary organisations",
                    ),
                ),
                ("offers", models.TextField(blank=True, verbose_name="what it offers")),
                ("search_text", models.TextField(blank=True, editable=False)),
                ("target_groups", models.TextField(blank=True, verbose_name="target groups")),
                (
                    "volunteer_needs",
                    models.TextField(blank=True, verbose_name="what volunteers are needed for"),
                ),
                ("public_search_text", models.TextField(blank=True, editable=False)),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                ("activity", models.TextField(blank=True, verbose_name="activity (as registered)")),
                (
                    "business_address",
                    models.CharField(blank=True, max_length=200, verbose_name="business address"),
                ),
                (
                    "business_municipality_number",
                    models.CharField(
                        blank=True,
                        max_length=4,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\d{4}$",
                                "A municipality number has four digits, e.g. 1804.",
                                code="invalid_municipality_number",
                            )
                        ],
                        verbose_name="business address municipality number",
                    ),
                ),
                (
                    "business_postal_code",
                    models.CharField(
                        blank=True,
                        max_length=4,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\d{4}$",
                                "A postal code has four digits, e.g. 8500.",
                                code="invalid_postal_code",
                            )
                        ],
                        verbose_name="business postal code",
                    ),
                ),
                (
                    "business_postal_place",
                    models.CharField(
                        blank=True, max_length=100, verbose_name="business postal place"
                    ),
                ),
                (
                    "deleted_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="deleted from the register on"
                    ),
                ),
                (
                    "founded_date",
                    models.DateField(blank=True, null=True, verbose_name="founding date"),
                ),
                ("is_bankrupt", models.BooleanField(default=False, verbose_name="bankrupt")),
                (
                    "mobile",
                    models.CharField(
                        blank=True,
                        max_length=20,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^(\\+47)?\\d{8}$",
                                "A Norwegian phone number has eight digits, optionally with +47 in front.",
                                code="invalid_phone",
                            )
                        ],
                        verbose_name="mobile phone",
                    ),
                ),
                (
                    "national_register_date",
                    models.DateField(
                        blank=True,
                        null=True,
                        verbose_name="registered in the national register of voluntary organisations on",
                    ),
                ),
                (
                    "organisation_form",
                    models.CharField(
                        blank=True,
                        help_text="The register's code, e.g. FLI (association), STI (foundation).",
                        max_length=10,
                        verbose_name="organisation form",
                    ),
                ),
                (
                    "postal_municipality_number",
                    models.CharField(
                        blank=True,
                        max_length=4,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^\\d{4}$",
                                "A municipality number has four digits, e.g. 1804.",
                                code="invalid_municipality_number",
                            )
                        ],
                        verbose_name="postal address municipality number",
                    ),
                ),
                (
                    "register_synced_at",
                    models.DateTimeField(
                        blank=True,
                        editable=False,
                        null=True,
                        verbose_name="last updated from the register",
                    ),
                ),
                (
                    "under_forced_liquidation",
                    models.BooleanField(
                        default=False, verbose_name="under compulsory liquidation or dissolution"
                    ),
                ),
                (
                    "under_liquidation",
                    models.BooleanField(default=False, verbose_name="under liquidation"),
                ),
                (
                    "shows_contact",
                    models.BooleanField(
                        default=False,
                        help_text="Only with the association's consent.",
                        verbose_name="show e-mail, phone and website in the public directory",
                    ),
                ),
                (
                    "archived_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="archived on"
                    ),
                ),
                (
                    "shows_email",
                    models.BooleanField(default=True, verbose_name="publish the e-mail address"),
                ),
                (
                    "shows_phone",
                    models.BooleanField(default=True, verbose_name="publish the phone number"),
                ),
                (
                    "shows_website",
                    models.BooleanField(default=True, verbose_name="publish the website"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("association", "Association"),
                            ("social_entrepreneur", "Social entrepreneur"),
                            ("foundation", "Foundation"),
                            ("centre", "The volunteer centre itself"),
                        ],
                        default="association",
                        help_text="Association, social entrepreneur (AS, SA, foundation or sole proprietorship), foundation or the centre itself. Suggested by the register's organisation form.",
                        max_length=20,
                        verbose_name="kind of organisation",
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
                    "cooperation_areas",
                    models.ManyToManyField(
                        blank=True,
                        related_name="organisations",
                        to="organisations.cooperationarea",
                        verbose_name="wants to cooperate with the municipality on",
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
            ],
            options={
                "verbose_name": "association",
                "verbose_name_plural": "associations",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="Membership",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to="organisations.organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "association user",
                "verbose_name_plural": "association users",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("organisation", "user"), name="membership_unique"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Invitation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("email", models.EmailField(max_length=254, verbose_name="e-mail")),
                ("token", models.CharField(editable=False, max_length=64, unique=True)),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="sent")),
                ("expires_at", models.DateTimeField(verbose_name="expires")),
                (
                    "accepted_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="accepted"),
                ),
                ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="revoked")),
                (
                    "accepted_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="accepted by",
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
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="invited by",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="invitations",
                        to="organisations.organisation",
                        verbose_name="association",
                    ),
                ),
            ],
            options={
                "verbose_name": "invitation",
                "verbose_name_plural": "invitations",
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="HelpOffer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        max_length=200,
                        validators=[core.validators.SingleLineValidator()],
                        verbose_name="name",
                    ),
                ),
                ("email", models.EmailField(max_length=254, verbose_name="e-mail")),
                ("phone", models.CharField(blank=True, max_length=20, verbose_name="phone")),
                ("message", models.TextField(max_length=2000, verbose_name="message")),
                (
                    "share_contact",
                    models.BooleanField(
                        default=False, verbose_name="the association may contact me directly"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="received")),
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
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="help_offers",
                        to="organisations.organisation",
                        verbose_name="association",
                    ),
                ),
            ],
            options={
                "verbose_name": "offer of help",
                "verbose_name_plural": "offers of help",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="ContactConsent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "published",
                    models.CharField(
                        blank=True,
                        help_text="e-mail, phone, website: those chosen (none withdraws the consent).",
                        max_length=40,
                        verbose_name="published contact details",
                    ),
                ),
                ("text", models.TextField(verbose_name="consent text")),
                (
                    "given_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="given"),
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
                    "given_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="given by",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contact_consents",
                        to="organisations.organisation",
                        verbose_name="association",
                    ),
                ),
            ],
            options={
                "verbose_name": "consent to publish contact details",
                "verbose_name_plural": "consents to publish contact details",
                "ordering": ["-given_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="OrganisationCategory",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "rank",
                    models.PositiveSmallIntegerField(
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(3),
                        ],
                        verbose_name="rank",
                    ),
                ),
                (
                    "category",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisations.category",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="ranked_categories",
                        to="organisations.organisation",
                    ),
                ),
            ],
            options={
                "ordering": ["rank"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("organisation", "rank"), name="orgcat_unique_rank"
                    ),
                    models.UniqueConstraint(
                        fields=("organisation", "category"), name="orgcat_unique_category"
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="organisation",
            name="categories",
            field=models.ManyToManyField(
                blank=True,
                through="organisations.OrganisationCategory",
                to="organisations.category",
                verbose_name="categories",
            ),
        ),
        migrations.CreateModel(
            name="RegisterChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("field", models.CharField(max_length=50, verbose_name="field")),
                ("old_value", models.TextField(blank=True, verbose_name="now")),
                ("new_value", models.TextField(blank=True, verbose_name="in the register")),
                (
                    "register_date",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="changed in the register"
                    ),
                ),
                ("detected_at", models.DateTimeField(auto_now_add=True, verbose_name="found")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting"),
                            ("accepted", "Accepted"),
                            ("ignored", "Ignored"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="decided")),
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
                        verbose_name="decided by",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="register_changes",
                        to="organisations.organisation",
                        verbose_name="association",
                    ),
                ),
            ],
            options={
                "verbose_name": "change in the register",
                "verbose_name_plural": "changes in the register",
                "ordering": ["organisation__name", "field"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("status", "pending")),
                        fields=("organisation", "field"),
                        name="registerchange_one_pending_per_field",
                    )
                ],
            },
        ),
        migrations.AddIndex(
            model_name="organisation",
            index=models.Index(
                fields=["centre", "is_archived", "name"], name="organisatio_centre__0fcb50_idx"
            ),
        ),
        migrations.RunPython(forwards_0003, migrations.RunPython.noop),
        migrations.RunPython(forwards_0004, migrations.RunPython.noop),
        migrations.RunPython(create_index_0005, drop_index_0005),
        migrations.RunPython(create_index_0006, drop_index_0006),
        migrations.RunPython(name_in_nynorsk_0013, migrations.RunPython.noop),
    ]
