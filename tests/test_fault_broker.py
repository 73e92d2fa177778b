"""Faults: Redis (the report queue) is down. Report requests are refused with a clear message,
the job is never left "queued", and the rest of the application keeps working."""

import pytest
from django.urls import reverse

from frivillig.celery import app
from reports import services
from reports.models import ReportJob
from tests.factories import access_of

CLOSED_PORT_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def _reset_pools():
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker_down(settings, monkeypatch):
    """A real publish against a broker that refuses connections (task_always_eager off)."""
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    monkeypatch.setenv("CELERY_BROKER_URL", CLOSED_PORT_BROKER)  # Celery reads it first
    settings.CELERY_BROKER_URL = CLOSED_PORT_BROKER
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.broker_url = CLOSED_PORT_BROKER
    app.conf.task_always_eager = False
    _reset_pools()
    yield
    monkeypatch.undo()
    app.conf.update(saved)
    _reset_pools()


def test_it_refuses_a_report_request_with_a_clear_message_when_redis_is_down(
    transactional_db, world, login, broker_down
):
    # Real commits, so the job is published when the request's transaction commits.
    client = login(world.coordinator)
    response = client.post(
        reverse("reports:create"),
        {"kind": "annual", "year": 2025, "project": "", "language": "nb"},
        follow=True,
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Rapportkøen er ikke tilgjengelig akkurat nå" in page
    job = ReportJob.objects.get()
    assert job.status == ReportJob.Status.FAILED  # never stuck "queued"
    assert "rapportkøen" in job.error
    assert job.finished_at is not None


def test_a_refused_job_does_not_block_a_new_request_once_redis_is_back(
    world, broker_down, django_capture_on_commit_callbacks
):
    with pytest.raises(services.ReportQueueUnavailable):
        with django_capture_on_commit_callbacks(execute=True):
            services.report_request(
                actor=access_of(world.coordinator), centre=world.centre, kind="annual", year=2025
            )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job, created = services.report_request(
            actor=access_of(world.coordinator), centre=world.centre, kind="annual", year=2025
        )
    assert created
    assert job.status == ReportJob.Status.QUEUED
    assert len(callbacks) == 1


def test_other_pages_keep_working_while_redis_is_down(world, login, broker_down):
    client = login(world.coordinator)
    for name in ("core:home", "organisations:list", "volunteers:list", "reports:list"):
        assert client.get(reverse(name)).status_code == 200, name
    assert (
        client.get(reverse("organisations:detail", args=[world.organisation.pk])).status_code == 200
    )
    preview = client.get(
        reverse("reports:preview"), {"kind": "annual", "year": 2025, "language": "nb"}
    )
    assert preview.status_code in {200, 400}  # the preview renders in the request, no queue
