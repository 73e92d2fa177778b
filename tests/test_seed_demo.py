"""The demo data (demo/seed.py), seeded once for the module; the command itself is tested in
tests/test_seed_demo_command.py on an empty database."""

import datetime as dt

import pytest
from django.apps import apps
from django.urls import reverse

from activities.models import Activity
from conftest import module_rows, module_transaction, our_apps
from core.models import Centre, Role, User
from demo.seed import DEMO_LOGINS, DEMO_PASSWORD, orgnr_with_check_digit, seed
from organisations.models import Organisation
from projects.models import YearTarget
from volunteers.models import Volunteer

TODAY = dt.date(2026, 11, 23)


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in our_apps()
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo as of 2026-11-23, seeded once for the module (it takes seconds) and read by
    each test; a test's own changes are undone after it, the demo at the module's end."""
    with module_transaction(django_db_blocker):
        with module_rows(django_db_blocker):
            seed(today=TODAY)
        yield


def test_it_is_idempotent(db, demo):
    first = _row_counts()
    seed(today=TODAY)
    assert _row_counts() == first


def test_it_builds_a_realistic_municipality(db, demo):
    assert Centre.objects.count() == 2
    assert 55 <= Organisation.objects.count() <= 70
    assert 35 <= Volunteer.objects.count() <= 45
    target = YearTarget.objects.get(project__slug="steg-for-steg", year=2026)
    assert (target.activities, target.average_participants) == (220, 10)
    # A year of activities logged; ahead only the planned ones of this week and the next
    # (no counts yet), public as the centre wants it, one-to-one help never.
    this_year = Activity.objects.filter(date__year=2025)
    assert this_year.count() >= 220
    planned = Activity.objects.filter(date__gt=dt.date(2026, 11, 23))
    assert planned.exists()
    assert not planned.filter(date__gt=dt.date(2026, 12, 6)).exists()
    assert not planned.exclude(participants=None).exists()
    assert not Activity.objects.filter(category__name="En-til-en hjelp", is_public=True).exists()
    assert (
        Activity.objects.filter(
            date__range=(dt.date(2026, 11, 23), dt.date(2026, 11, 29)), is_public=True
        ).count()
        >= 3
    )
    assert {u.role for u in User.objects.all()} >= {r.value for r in Role}


def test_every_demo_login_reaches_its_start_page(client, db, demo):
    for login in DEMO_LOGINS:
        client.logout()
        response = client.post(
            reverse("account_login"), {"login": login.email, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, login.email
        home = client.get(response.url)
        assert home.status_code == 200, login.email
        expected = reverse("core:home")
        if login.email == "lag@fjordvik.example":
            # An association user lands on its own entry (issue 3).
            own = Organisation.objects.get(name="Fjordvik Sanitetsforening")
            expected = reverse("organisations:detail", args=[own.pk])
        assert home.request["PATH_INFO"] == expected


def test_demo_organisation_numbers_pass_the_modulus_11_rule(db, demo):
    assert orgnr_with_check_digit("12345678") == "123456785"
    from stdnum.no import orgnr

    for number in Organisation.objects.exclude(organisation_number=None).values_list(
        "organisation_number", flat=True
    ):
        assert orgnr.is_valid(number), number


def test_it_shows_cooperation_with_the_municipality_over_the_years(db, demo):
    from cooperation.models import Partnership, ReportedYear, Story
    from core.models import District

    assert District.objects.filter(centres__isnull=False).count() == 2
    assert Organisation.objects.filter(kind="social_entrepreneur").count() >= 3
    partnerships = Partnership.objects.system()
    assert partnerships.count() >= 5
    assert len({p.forms for p in partnerships}) >= 5
    assert Story.objects.listed_publicly().count() == 2
    assert len({d.year for d in Activity.objects.dates("date", "year")}) >= 6
    reported = ReportedYear.objects.system().values_list("year", flat=True)
    assert len(set(reported)) >= 6
    # Six years of hours too: the volunteers' own (approved) and those logged on activities.
    from hours.models import HourEntry

    approved = HourEntry.objects.system().filter(status=HourEntry.Status.APPROVED)
    assert len({d.year for d in approved.dates("date", "year")}) >= 6
    with_hours = Activity.objects.system().filter(volunteer_hours__gt=0)
    assert len({d.year for d in with_hours.dates("date", "year")}) >= 6
