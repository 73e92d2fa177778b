# The centre's year and its income, moved here from core with their tables
# (core_centreyear, core_centreincome): state only, the database already has them (created by
# core.0002). A fresh database runs core.0002 first, so the tables exist either way.

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("core", "0005_centre_public_page_and_language"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='CentreYear',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1990), django.core.validators.MaxValueValidator(2100)], verbose_name='year')),
                        ('staff_fte', models.DecimalField(blank=True, decimal_places=2, help_text='Paid staff as full-time equivalents, e.g. 1,5.', max_digits=4, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='staff in full-time equivalents')),
                        ('owner_name', models.CharField(blank=True, max_length=200, verbose_name='owner')),
                        ('owner_kind', models.CharField(blank=True, choices=[('municipality', 'Municipality'), ('association', 'Association (entity in Frivillighetsregisteret)'), ('foundation', 'Foundation'), ('cooperative', 'Cooperative of these')], max_length=20, verbose_name='kind of owner')),
                        ('advisory_body', models.CharField(blank=True, choices=[('council', 'Council'), ('board', 'Board (styre)'), ('none', 'None')], max_length=20, verbose_name='advisory body')),
                        ('voluntary_sector_on_body', models.BooleanField(default=False, verbose_name='the voluntary sector is represented on the advisory body')),
                        ('premises', models.TextField(blank=True, help_text="The centre's physical premises: address and what they are.", verbose_name='premises')),
                        ('is_draft', models.BooleanField(default=True, verbose_name='draft')),
                        ('version', models.PositiveIntegerField(default=0, editable=False, verbose_name='version')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='last changed')),
                        ('centre', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.centre', verbose_name='volunteer centre')),
                        ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='changed by')),
                    ],
                    options={
                        'verbose_name': 'centre year',
                        'verbose_name_plural': 'centre years',
                        'ordering': ['centre', '-year'],
                        'db_table': 'core_centreyear',
                    },
                ),
                migrations.CreateModel(
                    name='CentreIncome',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('source', models.CharField(choices=[('state_grant', 'State grant to volunteer centres'), ('municipality', 'The municipality'), ('other_public', 'Other public funding (county, other state grants)'), ('private', 'Private foundations and businesses'), ('own_income', 'Own income')], max_length=20, verbose_name='source')),
                        ('description', models.CharField(blank=True, max_length=200, verbose_name='description')),
                        ('amount', models.PositiveIntegerField(verbose_name='amount (NOK)')),
                        ('centre_year', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='incomes', to='centreyear.centreyear', verbose_name='centre year')),
                    ],
                    options={
                        'verbose_name': 'income',
                        'verbose_name_plural': 'income',
                        'ordering': ['centre_year', 'id'],
                        'db_table': 'core_centreincome',
                    },
                ),
                migrations.AddConstraint(
                    model_name='centreyear',
                    constraint=models.UniqueConstraint(fields=('centre', 'year'), name='centreyear_unique_year'),
                ),
            ],
        ),
    ]
