import datetime as dt
from decimal import Decimal

import factory
import pytest
from django.core.files.base import ContentFile

from reports.models import ReportJob
from tests import factories as f

from .factories import ReportJobFactory

YEAR = 2025


@pytest.fixture(autouse=True)
def media_root(request, settings, tmp_path):
    """Rendered files go to a temporary folder (the real worker keeps its own MEDIA_ROOT)."""
    if "celery_worker" not in request.fixturenames:
        settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def log_activities(project, *, count: int, participants: int, year: int = YEAR, **extra):
    """`count` activities spread over the year whose participants add up to `participants`."""
    category = extra.pop("category", None) or f.ActivityCategoryFactory()
    base, rest = divmod(participants, count)
    f.ActivityFactory.create_batch(
        count,
        project=project,
        category=category,
        date=factory.Iterator(
            [dt.date(year, 1, 1) + dt.timedelta(days=(i * 365) // count) for i in range(count)]
        ),
        participants=factory.Iterator([base + 1] * rest + [base] * (count - rest)),
        volunteer_hours=Decimal(2),
        **extra,
    )


@pytest.fixture
def project_231(world):
    """231 activities with 2 541 participants against targets of 220 and 10 on average."""
    project = f.ProjectFactory(centre=world.centre, name="Steg for Steg", slug="steg-for-steg")
    f.YearTargetFactory(
        project=project,
        year=YEAR,
        activities=220,
        average_participants=Decimal("10.0"),
        persons_reached=210,
        volunteer_hours=1500,
    )
    log_activities(project, count=231, participants=2541)
    return project


def done_job(centre, **kwargs) -> ReportJob:
    job = ReportJobFactory(centre=centre, **kwargs)
    job.file.save("rapport.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
    job.size = 13
    job.save()
    return job


@pytest.fixture
def eager_tasks(settings):
    """Run tasks in-process even when a broker is configured (the real worker has its own test)."""
    from frivillig.celery import app

    previous = app.conf.task_always_eager
    settings.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous
