"""The rollups the engine reads stay equal to the logs through every kind of write."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from activities import services as activity_services
from activities.models import Activity
from activities.tests.test_series import _fields as series_fields
from core.permissions import access_for_user
from figures import engine, rollups
from figures.models import ActivityMonth, HourYear, PeopleYear
from hours.models import HourEntry
from tests.factories import ActivityFactory, ProjectFactory
from volunteers.models import Volunteer


@pytest.fixture
def project(world):
    return ProjectFactory(centre=world.centre)


def _volunteer(world) -> Volunteer:
    return Volunteer.objects.system().create(
        centre=world.centre, first_name="Kari", last_name="Frivillig", email="kari@example.org"
    )


def test_it_counts_a_series_written_in_bulk(world, project):
    access = access_for_user(world.coordinator)
    activity_services.series_save(
        actor=access,
        centre_id=world.centre.pk,
        fields={**series_fields(project), "is_public": False},
    )
    bucket = ActivityMonth.objects.get(project=project, year=2025, month=1)
    assert (bucket.logged, bucket.held) == (4, 4)
    assert rollups.verify(centre_ids=[world.centre.pk]) == []


def test_it_follows_an_edit_from_one_month_and_project_to_another(world, project):
    other = ProjectFactory(centre=world.centre)
    activity = ActivityFactory(
        centre=world.centre, project=project, date=dt.date(2025, 3, 4), participants=9
    )
    activity.project = other
    activity.date = dt.date(2025, 4, 1)
    activity.cancelled = True
    activity.save()
    assert ActivityMonth.objects.get(project=project, year=2025, month=3).logged == 0
    moved = ActivityMonth.objects.get(project=other, year=2025, month=4)
    assert (moved.logged, moved.held, moved.cancelled, moved.participants) == (1, 0, 1, 0)
    activity.delete()
    assert rollups.verify(centre_ids=[world.centre.pk]) == []


def test_it_counts_approved_hours_only_and_follows_a_deleted_project(world, project):
    volunteer = _volunteer(world)
    entry = HourEntry.objects.system().create(
        centre=world.centre,
        volunteer=volunteer,
        project=project,
        description="Kafé",
        date=dt.date(2025, 5, 2),
        hours=Decimal("2.50"),
    )
    assert not HourYear.objects.filter(volunteer=volunteer, entries__gt=0).exists()
    entry.status = HourEntry.Status.APPROVED
    entry.save(update_fields=["status"])
    bucket = HourYear.objects.get(volunteer=volunteer, project_key=project.pk, year=2025)
    assert (bucket.hours, bucket.entries) == (Decimal("2.50"), 1)
    project.delete()  # the entry's project is set to none by an UPDATE (no save signal)
    assert HourYear.objects.get(volunteer=volunteer, project_key=0, year=2025).entries == 1
    assert rollups.verify(centre_ids=[world.centre.pk]) == []


def test_it_leaves_the_sums_alone_when_a_save_changes_nothing_counted(
    world, project, django_assert_num_queries
):
    activity = ActivityFactory(centre=world.centre, project=project, date=dt.date(2025, 3, 4))
    activity.note = "Fint vær"
    with django_assert_num_queries(1):
        activity.save(update_fields=["note"])


def test_a_write_that_bypasses_save_is_found_and_repaired(world, project):
    ActivityFactory(centre=world.centre, project=project, date=dt.date(2025, 3, 4), participants=5)
    Activity.objects.system().filter(project=project).update(participants=8)
    assert len(rollups.verify(centre_ids=[world.centre.pk])) == 1
    with pytest.raises(CommandError):
        call_command("verify_figures")
    call_command("verify_figures", "--repair")
    assert rollups.verify() == []
    assert ActivityMonth.objects.get(project=project, year=2025, month=3).participants == 8


def test_the_engine_reads_the_running_month_from_the_log(world, project):
    today = dt.date(2025, 3, 15)
    ActivityFactory(centre=world.centre, project=project, date=dt.date(2025, 3, 10))
    ActivityFactory(centre=world.centre, project=project, date=dt.date(2025, 3, 20))  # planned
    ActivityFactory(centre=world.centre, project=project, date=dt.date(2025, 2, 10))
    scope = engine.Scope.of_centre(world.centre)
    figures = engine.compute(scope, years=[2025], today=today)
    assert figures.get("activities.held", 2025) == 2
    months = engine.months(scope, year=2025, today=today)
    assert [m.activities for m in months[:4]] == [0, 1, 1, 0]
    assert engine.years_with_hours(scope, today=today) == [2025]


def _hours(world, volunteer, project, day: dt.date, hours: str = "2.00", approved: bool = True):
    return HourEntry.objects.system().create(
        centre=world.centre,
        volunteer=volunteer,
        project=project,
        description="Kafé",
        date=day,
        hours=Decimal(hours),
        status=HourEntry.Status.APPROVED if approved else HourEntry.Status.PENDING,
    )


def _centre_year(world, year: int) -> tuple:
    row = PeopleYear.objects.filter(centre=world.centre, year=year).first()
    return (row.people, row.hours, row.entries) if row else (0, Decimal(0), 0)


def test_it_counts_each_volunteer_with_hours_once_per_centre_and_year(world, project):
    kari = _volunteer(world)
    ola = Volunteer.objects.system().create(
        centre=world.centre, first_name="Ola", last_name="Frivillig", email="ola@example.org"
    )
    other = ProjectFactory(centre=world.centre)
    first = _hours(world, kari, project, dt.date(2025, 5, 2), "2.50")
    _hours(world, kari, other, dt.date(2025, 6, 2), "1.00")  # another project: still one
    _hours(world, kari, None, dt.date(2025, 7, 2), "1.00")  # no project: still one
    pending = _hours(world, ola, project, dt.date(2025, 5, 3), approved=False)
    assert _centre_year(world, 2025) == (1, Decimal("4.50"), 3)
    pending.status = HourEntry.Status.APPROVED
    pending.save(update_fields=["status"])
    assert _centre_year(world, 2025) == (2, Decimal("6.50"), 4)
    first.date = dt.date(2024, 12, 31)  # to another year: counted there, still here
    first.save()
    assert _centre_year(world, 2024) == (1, Decimal("2.50"), 1)
    assert _centre_year(world, 2025) == (2, Decimal("4.00"), 3)
    pending.volunteer = kari  # to another volunteer: Ola has none left
    pending.save()
    assert _centre_year(world, 2025) == (1, Decimal("4.00"), 3)
    pending.status = HourEntry.Status.REJECTED
    pending.save()
    assert _centre_year(world, 2025) == (1, Decimal("2.00"), 2)
    HourEntry.objects.system().filter(volunteer=kari, date__year=2025).delete()
    assert _centre_year(world, 2025) == (0, Decimal(0), 0)
    project.delete()  # the hour buckets are rebuilt: the centres' years with them
    assert _centre_year(world, 2024) == (1, Decimal("2.50"), 1)
    assert rollups.verify(centre_ids=[world.centre.pk]) == []


def test_a_wrong_centre_year_is_found_and_rebuilt(world, project):
    _hours(world, _volunteer(world), project, dt.date(2025, 5, 2))
    PeopleYear.objects.filter(centre=world.centre, year=2025).update(people=5)
    differences = rollups.verify(centre_ids=[world.centre.pk])
    assert len(differences) == 1 and differences[0].startswith("people")
    rollups.rebuild(centre_ids=[world.centre.pk])
    assert _centre_year(world, 2025) == (1, Decimal("2.00"), 1)
    PeopleYear.objects.all().delete()
    assert rollups.verify(centre_ids=[world.centre.pk], repair=True)
    assert rollups.verify() == []


def test_the_engine_reads_the_volunteers_with_hours_of_the_centres_years(world, project):
    kari = _volunteer(world)
    _hours(world, kari, project, dt.date(2025, 5, 2), "2.50")
    _hours(world, kari, None, dt.date(2025, 6, 2), "1.00")
    scope = engine.Scope.of_centres([world.centre])
    figures = engine.compute(scope, years=None, today=dt.date(2025, 12, 1))
    assert figures.years == [2025]
    assert figures.get("volunteers.with_own_hours", 2025) == 1
    assert figures.get("volunteer_hours.own", 2025) == Decimal("3.50")
    # The same from the buckets (a project's scope reads them, not the centres' years).
    project_figures = engine.compute(
        engine.Scope.of_project(project), years=[2025], today=dt.date(2025, 12, 1)
    )
    assert project_figures.get("volunteers.with_own_hours", 2025) == 1
    assert project_figures.get("volunteer_hours.own", 2025) == Decimal("2.50")
