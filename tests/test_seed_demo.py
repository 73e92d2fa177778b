import datetime as dt

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from activities.models import Activity
from conftest import our_apps
from core.models import Centre, Role, User
from demo.seed import DEMO_LOGINS, DEMO_PASSWORD, orgnr_with_check_digit, seed
from organisations.models import Organisation
from projects.models import YearTarget
from volunteers.models import Volunteer


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in our_apps()
    }


def test_it_is_idempotent(db):
    seed(today=dt.date(2026, 11, 23))
    first = _row_counts()
    seed(today=dt.date(2026, 11, 23))
    assert _row_counts() == first


def test_it_builds_a_realistic_municipality(db):
    seed(today=dt.date(2026, 11, 23))
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


def test_every_demo_login_reaches_its_start_page(client, db):
    seed(today=dt.date(2026, 11, 23))
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


def test_the_command_prints_the_logins(db, capsys, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    out = capsys.readouterr().out
    for login in DEMO_LOGINS:
        assert login.email in out
    assert DEMO_PASSWORD in out


def test_demo_organisation_numbers_pass_the_modulus_11_rule(db):
    assert orgnr_with_check_digit("12345678") == "123456785"
    seed(today=dt.date(2026, 11, 23))
    from stdnum.no import orgnr

    for number in Organisation.objects.exclude(organisation_number=None).values_list(
        "organisation_number", flat=True
    ):
        assert orgnr.is_valid(number), number


def test_the_command_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--i-know-this-is-production"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_asked_explicitly_it_loads_the_demo_but_no_site_admin(db, settings, capsys):
    settings.DEBUG = False
    call_command("seed_demo", "--i-know-this-is-production")
    assert User.objects.filter(role="coordinator").exists()
    assert not User.objects.filter(is_superuser=True).exists()
    assert "admin@fjordvik.example" not in capsys.readouterr().out


def test_the_demo_has_a_public_face(client, db):
    """The front page, the calendar and the feed show this week's public activities, the
    front page public tasks, and the directory the contacts associations consented to."""
    seed()
    front = client.get(reverse("public:centre", args=["fjordvik"])).content.decode()
    assert "Ingen offentlige aktiviteter denne uken" not in front
    assert "Ingen åpne oppdrag er publisert" not in front
    assert "?task=" in front
    assert 'class="public-event"' in front
    calendar = client.get(reverse("public:calendar", args=["fjordvik"])).content.decode()
    assert 'class="public-event"' in calendar
    feed = client.get(reverse("public:centre_feed", args=["fjordvik"])).content.decode()
    assert feed.count("BEGIN:VEVENT") >= 5
    directory = client.get(reverse("organisations:directory")).content.decode()
    assert "mailto:" in directory
    assert reverse("account_login") in front


def test_it_shows_cooperation_with_the_municipality_over_the_years(db):
    from cooperation.models import Partnership, ReportedYear, Story
    from core.models import District

    seed(today=dt.date(2026, 11, 23))
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
