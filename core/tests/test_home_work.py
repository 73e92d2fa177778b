"""The start page as the day's work: what waits for the coordinator now, each one click from
where it is done; the municipality viewer's start page with its centres' figures."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hours.models import HourEntry
from reports.tests.factories import ReportJobFactory
from tests.factories import (
    ActivityFactory,
    OrganisationFactory,
    ProjectFactory,
    VolunteerFactory,
    YearTargetFactory,
)
from volunteers.models import Volunteer
from volunteers.tests.factories import HourEntryFactory, MatchFactory, TaskFactory


def _work(world, login) -> dict[str, object]:
    response = login(world.coordinator).get(reverse("core:home"))
    assert response.status_code == 200
    return {item.url: item for item in response.context["work"]}


def _make_everything_wait(world, size: int = 1) -> None:
    today = timezone.localdate()
    for _ in range(size):
        VolunteerFactory(centre=world.centre, status=Volunteer.Status.APPLICANT)
        HourEntryFactory(volunteer=world.volunteer, status=HourEntry.Status.PENDING)
        MatchFactory(
            task=TaskFactory(centre=world.centre),
            volunteer=world.other_volunteer,
            next_follow_up_on=today + dt.timedelta(days=3),
        )
        OrganisationFactory(centre=world.centre, confirmed_at=None)
        ActivityFactory(
            project=ProjectFactory(centre=world.centre),
            date=today - dt.timedelta(days=2),
            participants=None,
        )
        ReportJobFactory(centre=world.centre, finished_at=timezone.now())
    behind = ProjectFactory(centre=world.centre, name="Steg for Steg")
    # A target nobody can reach at this pace: one activity so far against 10 000.
    YearTargetFactory(project=behind, year=today.year, activities=10_000)
    ActivityFactory(project=behind, date=today, participants=4)


def test_it_lists_what_waits_each_with_the_link_where_it_is_done(world, login):
    _make_everything_wait(world)
    work = _work(world, login)
    assert work[reverse("volunteers:list") + "?status=applicant"].count == 1
    assert work[reverse("volunteers:hours_pending")].count == 1
    assert work[reverse("volunteers:task_list")].count == 1
    assert work[reverse("organisations:list") + "?stale=on"].count == 1
    assert work[reverse("activities:counts")].count == 1
    assert work[reverse("reports:list")].count == 1
    off_pace = work[reverse("activities:dashboard")]
    assert off_pace.count == 1
    assert "Steg for Steg" in off_pace.text


def test_it_counts_only_the_own_centres_work(world, login):
    _make_everything_wait(world, size=2)
    VolunteerFactory(centre=world.sibling_centre, status=Volunteer.Status.APPLICANT)
    HourEntryFactory(volunteer=world.foreign_volunteer, status=HourEntry.Status.PENDING)
    work = _work(world, login)
    assert work[reverse("volunteers:hours_pending")].count == 2
    assert work[reverse("volunteers:list") + "?status=applicant"].count == 2


def test_its_sentences_have_a_singular_and_a_plural(world, login):
    from django.test import RequestFactory
    from django.utils import translation

    from core.permissions import access_for_user
    from hours.startpage import work as hours_work
    from volunteers.startpage import work

    _make_everything_wait(world)
    with translation.override("en"):
        access = access_for_user(world.coordinator)
        texts = [item.text for item in work(RequestFactory().get("/start/"), access)]
    assert "sign-up waits for approval." in texts
    HourEntryFactory(volunteer=world.volunteer, status=HourEntry.Status.PENDING)
    with translation.override("en"):
        texts = [item.text for item in hours_work(RequestFactory().get("/start/"), access)]
    assert "hour entries wait for approval." in texts


def test_it_says_so_when_nothing_waits(world, login):
    world.organisation.confirmed_at = timezone.now()
    world.organisation.save()
    response = login(world.coordinator).get(reverse("core:home"))
    assert response.context["work"] == []
    assert "Needs attention now" in response.content.decode() or "Trenger" in (
        response.content.decode()
    )


def test_it_links_every_item_from_the_page(world, login):
    _make_everything_wait(world)
    response = login(world.coordinator).get(reverse("core:home"))
    page = response.content.decode()
    for item in response.context["work"]:
        assert f'href="{item.url}"' in page.replace("&amp;", "&")
        assert item.text in page


@pytest.mark.parametrize("role", ["association", "municipality_viewer", "volunteer_user"])
def test_other_roles_get_no_work_list(world, login, role):
    _make_everything_wait(world)
    response = login(getattr(world, role)).get(reverse("core:home"))
    assert response.context["work"] == []


def test_the_municipality_viewer_sees_the_years_figures_of_its_centres(world, login):
    today = timezone.localdate()
    project = ProjectFactory(centre=world.sibling_centre)
    YearTargetFactory(project=project, year=today.year, activities=40)
    ActivityFactory(project=project, date=today, participants=9)
    response = login(world.municipality_viewer).get(reverse("core:home"))
    page = response.content.decode()
    (panel,) = [p for p in response.context["panels"] if p.template.endswith("centre_figures.html")]
    names = [row.centre.name for row in panel.context["rows"]]
    assert names == ["Fjordvik frivilligsentral", "Nordbyen frivilligsentral"]
    assert "Annen frivilligsentral" not in page
    assert reverse("reports:overview") in page
    nordbyen = panel.context["rows"][1]
    assert nordbyen.activities.held == 1
    assert nordbyen.target_activities == 40


def test_the_coordinators_start_page_runs_a_fixed_number_of_queries(world, login):
    client = login(world.coordinator)
    counts = []
    for size in (1, 4):
        _make_everything_wait(world, size=size)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("core:home")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
