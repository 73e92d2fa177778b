"""Weekly series: the right dates, and no duplicates when saved twice."""

import datetime as dt

import pytest
from django.urls import reverse

from activities import services
from activities.models import Activity, ActivitySeries
from core.permissions import access_for_user
from tests.factories import ActivityCategoryFactory, ProjectFactory


@pytest.fixture
def project(world):
    return ProjectFactory(centre=world.centre)


def _fields(project, **overrides):
    return {
        "project": project,
        "title": "Turgruppe",
        "category": ActivityCategoryFactory(),
        "weekday": 1,  # Tuesday
        "start_time": dt.time(11),
        "end_time": dt.time(13),
        "first_date": dt.date(2025, 1, 1),
        "last_date": dt.date(2025, 1, 31),
        "place": "",
        "organiser": None,
        **overrides,
    }


def test_it_creates_every_tuesday_between_the_dates(world, project):
    access = access_for_user(world.coordinator)
    series, created = services.series_save(
        actor=access, centre_id=world.centre.pk, fields=_fields(project)
    )
    dates = list(
        Activity.objects.filter(series=series).order_by("date").values_list("date", flat=True)
    )
    assert dates == [
        dt.date(2025, 1, 7),
        dt.date(2025, 1, 14),
        dt.date(2025, 1, 21),
        dt.date(2025, 1, 28),
    ]
    assert created == 4
    first = Activity.objects.get(series=series, date=dt.date(2025, 1, 7))
    assert (first.start_time, first.end_time, first.title) == (
        dt.time(11),
        dt.time(13),
        "Turgruppe",
    )


def test_it_includes_the_first_and_last_date_when_they_fall_on_the_weekday(world, project):
    access = access_for_user(world.coordinator)
    fields = _fields(project, first_date=dt.date(2025, 1, 7), last_date=dt.date(2025, 1, 21))
    series, created = services.series_save(actor=access, centre_id=world.centre.pk, fields=fields)
    assert created == 3
    assert series.dates() == [dt.date(2025, 1, 7), dt.date(2025, 1, 14), dt.date(2025, 1, 21)]


def test_it_creates_no_duplicates_when_saved_twice(world, project):
    access = access_for_user(world.coordinator)
    first, created_first = services.series_save(
        actor=access, centre_id=world.centre.pk, fields=_fields(project)
    )
    again, created_again = services.series_save(
        actor=access, centre_id=world.centre.pk, fields=_fields(project)
    )
    assert again.pk == first.pk
    assert (created_first, created_again) == (4, 0)
    assert ActivitySeries.objects.count() == 1
    assert Activity.objects.count() == 4


def test_it_adds_only_the_missing_dates_when_extended_and_keeps_edits(world, project):
    access = access_for_user(world.coordinator)
    series, _ = services.series_save(
        actor=access, centre_id=world.centre.pk, fields=_fields(project)
    )
    edited = Activity.objects.get(series=series, date=dt.date(2025, 1, 14))
    edited.participants = 9
    edited.cancelled = True
    edited.save()
    _, created = services.series_save(
        actor=access,
        centre_id=world.centre.pk,
        fields=_fields(project, last_date=dt.date(2025, 2, 28)),
    )
    assert created == 4  # 4, 11, 18 and 25 February
    assert Activity.objects.filter(series=series).count() == 8
    edited.refresh_from_db()
    assert (edited.participants, edited.cancelled) == (9, True)


def test_the_form_posted_twice_creates_each_date_once(world, login, project):
    client = login(world.coordinator)
    category = ActivityCategoryFactory()
    data = {
        "project": project.pk,
        "title": "Strikkekafé",
        "category": category.pk,
        "weekday": 2,
        "start_time": "18:00",
        "end_time": "20:00",
        "first_date": "2025-03-01",
        "last_date": "2025-03-31",
    }
    for _ in range(2):
        response = client.post(reverse("activities:series_create"), data)
        assert response.status_code == 302
    dates = sorted(Activity.objects.values_list("date", flat=True))
    assert dates == [dt.date(2025, 3, d) for d in (5, 12, 19, 26)]


def test_it_rejects_a_series_that_ends_before_it_starts(world, login, project):
    client = login(world.coordinator)
    response = client.post(
        reverse("activities:series_create"),
        {
            "project": project.pk,
            "title": "Tur",
            "category": ActivityCategoryFactory().pk,
            "weekday": 1,
            "first_date": "2025-03-01",
            "last_date": "2025-02-01",
        },
    )
    assert response.status_code == 200
    assert "Siste dato må være samme dag som eller etter første dato." in response.content.decode()
    assert not Activity.objects.exists()


def test_each_occurrence_can_be_edited_on_its_own(world, login, project):
    access = access_for_user(world.coordinator)
    series, _ = services.series_save(
        actor=access, centre_id=world.centre.pk, fields=_fields(project)
    )
    occurrence = Activity.objects.get(series=series, date=dt.date(2025, 1, 21))
    client = login(world.coordinator)
    response = client.post(
        reverse("activities:edit", args=[occurrence.pk]),
        {
            "project": project.pk,
            "title": "Turgruppe (flyttet)",
            "category": occurrence.category_id,
            "date": "2025-01-22",
            "start_time": "12:00",
            "end_time": "14:00",
            "participants": "8",
            "volunteer_count": "1",
            "volunteer_hours": "2",
        },
    )
    assert response.status_code == 302
    occurrence.refresh_from_db()
    assert (occurrence.date, occurrence.title) == (dt.date(2025, 1, 22), "Turgruppe (flyttet)")
    assert (
        Activity.objects.filter(series=series)
        .exclude(pk=occurrence.pk)
        .filter(title="Turgruppe")
        .count()
        == 3
    )


def _form_data(project, **overrides):
    return {
        "project": project.pk,
        "title": "Strikkekafé",
        "category": ActivityCategoryFactory().pk,
        "weekday": 2,
        "first_date": "2025-03-01",
        "last_date": "2025-03-31",
        **overrides,
    }


def test_it_requires_rw_access(world, login, project):
    response = login(world.municipality_viewer).post(
        reverse("activities:series_create"), _form_data(project)
    )
    assert response.status_code == 403
    assert not Activity.objects.exists()


def test_it_checks_ownership(world, login, project):
    """An association user cannot create a series for another association or centre."""
    client = login(world.association)
    response = client.post(
        reverse("activities:series_create"),
        _form_data(project, organiser=world.other_organisation.pk),
    )
    assert response.status_code == 200
    foreign = ProjectFactory(centre=world.other_centre)
    response = client.post(
        reverse("activities:series_create"),
        _form_data(foreign, organiser=world.organisation.pk),
    )
    assert response.status_code == 200
    assert not Activity.objects.exists()
    response = client.post(
        reverse("activities:series_create"), _form_data(project, organiser=world.organisation.pk)
    )
    assert response.status_code == 302
    assert set(Activity.objects.values_list("organiser_id", flat=True)) == {world.organisation.pk}


def test_the_page_lists_series_and_prefills_one_to_extend(world, login, project):
    access = access_for_user(world.coordinator)
    series, _ = services.series_save(
        actor=access, centre_id=world.centre.pk, fields=_fields(project)
    )
    client = login(world.coordinator)
    page = client.get(reverse("activities:series_create"))
    assert page.context["series_list"][0].occurrence_count == 4
    form = client.get(reverse("activities:series_create"), {"series": series.pk}).context["form"]
    assert form.initial["title"] == "Turgruppe"
    assert form.initial["last_date"] == dt.date(2025, 1, 31)


def test_an_association_user_cannot_open_another_associations_series(world, login, project):
    access = access_for_user(world.coordinator)
    series, _ = services.series_save(
        actor=access,
        centre_id=world.centre.pk,
        fields=_fields(project, organiser=world.other_organisation),
    )
    client = login(world.association)
    response = client.get(reverse("activities:series_create"), {"series": series.pk})
    assert response.status_code == 404
    assert client.get(reverse("activities:series_create")).context["series_list"].count() == 0


@pytest.mark.parametrize("size", [1, 8])
def test_the_series_page_runs_a_fixed_number_of_queries(
    world, login, project, size, django_assert_num_queries
):
    access = access_for_user(world.coordinator)
    for index in range(size):
        services.series_save(
            actor=access,
            centre_id=world.centre.pk,
            fields=_fields(project, title=f"Serie {index}"),
        )
    client = login(world.coordinator)
    # session, user, series, form choices (projects, categories, organisers), and the public
    # box's defaults (the centre, the categories)
    with django_assert_num_queries(8):
        response = client.get(reverse("activities:series_create"))
    assert response.status_code == 200
