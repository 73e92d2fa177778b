"""Partnerships: recorded by the coordinator with units, forms, contributions, contacts,
outcomes and the signed agreement; read by the organisation and the municipality; every change
in the audit trail; a reminder to both sides once before it ends."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cooperation import services
from cooperation.models import Contact, Partnership, Side
from cooperation.tests.factories import ContributionFactory, PartnershipFactory, UnitFactory
from core.audit import events_of
from core.models import District
from notifications.models import Delivery
from notifications.services import send_partnership_end_reminders
from tests import factories as f

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def unit(world):
    return UnitFactory(municipality=world.municipality, name="NAV Fjordvik", kind="nav")


def _post(client, url, data):
    return client.post(url, data, follow=True)


def test_the_coordinator_records_a_partnership_with_contributions_and_its_document(
    world, login, unit
):
    client = login(world.coordinator)
    response = _post(
        client,
        reverse("cooperation:partnership_create"),
        {
            "title": "Arbeidstrening",
            "organisation": world.organisation.pk,
            "purpose": "Jobb for unge",
            "status": "active",
            "start_date": "2025-01-01",
            "end_date": "2027-12-31",
            "units": [unit.pk],
            "form_list": ["purchase", "referral"],
        },
    )
    partnership = Partnership.objects.system().get(title="Arbeidstrening")
    assert response.redirect_chain[-1][0] == reverse(
        "cooperation:partnership_detail", args=[partnership.pk]
    )
    assert partnership.form_list == ["purchase", "referral"]
    assert list(partnership.units.all()) == [unit]
    detail = reverse("cooperation:contribution_add", args=[partnership.pk])
    _post(
        client,
        detail,
        {"c-year": 2025, "c-side": "municipality", "c-kind": "money", "c-amount": 400000},
    )
    _post(
        client,
        detail,
        {"c-year": 2025, "c-side": "organisation", "c-kind": "hours", "c-amount": 1200},
    )
    _post(
        client,
        reverse("cooperation:contact_add", args=[partnership.pk]),
        {
            "p-side": "municipality",
            "p-unit": unit.pk,
            "p-name": "Nina Nav",
            "p-email": "nina@nav.example",
        },
    )
    upload = SimpleUploadedFile("avtale.pdf", PDF, content_type="application/pdf")
    _post(
        client, reverse("cooperation:document_upload", args=[partnership.pk]), {"document": upload}
    )
    page = client.get(reverse("cooperation:partnership_detail", args=[partnership.pk]))
    text = page.content.decode()
    assert "400000" in text and "1200" in text and "Nina Nav" in text and "avtale.pdf" in text
    download = client.get(reverse("cooperation:document_download", args=[partnership.pk]))
    assert b"".join(download.streaming_content) == PDF
    actions = {e.action for e in events_of(partnership)}
    assert {"partnership.created", "partnership.document_stored"} <= actions


def test_the_period_must_run_forwards(world, unit):
    with pytest.raises(ValidationError) as error:
        services.partnership_save(
            actor=f.access_of(world.coordinator),
            centre=world.centre,
            partnership=None,
            data={
                "organisation": world.organisation,
                "title": "Baklengs",
                "purpose": "x",
                "start_date": dt.date(2026, 1, 1),
                "end_date": dt.date(2025, 1, 1),
            },
            units=[unit],
            forms=["grant"],
        )
    assert "end_date" in error.value.error_dict
    assert not Partnership.objects.system().exists()


def test_a_unit_of_another_municipality_is_refused(world):
    foreign = UnitFactory(municipality=world.other_municipality)
    with pytest.raises(ValidationError):
        services.partnership_save(
            actor=f.access_of(world.coordinator),
            centre=world.centre,
            partnership=None,
            data={"organisation": world.organisation, "title": "X", "purpose": "x"},
            units=[foreign],
            forms=[],
        )


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (b"MZ\x90\x00evil", "avtale.pdf", "wrong_type"),
        (b"%PDF" + b"0" * (11 * 2**20), "big.pdf", "too_large"),
    ],
)
def test_a_document_of_the_wrong_type_or_too_large_is_refused(world, content, name, code):
    partnership = PartnershipFactory(organisation=world.organisation)
    with pytest.raises(ValidationError) as error:
        services.partnership_document_store(
            actor=f.access_of(world.coordinator),
            partnership=partnership,
            upload=SimpleUploadedFile(name, content),
        )
    assert error.value.code == code
    partnership.refresh_from_db()
    assert not partnership.document


def test_lists_per_organisation_unit_and_district(world, login):
    district = District.objects.create(municipality=world.municipality, name="Sentrum")
    nav = UnitFactory(municipality=world.municipality, name="NAV", district=district)
    school = UnitFactory(municipality=world.municipality, name="Skolen")
    a = PartnershipFactory(organisation=world.organisation, title="A", units=[nav])
    b = PartnershipFactory(organisation=world.other_organisation, title="B", units=[school])
    client = login(world.coordinator)
    url = reverse("cooperation:partnerships")

    def titles(**params):
        return [p.title for p in client.get(url, params).context["page"].object_list]

    assert titles() == ["A", "B"]
    assert titles(organisation=world.organisation.pk) == ["A"]
    assert titles(unit=school.pk) == ["B"]
    assert titles(pdistrict=district.pk) == ["A"]
    assert titles(form="purchase") == ["A", "B"]
    assert titles(status="ended") == []
    assert a.pk != b.pk


def test_the_municipality_reads_every_centres_partnerships_read_only(world, login):
    own = PartnershipFactory(organisation=world.organisation, title="Fjordvik")
    sibling = PartnershipFactory(
        organisation=f.OrganisationFactory(centre=world.sibling_centre), title="Nordbyen"
    )
    PartnershipFactory(organisation=world.foreign_organisation, title="Annen")
    client = login(world.municipality_viewer)
    listed = client.get(reverse("cooperation:partnerships")).context["page"].object_list
    assert {p.title for p in listed} == {"Fjordvik", "Nordbyen"}
    assert client.get(reverse("cooperation:partnership_edit", args=[own.pk])).status_code == 403
    post = client.post(
        reverse("cooperation:contribution_add", args=[sibling.pk]),
        {"c-year": 2025, "c-side": "municipality", "c-kind": "money", "c-amount": 1},
    )
    assert post.status_code == 403


def test_the_organisation_reads_its_own_partnerships_only(world, login):
    own = PartnershipFactory(organisation=world.organisation, title="Vår")
    PartnershipFactory(organisation=world.other_organisation, title="Andres")
    client = login(world.association)
    listed = client.get(reverse("cooperation:partnerships")).context["page"].object_list
    assert [p.title for p in listed] == ["Vår"]
    assert client.get(reverse("cooperation:partnership_detail", args=[own.pk])).status_code == 200


@pytest.mark.parametrize("size", [2, 12])
def test_the_list_has_a_fixed_number_of_queries(world, login, size):
    for _ in range(size):
        ContributionFactory(partnership=PartnershipFactory(organisation=world.organisation))
    client = login(world.coordinator)
    client.get(reverse("cooperation:partnerships"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("cooperation:partnerships")).status_code == 200
    assert len(queries) == 7, [q["sql"] for q in queries]


def _now(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def test_both_sides_are_reminded_once_before_it_ends(world, mailoutbox):
    today = timezone.localdate()
    partnership = PartnershipFactory(
        organisation=world.organisation, end_date=today + dt.timedelta(days=30)
    )
    for side, email in (
        (Side.ORGANISATION, "leder@lag.example"),
        (Side.MUNICIPALITY, "nina@nav.example"),
    ):
        Contact.objects.create(
            partnership=partnership, centre=world.centre, side=side, name=email, email=email
        )
    PartnershipFactory(organisation=world.organisation, end_date=today + dt.timedelta(days=200))
    made = send_partnership_end_reminders(now=_now(today))
    sent = set(
        Delivery.objects.system().filter(kind="partnership_end").values_list("to", flat=True)
    )
    assert sent == {"leder@lag.example", "nina@nav.example", world.coordinator.email}
    assert made == 3
    # Once: the next day's run sends nothing more.
    assert send_partnership_end_reminders(now=_now(today + dt.timedelta(days=1))) == 0
    partnership.refresh_from_db()
    assert partnership.end_reminder_sent_on == today


def test_no_reminder_for_a_partnership_that_ended_or_is_only_planned(world):
    today = timezone.localdate()
    PartnershipFactory(organisation=world.organisation, end_date=today - dt.timedelta(days=1))
    PartnershipFactory(
        organisation=world.organisation, status="planned", end_date=today + dt.timedelta(days=10)
    )
    assert send_partnership_end_reminders(now=_now(today)) == 0
