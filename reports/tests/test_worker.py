"""A real Celery worker against Redis renders a report end to end (PostgreSQL + Redis only)."""

import io

import pypdf
import pytest

from conftest import wait_for
from reports import services
from reports.models import ReportJob
from tests.factories import access_of

from .conftest import YEAR

pytestmark = pytest.mark.worker


def test_a_real_worker_renders_a_requested_report(celery_worker, world, project_231):
    job, created = services.report_request(
        actor=access_of(world.coordinator), centre=world.centre, kind="annual", year=YEAR
    )
    assert created

    done = wait_for(
        lambda: ReportJob.objects.filter(pk=job.pk, status__in=["done", "failed"]).first(),
        timeout=60,
    )

    assert done.status == ReportJob.Status.DONE, done.error
    assert done.started_at and done.finished_at and done.size > 1000
    with done.file.open("rb") as handle:
        text = "".join(
            page.extract_text() for page in pypdf.PdfReader(io.BytesIO(handle.read())).pages
        )
    # A centre's report: its count, and the project's row against the project's own target.
    assert "231 aktiviteter ble gjennomført" in text.replace("\xa0", " ")
    done.file.delete(save=False)
