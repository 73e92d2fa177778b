"""Last year's annual evaluations without anyone asking: the January job makes each centre's
once, and the municipality sees per centre whether it is ready, being made, failed or waiting
for the coordinator's narrative, and can ask the coordinator to finish it."""

from unittest import mock

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent, Centre, OutgoingMail
from reports import rendering
from reports.models import ReportJob
from reports.tasks import queue_annual_reports

from .factories import NarrativeFactory, ReportJobFactory

YEAR = timezone.localdate().year - 1


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_january_job_makes_every_centres_report_once(
    world, django_capture_on_commit_callbacks, eager_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_annual_reports() == Centre.objects.count() == 3
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_annual_reports() == 0  # beat ran again: nothing is made twice
    jobs = ReportJob.objects.system().filter(kind="annual", year=YEAR, project__isnull=True)
    assert sorted(jobs.values_list("centre_id", flat=True)) == sorted(
        Centre.objects.values_list("pk", flat=True)
    )
    assert set(jobs.values_list("status", flat=True)) == {"done"}
    assert all(job.requested_by is None for job in jobs)


def test_a_failed_report_shows_as_failed_to_the_municipality(
    world, login, django_capture_on_commit_callbacks, eager_tasks
):
    real = rendering.render_pdf

    def fail_for_nordbyen(params, **kwargs):
        if params.centre.pk == world.sibling_centre.pk:
            raise RuntimeError("the printer caught fire")
        return real(params, **kwargs)

    with (
        mock.patch("reports.services.render_pdf", side_effect=fail_for_nordbyen),
        django_capture_on_commit_callbacks(execute=True),
    ):
        queue_annual_reports()
    NarrativeFactory(centre=world.centre, year=YEAR, is_draft=False)

    client = english(login(world.municipality_viewer))
    for url in (reverse("reports:list"), reverse("core:home")):
        page = client.get(url).content.decode()
        good = page[page.index(f'data-centre="{world.centre.pk}"') :]
        failed = page[page.index(f'data-centre="{world.sibling_centre.pk}"') :]
        assert good.startswith(f'data-centre="{world.centre.pk}" data-state="ready"')
        assert failed.startswith(f'data-centre="{world.sibling_centre.pk}" data-state="failed"')
        assert "Failed" in failed[:600]
        assert f"Ask {world.sibling_centre.name} to finish it" in failed[:2000]
        assert world.other_centre.name not in page


@pytest.mark.parametrize(
    ("status", "narrative", "state"),
    [
        ("queued", None, "being_made"),
        ("running", None, "being_made"),
        ("done", None, "waiting"),
        ("done", True, "waiting"),
        ("done", False, "ready"),
        ("failed", False, "failed"),
        (None, None, "not_made"),
    ],
)
def test_it_tells_each_state(world, status, narrative, state):
    from reports.selectors import annual_report_states

    if status:
        ReportJobFactory(centre=world.centre, year=YEAR, status=status)
    if narrative is not None:
        NarrativeFactory(centre=world.centre, year=YEAR, is_draft=narrative)
    (row,) = annual_report_states(centres=[world.centre], year=YEAR)
    assert row.state == state


def test_the_municipality_asks_the_coordinator_to_finish_and_it_is_recorded(world, login):
    ReportJobFactory(centre=world.centre, year=YEAR, status="done")
    client = english(login(world.municipality_viewer))
    url = reverse("reports:annual_ask", kwargs={"year": YEAR, "centre_pk": world.centre.pk})

    response = client.post(url)

    assert response.status_code == 302
    (mail,) = OutgoingMail.objects.filter(to=world.coordinator.email)
    assert str(YEAR) in mail.subject
    event = AuditEvent.objects.get(action="report.finish_requested")
    assert (event.actor, event.centre_id, event.data["year"]) == (
        world.municipality_viewer,
        world.centre.pk,
        YEAR,
    )
    assert "Asked " in client.get(reverse("reports:list")).content.decode()


@pytest.mark.parametrize("role", ["coordinator", "association", "volunteer_user"])
def test_only_the_municipality_asks(world, login, role):
    url = reverse("reports:annual_ask", kwargs={"year": YEAR, "centre_pk": world.centre.pk})
    assert login(getattr(world, role)).post(url).status_code == 403


def test_another_municipalitys_centre_is_not_found(world, login):
    url = reverse("reports:annual_ask", kwargs={"year": YEAR, "centre_pk": world.centre.pk})
    assert login(world.other_municipality_viewer).post(url).status_code == 404
    assert not AuditEvent.objects.filter(action="report.finish_requested").exists()
