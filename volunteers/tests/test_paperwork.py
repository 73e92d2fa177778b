"""The volunteer certificate and the police certificate purpose letter (text read with pypdf)."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest
from django.urls import reverse

from core.audit import events_of
from volunteers.models import Certificate

from .factories import CertificateFactory, HourEntryFactory, MatchFactory, TaskFactory


def _text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def hours(world):
    v = world.volunteer
    HourEntryFactory(volunteer=v, date=dt.date(2024, 5, 2), hours="2.5")
    HourEntryFactory(volunteer=v, date=dt.date(2024, 9, 1), hours="3.25")
    HourEntryFactory(volunteer=v, date=dt.date(2025, 2, 1), hours=4)
    HourEntryFactory(volunteer=v, date=dt.date(2025, 3, 1), hours=7, status="pending")
    HourEntryFactory(volunteer=v, date=dt.date(2023, 12, 31), hours=9)  # before the period
    HourEntryFactory(volunteer=world.other_volunteer, date=dt.date(2024, 5, 2), hours=11)


def test_the_coordinator_makes_a_certificate_with_the_tasks_done(world, login, hours):
    MatchFactory(
        task=TaskFactory(centre=world.centre, title="Leksehjelp"), volunteer=world.volunteer
    )
    client = login(world.coordinator)
    form = client.get(reverse("volunteers:certificate_create", args=[world.volunteer.pk]))
    assert "Leksehjelp" in form.content.decode()

    client.post(
        reverse("volunteers:certificate_create", args=[world.volunteer.pk]),
        {
            "period_start": "2024-01-01",
            "period_end": "2025-12-31",
            "tasks": "Leksehjelp\nKafévert",
            "signer_name": "Kari Koordinator",
            "signer_title": "Daglig leder",
        },
    )

    certificate = Certificate.objects.system().get()
    assert (certificate.volunteer, certificate.task_lines) == (
        world.volunteer,
        ["Leksehjelp", "Kafévert"],
    )
    assert events_of(certificate).get().actor == world.coordinator


def test_the_certificate_pdf_holds_the_exact_hours_per_year_and_the_tasks(world, login, hours):
    certificate = CertificateFactory(volunteer=world.volunteer)

    text = _text(
        login(world.volunteer_user).get(
            reverse("volunteers:certificate_pdf", args=[certificate.pk])
        )
    )

    assert str(world.volunteer) in text and world.centre.name in text
    assert "Kafévert" in text and "Leksehjelp" in text
    # 2024: 2,5 + 3,25; 2025: 4 (the pending 7 and 2023's 9 left out); 9,75 in all.
    # Hours with one decimal, half-up, as every page prints them (5,75 h is 5,8).
    assert "2024 5,8" in text and "2025 4,0" in text and "9,8" in text
    assert "Kari Koordinator" in text and "Daglig leder" in text


def test_a_volunteer_downloads_only_their_own_certificate(world, login):
    other = CertificateFactory(volunteer=world.other_volunteer)
    response = login(world.volunteer_user).get(
        reverse("volunteers:certificate_pdf", args=[other.pk])
    )
    assert response.status_code == 404


def test_the_municipality_cannot_download_a_certificate(world, login):
    certificate = CertificateFactory(volunteer=world.volunteer)
    response = login(world.municipality_viewer).get(
        reverse("volunteers:certificate_pdf", args=[certificate.pk])
    )
    assert response.status_code == 403


def test_the_purpose_letter_names_the_task_and_the_basis_and_records_the_request(world, login):
    response = login(world.coordinator).post(
        reverse("volunteers:police_letter", args=[world.volunteer.pk]),
        {
            "task": "Leksehjelp for barn 10–12 år",
            "legal_basis": "children",
            "signer_name": "Kari Koordinator",
            "signer_title": "Daglig leder",
        },
    )

    text = _text(response)
    assert "Leksehjelp for barn 10–12 år" in text and "39" in text and "Kari Koordinator" in text
    world.volunteer.refresh_from_db()
    assert world.volunteer.police_certificate_requested_on is not None
    assert world.volunteer.police_certificate_checked_on is None
    event = events_of(world.volunteer).first()
    assert event.action == "volunteer.police_certificate"
    assert list(event.changes) == ["police_certificate_requested_on"]


def test_another_legal_basis_must_be_written(world, login, settings):
    client = login(world.coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(
        reverse("volunteers:police_letter", args=[world.volunteer.pk]),
        {"task": "Besøksvenn", "legal_basis": "other", "signer_name": "K", "signer_title": "L"},
    )
    assert response.status_code == 200
    assert "Write the legal basis." in response.content.decode()
    world.volunteer.refresh_from_db()
    assert world.volunteer.police_certificate_requested_on is None
