import datetime as dt
import json

from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent, User
from core.permissions import access_for_user
from figures.engine import Scope, compute
from tests.factories import DistrictFactory, VolunteerFactory, access_of
from volunteers.models import Volunteer
from volunteers.selectors import volunteers_inactive

from .factories import (
    BackgroundGroupFactory,
    CertificateFactory,
    ConsentTextFactory,
    HourEntryFactory,
    InterestFactory,
    MatchFactory,
    ShiftSignupFactory,
)

PERSONAL = {
    "first_name": "Solveig",
    "last_name": "Sletteberg",
    "email": "solveig@example.org",
    "phone": "91234567",
    "postal_code": "8512",
    "notes": "Allergisk mot katter",
}


def _person(world):
    volunteer = VolunteerFactory(
        centre=world.centre,
        birth_year=1961,
        district=DistrictFactory(municipality=world.municipality),
        available_weekdays=True,
        police_certificate_checked_on=dt.date(2025, 3, 1),
        **PERSONAL,
    )
    volunteer.interests.set([InterestFactory()])
    volunteer.background_groups.set([BackgroundGroupFactory()])
    volunteer.consents.create(
        consent_text=ConsentTextFactory(centre=world.centre),
        given_at=timezone.now(),
        channel="signup_form",
    )
    HourEntryFactory(
        volunteer=volunteer, date=dt.date(2025, 5, 2), hours=3, description="Hos Solveig"
    )
    HourEntryFactory(volunteer=volunteer, date=dt.date(2026, 2, 2), hours="2.5")
    MatchFactory(
        centre=world.centre,
        task__centre=world.centre,
        volunteer=volunteer,
        follow_up_notes="Solveig trives",
    )
    return volunteer


def test_it_exports_all_data_about_a_person_as_json(world, login):
    volunteer = _person(world)
    client = login(world.coordinator)
    response = client.get(reverse("volunteers:export", args=[volunteer.pk]) + "?format=json")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["person"]["email"] == "solveig@example.org"
    assert data["person"]["notes"] == "Allergisk mot katter"
    assert len(data["hours"]) == 2
    assert data["consents"][0]["version"] >= 1
    assert data["matches"][0]["follow_up_notes"] == "Solveig trives"
    assert AuditEvent.objects.filter(
        object_id=str(volunteer.pk), action="volunteer.exported", actor=world.coordinator
    ).exists()


def test_it_shows_the_export_as_a_readable_page(world, login):
    volunteer = _person(world)
    page = login(world.coordinator).get(reverse("volunteers:export", args=[volunteer.pk]))
    assert page.status_code == 200
    assert "Allergisk mot katter" in page.content.decode()


def test_erasure_leaves_yearly_hour_totals_unchanged_and_no_personal_field_readable(world, login):
    volunteer = _person(world)
    user = User.objects.create_user(
        email="solveig@example.org", role="volunteer", centre=world.centre
    )
    volunteer.user = user
    volunteer.save()

    def totals():
        figures = compute(
            Scope.of_centre(world.centre),
            years=[2024, 2025, 2026],
            today=dt.date(2026, 12, 31),
            keys=["volunteer_hours.own", "volunteers.with_own_hours"],
        )
        return [
            (
                year,
                figures.get("volunteer_hours.own", year),
                figures.get("volunteers.with_own_hours", year),
            )
            for year in figures.years
        ]

    before = totals()

    client = login(world.coordinator)
    response = client.post(reverse("volunteers:erase", args=[volunteer.pk]), {"confirm": "yes"})
    assert response.status_code == 302

    assert totals() == before
    volunteer = Volunteer.objects.get(pk=volunteer.pk)
    # No personal value survives anywhere in the row, its relations or its free texts.
    stored = " ".join(
        str(v) for v in Volunteer.objects.filter(pk=volunteer.pk).values().get().values()
    )
    for value in [*PERSONAL.values(), "1961", "Hos Solveig", "Solveig trives"]:
        assert value not in stored
    assert volunteer.birth_year is None and volunteer.district is None
    assert not volunteer.interests.exists() and not volunteer.background_groups.exists()
    assert not volunteer.consents.exists()
    assert not volunteer.hour_entries.exclude(description="").exists()
    assert not volunteer.matches.exclude(follow_up_notes="").exists()
    assert volunteer.hour_entries.count() == 2 and volunteer.matches.count() == 1
    # The login is closed and no longer carries the person's e-mail or name.
    user.refresh_from_db()
    assert not user.is_active
    assert "solveig" not in user.email and not user.first_name
    assert volunteer.user is None
    # The audit trail records the erasure, by whom, without the erased data.
    event = AuditEvent.objects.get(object_id=str(volunteer.pk), action="volunteer.erased")
    assert event.actor == world.coordinator
    trail = " ".join(str(row) for row in AuditEvent.objects.values())
    assert not any(value in trail for value in PERSONAL.values())


def test_it_erases_only_with_confirmation(world, login):
    volunteer = _person(world)
    login(world.coordinator).post(reverse("volunteers:erase", args=[volunteer.pk]), {})
    volunteer.refresh_from_db()
    assert volunteer.email == "solveig@example.org"


def test_erased_people_leave_the_list(world, login):
    volunteer = _person(world)
    client = login(world.coordinator)
    client.post(reverse("volunteers:erase", args=[volunteer.pk]), {"confirm": "yes"})
    assert "Sletteberg" not in client.get(reverse("volunteers:list")).content.decode()


def test_it_lists_volunteers_inactive_for_the_configured_months(world, login, settings):
    settings.VOLUNTEER_INACTIVE_MONTHS = 12
    old = VolunteerFactory(centre=world.centre, last_name="Gammel")
    busy = VolunteerFactory(centre=world.centre, last_name="Travel")
    long_ago = timezone.now() - dt.timedelta(days=500)
    Volunteer.objects.filter(pk__in=[old.pk, busy.pk]).update(updated_at=long_ago)
    HourEntryFactory(volunteer=busy, date=timezone.localdate() - dt.timedelta(days=20))
    access = access_for_user(world.coordinator)
    names = [v.last_name for v in volunteers_inactive(access=access)]
    assert "Gammel" in names
    assert "Travel" not in names
    assert world.volunteer.last_name not in names  # changed just now
    page = login(world.coordinator).get(reverse("volunteers:inactive")).content.decode()
    assert "Gammel" in page and "12" in page
    settings.VOLUNTEER_INACTIVE_MONTHS = 24
    assert "Gammel" not in [v.last_name for v in volunteers_inactive(access=access)]


def test_it_checks_ownership(world, login):
    client = login(world.coordinator)
    for name in ("volunteers:export", "volunteers:erase"):
        assert client.get(reverse(name, args=[world.foreign_volunteer.pk])).status_code == 404


def test_it_requires_rw_access(world, login):
    client = login(world.municipality_viewer)
    response = client.post(
        reverse("volunteers:erase", args=[world.volunteer.pk]), {"confirm": "yes"}
    )
    assert response.status_code == 403


def test_it_marks_a_consent_as_withdrawn(world, login):
    volunteer = _person(world)
    consent = volunteer.consents.get()
    client = login(world.coordinator)
    url = reverse("volunteers:consent_withdraw", args=[volunteer.pk, consent.pk])
    assert client.post(url).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    # Another centre's coordinator cannot reach it.
    other = login(world.other_coordinator)
    assert other.post(url).status_code == 404


def test_erasure_also_clears_failed_logins_other_addresses_and_sessions(world, client):
    from allauth.account.models import EmailAddress
    from django.contrib.sessions.models import Session

    from core.audit import log_action
    from volunteers.services import volunteer_erase

    volunteer = world.volunteer
    user = world.volunteer_user
    EmailAddress.objects.create(user=user, email="gammel.adresse@example.org", verified=True)
    # A failed login with the old address (no user known) and a signed-in session.
    log_action(
        actor=None,
        action="auth.login_failed",
        data={"email": "gammel.adresse@example.org", "ip": "203.0.113.7", "user_agent": "Firefox"},
    )
    log_action(
        actor=None,
        action="auth.login_failed",
        data={"email": volunteer.email.upper(), "ip": "203.0.113.8"},
    )
    client.force_login(user)
    assert Session.objects.exists()

    volunteer_erase(actor=access_of(world.coordinator), volunteer=volunteer)

    trail = " ".join(str(row) for row in AuditEvent.objects.values())
    for value in ["gammel.adresse", "203.0.113.7", "203.0.113.8", "Firefox"]:
        assert value not in trail
    assert AuditEvent.objects.filter(action="auth.login_failed").count() == 2
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not any(
        session.get_decoded().get("_auth_user_id") == str(user.pk)
        for session in Session.objects.all()
    )


# Every section of the JSON export, each shown on the readable page too. A new section in the
# JSON fails `test_it_shows_every_section_of_the_json_on_the_page` until it is added here and
# to the page.
SECTIONS_ON_THE_PAGE = {
    "exported_at",
    "centre",
    "person",
    "background_groups",
    "interests",
    "languages",
    "associations",
    "availability",
    "police_certificate_checked_on",
    "police_certificate_requested_on",
    "wants_reminders",
    "shifts",
    "certificates",
    "consents",
    "matches",
    "hours",
    "login",
    "login_history",
    "emails_sent",
    "audit_trail",
    "mentioned_in_the_audit_trail",
    "reminders_sent",
    "activity_notes_naming_the_person",
    "reports_requested",
    "report_narratives_naming_the_person",
    "advisory_body_memberships",
    "grant_decisions_made",
    "import_files_naming_the_person",
    "contact_person_of",
    "association_notes_naming_the_person",
    "offers_of_help",
    "partnership_contact_person",
    "story_consents",
    "national_register",
}


def test_it_shows_every_section_of_the_json_on_the_page(world, login):
    volunteer = _person(world)
    client = login(world.coordinator)
    response = client.get(reverse("volunteers:export", args=[volunteer.pk]) + "?format=json")
    assert set(json.loads(response.content)) <= SECTIONS_ON_THE_PAGE


def test_it_shows_the_shifts_and_certificates_on_the_export_page(world, login):
    volunteer = _person(world)
    ShiftSignupFactory(
        volunteer=volunteer, shift__rota__centre=world.centre, shift__rota__title="Kafé Solsiden"
    )
    CertificateFactory(volunteer=volunteer, centre=world.centre, tasks="Leksehjelp i biblioteket")
    page = login(world.coordinator).get(reverse("volunteers:export", args=[volunteer.pk]))
    text = page.content.decode()
    assert "<h2>Vakter</h2>" in text and "Kafé Solsiden" in text and "Kommer" in text
    assert "<h2>Attester</h2>" in text and "Leksehjelp i biblioteket" in text
    assert "Kari Koordinator" in text
