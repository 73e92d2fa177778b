"""The disagreements found on the demo data (issue "One figures engine", points 1-7), each
read again on the demo as a new user would see it: every surface gives the engine's figure.

The demo is seeded once for the module (it takes a few seconds); each test reads it.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import module_rows, module_transaction
from core.models import Centre, User
from demo.seed import seed
from figures import engine
from figures.catalogue import format_value
from figures.presenters import year_progress
from figures.targets import percent_of_target
from projects.models import Project, YearTarget
from reports import figures as report_figures
from reports.rendering import ReportParams, render_html

FIGURE = re.compile(r'<span data-figure="([a-z_.]+)">([^<]*)</span>')


def _shown(html: str, key: str) -> list[str]:
    return [_folded(text) for found, text in FIGURE.findall(html) if found == key]


def _folded(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    # Tests ask for `db` too: with it the test database exists before this module's seeding.
    with module_transaction(django_db_blocker):
        with module_rows(django_db_blocker):
            seed()
            centre = Centre.objects.get(slug="fjordvik")
        yield centre


@pytest.fixture
def coordinator(db, client, demo):
    client.force_login(User.objects.get(email="koordinator@fjordvik.example"))
    return client


def _years():
    this_year = timezone.localdate().year
    return this_year - 1, this_year


def test_1_the_public_page_and_the_api_give_the_reports_total_hours(db, client, demo, coordinator):
    last_year, this_year = _years()
    today = timezone.localdate()
    figures = engine.compute(engine.Scope.of_centre(demo), years=[this_year], today=today)
    total = figures.get("volunteer_hours.total", this_year)
    text = _folded(format_value("volunteer_hours.total", total))
    hours_page = coordinator.get(reverse("reports:hours")).content.decode()
    assert _shown(hours_page, "volunteer_hours.total")[0] == text
    client.logout()
    public = client.get(reverse("public:centre", args=[demo.slug])).content.decode()
    assert _shown(public, "volunteer_hours.total") == [text]
    # The part on activities is shown only as a part, next to the total.
    assert "(en del av totalen)" in public
    api = client.get(f"/api/v1/centres/{demo.slug}/figures").json()
    assert api["volunteer_hours_total"] == float(total)
    assert api["volunteer_hours_on_activities"] == float(
        figures.get("volunteer_hours.on_activities", this_year)
    )


def test_2_the_annual_report_and_the_dashboard_give_the_same_share_of_a_target(db, demo):
    last_year, this_year = _years()
    today = timezone.localdate()
    steg = Project.objects.get(slug="steg-for-steg")
    for year in (last_year, this_year):
        annual = report_figures.annual_figures(centre=demo, year=year, today=today)
        dashboard = year_progress(project=steg, year=year, today=today)
        rows = [row for row in annual.target_rows if row.project == steg.name]
        assert rows, "Steg for Steg's targets are in the centre's report"
        for row in rows:
            assert row.metric.percent == dashboard.metric(row.key).percent, (year, row.key)
            assert row.metric.done == dashboard.metric(row.key).done
        # The hours target is compared with the hours on the project's activities only.
        hours = next(r for r in rows if r.key == "volunteer_hours.on_activities")
        centre_total = engine.compute(engine.Scope.of_centre(demo), years=[year], today=today).get(
            "volunteer_hours.total", year
        )
        assert hours.metric.done != centre_total


def test_3_averages_divide_by_the_activities_whose_participants_were_counted(db, demo):
    _last_year, this_year = _years()
    today = timezone.localdate()
    annual = report_figures.annual_figures(centre=demo, year=this_year, today=today)
    for project in Project.objects.filter(centre=demo, activities__isnull=False).distinct():
        figures = engine.compute(engine.Scope.of_project(project), years=[this_year], today=today)
        row = next((r for r in annual.by_project if r.label == project.name), None)
        if row is None:
            continue
        assert row.average == figures.get("participants.average", this_year), project.name


def test_4_a_whole_period_plan_is_compared_with_the_whole_period(db, demo):
    last_year, this_year = _years()
    today = timezone.localdate()
    veien = Project.objects.get(slug="veien-til-et-helt-vanlig-liv")
    final = report_figures.final_figures(centre=demo, project=veien, year=this_year, today=today)
    # The plan (210 persons) is for the whole period, set against the whole period's reach.
    assert final.planned_reach == 210
    assert final.reach_counted_percent == percent_of_target(final.reach.counted, 210)
    assert final.reach_reported_percent == percent_of_target(final.reach.reported, 210)
    # A year's reach is set against that year's own target, never against the period's plan.
    for year in (last_year, this_year):
        annual = report_figures.annual_figures(centre=demo, year=year, project=veien, today=today)
        target = YearTarget.objects.filter(project=veien, year=year).first()
        for row in annual.target_rows:
            if row.key == "persons_reached.total":
                assert row.metric.target == (target.persons_reached if target else None)


def test_5_a_past_year_counts_its_stock_on_its_last_day(db, demo):
    last_year, this_year = _years()
    today = timezone.localdate()
    figures = engine.compute(
        engine.Scope.of_centre(demo), years=[last_year, this_year], today=today
    )
    # Volunteers gave approved hours last year: some were registered at its end.
    assert figures.get("volunteer_hours.own", last_year) > 0
    assert figures.get("volunteers.registered", last_year) > 0
    # Not every association of the registry is new this year.
    assert figures.get("associations.new", this_year) < figures.get(
        "associations.registered", this_year
    )
    last = report_figures.annual_figures(centre=demo, year=last_year, today=today)
    assert last.volunteers.registered == figures.get("volunteers.registered", last_year)
    assert last.associations.total == figures.get("associations.registered", last_year)


def test_6_one_rounding_on_the_hours_page_and_in_the_annual_report(db, demo, coordinator):
    _last_year, this_year = _years()
    today = timezone.localdate()
    figures = engine.compute(engine.Scope.of_centre(demo), years=[this_year], today=today)
    report = render_html(ReportParams(centre=demo, kind="annual", year=this_year))
    page = coordinator.get(reverse("reports:hours")).content.decode()
    for key in ("volunteer_hours.total", "volunteer_hours.on_activities", "fte.total"):
        text = _folded(format_value(key, figures.get(key, this_year)))
        assert text in _shown(page, key)
        # (A centre's report also sets each project's own hours against its target.)
        assert text in _shown(report, key), key
        if key != "volunteer_hours.on_activities":
            assert set(_shown(report, key)) == {text}, key


def test_7_a_finished_year_says_reached_or_not_without_pace_or_forecast(db, demo, coordinator):
    last_year, _this_year = _years()
    steg = Project.objects.get(slug="steg-for-steg")
    page = coordinator.get(
        reverse("activities:dashboard"), {"project": steg.pk, "year": last_year}
    ).content.decode()
    assert "Bak tempoet" not in page
    assert "Prognose" not in page
    assert "nådd" in page.lower()
