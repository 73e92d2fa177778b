"""The rota pages: the coordinator's rotas and shifts, the volunteer's open shifts and tasks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import District
from rotas import selectors as rota_selectors
from rotas.models import Rota, Shift, ShiftSignup
from tasks.models import Match, Task
from tests import factories as f
from volunteers.tests.factories import (
    InterestFactory,
    RotaFactory,
    ShiftFactory,
    ShiftSignupFactory,
    TaskFactory,
)


@pytest.fixture(autouse=True)
def english(client, settings):
    """Pages in English (the msgids), whatever the catalogues say."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def login(login, settings):
    """The shared `login`, keeping the pages in English (logging out clears the cookies)."""

    def _login(user):
        client = login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return _login


def test_it_lets_the_coordinator_make_a_rota_and_a_weekly_shift(world, login):
    client = login(world.coordinator)
    response = client.post(
        reverse("volunteers:rota_create"),
        {"title": "Kafé tirsdag", "signup_closes_hours": "24", "is_active": "on"},
    )
    rota = Rota.objects.system().get(title="Kafé tirsdag")
    assert response.url == reverse("volunteers:rota_detail", args=[rota.pk])
    next_tuesday = timezone.localdate() + dt.timedelta(
        days=(1 - timezone.localdate().weekday()) % 7 + 7
    )

    response = client.post(
        reverse("volunteers:rota_detail", args=[rota.pk]),
        {
            "first_day": next_tuesday,
            "starts": "11:00",
            "ends": "14:00",
            "capacity": "2",
            "weeks": "4",
        },
    )

    shifts = list(Shift.objects.system().filter(rota=rota))
    assert response.status_code == 302
    assert len(shifts) == 4
    assert {timezone.localtime(s.starts_at).weekday() for s in shifts} == {1}
    assert {(s.hours, s.capacity, s.centre_id) for s in shifts} == {(3, 2, world.centre.pk)}


def test_it_names_a_shift_that_ends_before_it_starts(world, login):
    rota = RotaFactory(centre=world.centre)
    response = login(world.coordinator).post(
        reverse("volunteers:rota_detail", args=[rota.pk]),
        {
            "first_day": "2030-01-01",
            "starts": "14:00",
            "ends": "11:00",
            "capacity": "2",
            "weeks": "1",
        },
    )
    assert response.status_code == 200
    assert "The shift ends before it starts." in response.content.decode()
    assert not Shift.objects.system().exists()


def _rota_with_shifts(world, count):
    rota = RotaFactory(centre=world.centre)
    for _ in range(count):
        shift = ShiftFactory(rota=rota)
        ShiftSignupFactory(shift=shift, volunteer=f.VolunteerFactory(centre=world.centre))
        ShiftSignupFactory(
            shift=shift,
            volunteer=f.VolunteerFactory(centre=world.centre),
            status=ShiftSignup.Status.WAITING,
        )
    return rota


@pytest.mark.parametrize("count", [1, 6])
def test_the_rota_page_reads_a_fixed_number_of_queries(
    world, login, django_assert_num_queries, count
):
    rota = _rota_with_shifts(world, count)
    client = login(world.coordinator)
    client.get(reverse("volunteers:rota_detail", args=[rota.pk]))  # warm the session

    with django_assert_num_queries(5):
        response = client.get(reverse("volunteers:rota_detail", args=[rota.pk]))
    assert response.content.decode().count('class="card shift-card"') == count


def test_the_coordinator_puts_a_volunteer_on_and_holds_the_shift(world, login):
    start = timezone.now() - dt.timedelta(hours=3)
    shift = ShiftFactory(
        rota=RotaFactory(centre=world.centre),
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )
    client = login(world.coordinator)

    client.post(
        reverse("volunteers:shift_add_volunteer", args=[shift.pk]),
        {"volunteer": world.volunteer.pk},
    )
    client.post(reverse("volunteers:shift_hold", args=[shift.pk]))

    signup = ShiftSignup.objects.system().get(shift=shift)
    assert signup.hour_entry.hours == 2
    page = client.get(reverse("volunteers:shift_detail", args=[shift.pk])).content.decode()
    assert "and the hours were logged" in page


# --- The volunteer's side -----------------------------------------------------------------------


@pytest.fixture
def fitting(world):
    """A district and an interest the volunteer has, and needs that fit or do not."""
    district = District.objects.create(municipality=world.municipality, name="Sentrum")
    elsewhere = District.objects.create(municipality=world.municipality, name="Nord")
    interest = InterestFactory()
    world.volunteer.district = district
    world.volunteer.save()
    world.volunteer.interests.set([interest])
    return district, elsewhere, interest


def test_the_volunteer_sees_the_shifts_and_tasks_that_fit(world, login, fitting):
    district, elsewhere, interest = fitting
    ShiftFactory(rota=RotaFactory(centre=world.centre, title="Kafé", district=district))
    ShiftFactory(rota=RotaFactory(centre=world.centre, title="Nordkafé", district=elsewhere))
    ShiftFactory(
        rota=RotaFactory(centre=world.centre, title="Attestvakt", needs_police_certificate=True)
    )
    ShiftFactory(rota=RotaFactory(centre=world.centre, title="Stengt", is_active=False))
    ShiftFactory(rota=RotaFactory(centre=world.other_centre, title="Annen sentral"))
    wanted = TaskFactory(centre=world.centre, title="Leksehjelp")
    wanted.interests.set([interest])
    TaskFactory(centre=world.centre, title="Fullt oppdrag", volunteers_needed=1)
    Match.objects.create(
        centre=world.centre,
        task=Task.objects.system().get(title="Fullt oppdrag"),
        volunteer=world.other_volunteer,
        status=Match.Status.ACTIVE,
    )
    other_interest = TaskFactory(centre=world.centre, title="Snekring")
    other_interest.interests.set([InterestFactory()])

    page = login(world.volunteer_user).get(reverse("volunteers:open_needs")).content.decode()

    assert "Kafé" in page and "Leksehjelp" in page
    for hidden in (
        "Nordkafé",
        "Attestvakt",
        "Stengt",
        "Annen sentral",
        "Fullt oppdrag",
        "Snekring",
    ):
        assert hidden not in page


@pytest.mark.parametrize("count", [1, 8])
def test_the_open_page_reads_a_fixed_number_of_queries(
    world, login, django_assert_num_queries, count
):
    for _ in range(count):
        ShiftSignupFactory(
            shift=ShiftFactory(rota=RotaFactory(centre=world.centre)), volunteer=world.volunteer
        )
        ShiftFactory(rota=RotaFactory(centre=world.centre))
        TaskFactory(centre=world.centre).interests.set([InterestFactory()])
    client = login(world.volunteer_user)
    client.get(reverse("volunteers:open_needs"))

    with django_assert_num_queries(15):
        client.get(reverse("volunteers:open_needs"))


def test_a_volunteer_signs_up_and_cancels_on_the_page(world, login):
    shift = ShiftFactory(rota=RotaFactory(centre=world.centre), capacity=1)
    ShiftSignupFactory(shift=shift, volunteer=world.other_volunteer)
    client = login(world.volunteer_user)

    response = client.post(reverse("volunteers:shift_sign_up", args=[shift.pk]), follow=True)

    signup = ShiftSignup.objects.system().get(volunteer=world.volunteer)
    assert signup.status == ShiftSignup.Status.WAITING
    assert "you are on the waiting list" in response.content.decode()
    client.post(reverse("volunteers:signup_cancel", args=[signup.pk]))
    signup.refresh_from_db()
    assert signup.status == ShiftSignup.Status.CANCELLED


def test_a_volunteer_cannot_cancel_someone_elses_sign_up(world, login):
    signup = ShiftSignupFactory(
        shift=ShiftFactory(rota=RotaFactory(centre=world.centre)), volunteer=world.other_volunteer
    )
    response = login(world.volunteer_user).post(
        reverse("volunteers:signup_cancel", args=[signup.pk])
    )
    assert response.status_code == 404


def test_a_volunteer_says_they_are_interested_in_a_task(world, login):
    world.centre.email = "post@fjordvik.example"
    world.centre.save()
    task = TaskFactory(centre=world.centre)
    client = login(world.volunteer_user)

    client.post(reverse("volunteers:task_interest", args=[task.pk]))

    match = Match.objects.system().get(task=task)
    assert (match.volunteer, match.status) == (world.volunteer, Match.Status.PROPOSED)
    page = client.get(reverse("volunteers:open_needs")).content.decode()
    assert task.title not in page


def test_an_applicant_sees_no_open_needs_yet(world, login):
    world.volunteer.status = "applicant"
    world.volunteer.save()
    ShiftFactory(rota=RotaFactory(centre=world.centre, title="Kafé"))
    page = login(world.volunteer_user).get(reverse("volunteers:open_needs")).content.decode()
    assert "once the coordinator has approved you" in page and "Kafé" not in page


def test_my_page_shows_my_approved_hours_per_year(world, login):
    from volunteers.tests.factories import HourEntryFactory

    HourEntryFactory(volunteer=world.volunteer, hours=2, date=dt.date(2025, 3, 1))
    HourEntryFactory(volunteer=world.volunteer, hours="1.5", date=dt.date(2025, 4, 1))
    HourEntryFactory(volunteer=world.volunteer, hours=4, date=dt.date(2025, 4, 1), status="pending")
    HourEntryFactory(volunteer=world.other_volunteer, hours=9, date=dt.date(2025, 4, 1))

    page = login(world.volunteer_user).get(reverse("volunteers:me")).content.decode()

    # Pending hours and other people's hours are left out.
    assert '<dt>2025</dt><dd><span data-figure="volunteer_hours.own">3.5</span> hours</dd>' in page


def test_the_demo_volunteer_finds_open_shifts_and_held_shifts_have_hours(client, db):
    from core.models import User
    from demo.seed import seed

    seed(today=timezone.localdate())
    client.force_login(User.objects.get(email="frivillig@fjordvik.example"))

    page = client.get(reverse("volunteers:open_needs")).content.decode()

    assert page.count('class="card shift-card"') >= 3
    assert "Kafé tirsdag" in page and "Utlånssentralen" in page
    held = Shift.objects.system().filter(held_at__isnull=False)
    assert held.exists()
    assert all(s.hour_entry_id for s in ShiftSignup.objects.system().filter(shift__in=held))


def test_the_coordinator_changes_the_places_on_the_shift_page(world, login):
    shift = ShiftFactory(rota=RotaFactory(centre=world.centre), capacity=1)
    ShiftSignupFactory(shift=shift, volunteer=world.volunteer)
    waiting = ShiftSignupFactory(
        shift=shift, volunteer=world.other_volunteer, status=ShiftSignup.Status.WAITING
    )

    response = login(world.coordinator).post(
        reverse("volunteers:shift_capacity", args=[shift.pk]), {"capacity": "2"}, follow=True
    )

    waiting.refresh_from_db()
    assert waiting.status == ShiftSignup.Status.CONFIRMED
    assert "1 volunteer moved up" in response.content.decode()


def test_the_coordinators_start_page_counts_the_shifts_with_free_places(world, login):
    rota = RotaFactory(centre=world.centre)
    soon = timezone.now() + dt.timedelta(days=2)
    gap = ShiftFactory(rota=rota, starts_at=soon, ends_at=soon + dt.timedelta(hours=2), capacity=2)
    ShiftSignupFactory(shift=gap, volunteer=world.volunteer)
    full = ShiftFactory(rota=rota, starts_at=soon, ends_at=soon + dt.timedelta(hours=2), capacity=1)
    ShiftSignupFactory(shift=full, volunteer=world.other_volunteer)
    later = timezone.now() + dt.timedelta(days=10)  # beyond the week: not counted
    ShiftFactory(rota=rota, starts_at=later, ends_at=later + dt.timedelta(hours=1))
    ShiftFactory(
        rota=RotaFactory(centre=world.other_centre),
        starts_at=soon,
        ends_at=soon + dt.timedelta(hours=1),
    )

    from core.permissions import access_for_user

    count = rota_selectors.shifts_with_free_places(
        access=access_for_user(world.coordinator),
        since=timezone.now(),
        until=timezone.now() + dt.timedelta(days=7),
    )
    page = login(world.coordinator).get(reverse("core:home")).content.decode()

    assert count == 1
    assert "shifts with free places within a week" in page


@pytest.mark.parametrize(
    "name",
    [
        "rotas_rota",
        "rotas_shift",
        "rotas_shiftsignup",
        "notifications_delivery",
    ],
)
def test_the_site_admin_lists_rotas_shifts_and_reminders(world, login, name):
    ShiftSignupFactory(shift=ShiftFactory(rota=RotaFactory(centre=world.centre)))
    response = login(world.site_admin).get(reverse(f"admin:{name}_changelist"))
    assert response.status_code == 200
