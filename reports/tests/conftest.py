import datetime as dt
from decimal import Decimal

import factory
import pytest
from django.core.files.base import ContentFile

from activities.models import Activity
from activities.signals import activities_bulk_created
from reports.models import ReportJob
from tests import factories as f

from .factories import ReportJobFactory

YEAR = 2025


def log_activities(project, *, count: int, participants: int, year: int = YEAR, **extra):
    """`count` activities spread over the year whose participants add up to `participants`,
    written in one insert with the signal that keeps the figures' rollups, as a series writes
    its occurrences (activities.services): one save per row made `project_231` half a second."""
    category = extra.pop("category", None) or f.ActivityCategoryFactory()
    base, rest = divmod(participants, count)
    activities = f.ActivityFactory.build_batch(
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
    Activity.objects.bulk_create(activities)
    activities_bulk_created.send(sender=Activity, activities=activities)


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


@pytest.fixture
def year_records(world, project_231):
    """The rest of the year's records around `project_231`, each with a decoy that must not count.

    - 21 activities with 10 new participants each: 210 persons reached (target 210).
    - Approved hours volunteers logged themselves: 12,5 + 12,5 + 13 = 38 (two volunteers);
      pending, rejected and last year's hours do not count. With the 462 activity hours: 500.
    - Two matches started in the year; a proposed one and last year's do not count.
    - A partner with an agreement in the year (and one whose agreement ended the year before).
    - Grants: 650 000 granted of 750 000 applied in the year, 600 000 the year before.
    - Outcome counters: 35 had contact with a time-giver, about 70 lunches (20 the year before).
    """
    from activities.models import Activity
    from activities.tests.factories import GrantFactory, OutcomeCounterFactory, PartnerFactory
    from hours.models import HourEntry
    from tasks.models import Match
    from volunteers.tests.factories import HourEntryFactory, MatchFactory

    first = list(
        Activity.objects.filter(project=project_231, date__year=YEAR)
        .order_by("date")
        .values_list("pk", flat=True)[:21]
    )
    for activity in Activity.objects.filter(pk__in=first):
        activity.participants_new = 10
        activity.save(update_fields=["participants_new"])

    kari, per = f.VolunteerFactory.create_batch(2, centre=world.centre)
    for volunteer, hours in ((kari, "12.5"), (kari, "12.5"), (per, "13")):
        HourEntryFactory(volunteer=volunteer, date=dt.date(YEAR, 5, 1), hours=Decimal(hours))
    HourEntryFactory(volunteer=per, date=dt.date(YEAR, 6, 1), hours=Decimal(7), status="pending")
    HourEntryFactory(
        volunteer=per, date=dt.date(YEAR, 6, 2), hours=Decimal(5), status=HourEntry.Status.REJECTED
    )
    HourEntryFactory(volunteer=kari, date=dt.date(YEAR - 1, 6, 1), hours=Decimal(9))

    for volunteer in (kari, per):
        MatchFactory(centre=world.centre, volunteer=volunteer, started_on=dt.date(YEAR, 3, 1))
    MatchFactory(centre=world.centre, volunteer=kari, status=Match.Status.PROPOSED)
    MatchFactory(centre=world.centre, volunteer=per, started_on=dt.date(YEAR - 1, 3, 1))

    PartnerFactory(
        project=project_231,
        name="NAV Fjordvik",
        role="Henviser deltakere",
        agreement_start=dt.date(YEAR - 1, 1, 1),
    )
    PartnerFactory(
        project=project_231,
        name="Gammel partner",
        agreement_start=dt.date(YEAR - 2, 1, 1),
        agreement_end=dt.date(YEAR - 1, 12, 31),
    )
    GrantFactory(
        project=project_231,
        year=YEAR,
        funder="Helsedirektoratet",
        applied_nok=750_000,
        granted_nok=650_000,
    )
    GrantFactory(
        project=project_231,
        year=YEAR - 1,
        funder="Helsedirektoratet",
        applied_nok=700_000,
        granted_nok=600_000,
    )
    OutcomeCounterFactory(
        project=project_231, year=YEAR, name="Hadde kontakt med en tidgiver", value=35
    )
    OutcomeCounterFactory(
        project=project_231, year=YEAR, name="Lunsjer servert", value=70, is_approximate=True
    )
    OutcomeCounterFactory(
        project=project_231, year=YEAR - 1, name="Hadde kontakt med en tidgiver", value=20
    )
    return project_231
