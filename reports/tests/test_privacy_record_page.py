"""The record of processing as a page and a PDF, for the site admin and the municipality."""

from __future__ import annotations

import io

from django.urls import reverse
from pypdf import PdfReader

from core import privacy
from tests import pdf_checks


def test_the_record_lists_every_declared_personal_field(world, login):
    page = login(world.site_admin).get(reverse("reports:privacy_record")).content.decode()
    for field in privacy.personal_fields():
        assert f'data-field="{field.model}.{field.field}"' in page, field
    for rule in privacy.retentions():
        if rule.task:
            assert rule.task in page


def test_it_reads_the_sub_processors_from_the_settings(world, login, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "smtp.kommune.example"
    settings.SMS_GATEWAY_URL = "https://sms.gateway.example/send"
    page = login(world.municipality_viewer).get(reverse("reports:privacy_record"))
    text = page.content.decode()
    assert "smtp.kommune.example" in text
    assert "sms.gateway.example" in text
    # The municipality's own centres are named, not another municipality's.
    assert world.centre.name in text
    assert world.other_centre.name not in text


def test_the_record_is_a_tagged_archivable_pdf_in_its_language_too(world, login):
    """One document read for all it must be (its 37 pages take seconds to lay out): the
    record's text, in bokmål, tagged (PDF/UA, every part of a table that runs over pages with
    its header cells) and archivable (PDF/A), as tests/pdf_checks.py reads every document."""
    response = login(world.municipality_viewer).get(reverse("reports:privacy_record_pdf"))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "GDPR" in text or "personvern" in text.lower()
    assert "volunteers.Volunteer" in text
    assert reader.trailer["/Root"].get("/Lang") == "nb"
    assert pdf_checks.faults(response.content, lang="nb") == []


def test_coordinators_and_volunteers_do_not_see_it(world, login):
    for user in (world.coordinator, world.volunteer_user, world.association):
        assert login(user).get(reverse("reports:privacy_record")).status_code == 403
        assert login(user).get(reverse("reports:privacy_record_pdf")).status_code == 403
