import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import DistrictFactory, VolunteerFactory
from volunteers.models import Volunteer

from .factories import BackgroundGroupFactory, InterestFactory


def _query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _add_volunteers(world, n):
    interest = InterestFactory(name="Turgåing")
    group = BackgroundGroupFactory(name="Pensjonist")
    for _ in range(n):
        v = VolunteerFactory(
            centre=world.centre, district=DistrictFactory(municipality=world.municipality)
        )
        v.interests.set([interest])
        v.background_groups.set([group])


@pytest.mark.parametrize("name", ["volunteers:list", "volunteers:detail"])
def test_it_keeps_query_counts_fixed_at_two_sizes(world, login, name, django_assert_num_queries):
    client = login(world.coordinator)
    url = reverse(name, args=[world.volunteer.pk] if name.endswith("detail") else None)
    _add_volunteers(world, 2)
    small = _query_count(client, url)
    _add_volunteers(world, 15)
    with django_assert_num_queries(small):
        client.get(url)


def test_it_filters_by_status_interest_availability_district_group_and_search(world, login):
    district = DistrictFactory(municipality=world.municipality, name="Sentrum")
    interest = InterestFactory(name="Sjåfør")
    group = BackgroundGroupFactory(name="Student")
    match = VolunteerFactory(
        centre=world.centre, last_name="Treffsen", district=district, available_evenings=True
    )
    match.interests.set([interest])
    match.background_groups.set([group])
    VolunteerFactory(centre=world.centre, last_name="Bommsen", status="paused")
    client = login(world.coordinator)
    url = reverse("volunteers:list")
    for query in [
        {"status": "active", "interests": interest.pk},
        {"availability": "evenings"},
        {"district": district.pk},
        {"background_groups": group.pk},
        {"q": "treff"},
    ]:
        page = client.get(url, query).content.decode()
        assert "Treffsen" in page, query
        assert "Bommsen" not in page, query
    assert "Bommsen" in client.get(url, {"status": "paused"}).content.decode()


def test_it_never_lists_another_centres_volunteers(world, login):
    page = login(world.coordinator).get(reverse("volunteers:list")).content.decode()
    assert world.volunteer.last_name in page
    assert world.foreign_volunteer.last_name not in page


def test_it_exports_what_the_list_shows_to_csv_with_formulas_escaped(world, login):
    VolunteerFactory(centre=world.centre, first_name="=HYPERLINK(1)", last_name="Formelsen")
    VolunteerFactory(centre=world.centre, last_name="Pausesen", status="paused")
    client = login(world.coordinator)
    response = client.get(reverse("volunteers:list"), {"status": "active", "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text
    assert "Formelsen" in text
    assert "Pausesen" not in text
    assert world.foreign_volunteer.last_name not in text


def test_it_exports_to_excel_with_formulas_escaped(world, login):
    VolunteerFactory(centre=world.centre, first_name="@SUM(A1)", last_name="Formelsen")
    response = login(world.coordinator).get(reverse("volunteers:list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "'@SUM(A1)" in values
    assert "Formelsen" in values


def test_it_registers_a_volunteer(world, login):
    client = login(world.coordinator)
    response = client.post(
        reverse("volunteers:create"),
        {"first_name": "Per", "last_name": "Ny", "phone": "91234567", "status": "active"},
    )
    assert response.status_code == 302
    assert Volunteer.objects.get(last_name="Ny").centre == world.centre


def test_it_asks_for_an_e_mail_or_a_phone(world, login):
    client = login(world.coordinator)
    response = client.post(
        reverse("volunteers:create"), {"first_name": "Per", "last_name": "Ny", "status": "active"}
    )
    assert response.status_code == 200
    assert not Volunteer.objects.filter(last_name="Ny").exists()


def test_it_edits_a_volunteer(world, login):
    client = login(world.coordinator)
    response = client.post(
        reverse("volunteers:edit", args=[world.volunteer.pk]),
        {
            "first_name": "Ola",
            "last_name": "Endret",
            "email": "ola@example.org",
            "status": "paused",
            "police_certificate_checked_on": "2026-02-01",
        },
    )
    assert response.status_code == 302
    world.volunteer.refresh_from_db()
    assert (world.volunteer.last_name, world.volunteer.status) == ("Endret", "paused")


def test_it_approves_an_applicant_and_tells_them(
    world, login, django_capture_on_commit_callbacks, mailoutbox
):
    applicant = VolunteerFactory(centre=world.centre, status="applicant")
    client = login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("volunteers:approve", args=[applicant.pk]))
    applicant.refresh_from_db()
    assert applicant.status == "active"
    assert mailoutbox[0].to == [applicant.email]


def test_it_gives_an_approved_volunteer_a_login_with_an_allauth_link(
    world, login, client, django_capture_on_commit_callbacks, mailoutbox
):
    volunteer = VolunteerFactory(centre=world.centre, email="ny.frivillig@example.org")
    login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("volunteers:invite", args=[volunteer.pk]))
    volunteer.refresh_from_db()
    user = volunteer.user
    assert user.role == "volunteer" and user.centre == world.centre
    assert not user.has_usable_password()
    link = next(line for line in mailoutbox[0].body.splitlines() if "/accounts/" in line)
    path = link.split("127.0.0.1:8000", 1)[-1].strip()
    client.logout()
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(
        form_url, {"password1": "et-godt-passord-42", "password2": "et-godt-passord-42"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("et-godt-passord-42")
    assert client.login(email=user.email, password="et-godt-passord-42")
    assert client.get(reverse("volunteers:me")).status_code == 200


def test_it_checks_ownership(world, login):
    client = login(world.coordinator)
    for name in ("volunteers:edit", "volunteers:approve", "volunteers:invite"):
        method = client.get if name.endswith("edit") else client.post
        assert method(reverse(name, args=[world.foreign_volunteer.pk])).status_code == 404


def test_it_requires_rw_access(world, login):
    client = login(world.municipality_viewer)
    response = client.post(
        reverse("volunteers:edit", args=[world.volunteer.pk]),
        {"first_name": "X", "last_name": "Y", "email": "x@example.org", "status": "active"},
    )
    assert response.status_code == 403


def test_it_records_paper_consent_when_the_coordinator_registers(world, login):
    from .factories import ConsentTextFactory

    consent_text = ConsentTextFactory(centre=world.centre)
    login(world.coordinator).post(
        reverse("volunteers:create"),
        {
            "first_name": "Per",
            "last_name": "Papir",
            "phone": "91234567",
            "status": "active",
            "consent_channel": "paper",
        },
    )
    consent = Volunteer.objects.get(last_name="Papir").consents.get()
    assert (consent.consent_text, consent.channel) == (consent_text, "paper")
