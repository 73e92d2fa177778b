"""The `seed_demo` command on an empty database: it prints the logins, refuses with DEBUG off
unless asked explicitly, and gives the demo a public face this week (the demo's content is
tested in tests/test_seed_demo.py)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from core.models import User
from demo.seed import DEMO_LOGINS, DEMO_PASSWORD, seed


def test_the_command_prints_the_logins(db, capsys, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    out = capsys.readouterr().out
    for login in DEMO_LOGINS:
        assert login.email in out
    assert DEMO_PASSWORD in out


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
