"""The grant round page: every centre of the municipality with the eight conditions, what is
missing and who fixes it, the municipality's decisions and the application summary."""

import io

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from centreyear import services
from centreyear.grant import current_round, evidence_year
from centreyear.models import CentreYear, GrantApplication, GrantDecision
from core.audit import events_of
from core.formatting import percent
from core.models import AuditEvent
from core.permissions import access_for_user
from reports.rendering import ReportParams, render_pdf

from .factories import ORGNR, complete_year

YEAR = current_round()
EVIDENCE = evidence_year(YEAR)
URL = reverse("centreyear:grant_round", kwargs={"year": YEAR})


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def two_centres(world):
    """One centre that meets everything; its sibling without premises and 36,0 % local."""
    complete_year(world.centre, EVIDENCE)
    complete_year(world.sibling_centre, EVIDENCE, orgnr=ORGNR[1], premises="", municipality=250_000)
    return world


def _section(page: str, centre) -> str:
    start = page.index(f'id="centre-{centre.pk}"')
    return page[start : page.index("</section>", start)]


def test_it_shows_each_centre_with_its_conditions_and_what_is_missing(two_centres, login):
    world = two_centres
    page = english(login(world.municipality_viewer)).get(URL).content.decode()

    good, short = _section(page, world.centre), _section(page, world.sibling_centre)
    assert good.count('data-state="met"') == 8
    assert "Ready to confirm" in good
    assert '<tr data-condition="5" data-state="missing">' in short
    assert '<tr data-condition="7" data-state="not_met">' in short
    assert "Local share 36.0\xa0%" in short
    assert "Physical premises: Enter the premises." in short
    assert "(The centre&#x27;s coordinator)" in short
    assert "(The centre&#x27;s owner)" in short  # more local funding is the owner's to find
    assert "0 of 2 centres confirmed" in page
    assert "Kari Nordmann, Fjordvik Turlag" in good  # who sits on the advisory body
    assert "123 456 785" in good


def test_a_coordinator_sees_their_own_centre_and_cannot_confirm_it(two_centres, login):
    world = two_centres
    client = english(login(world.coordinator))
    page = client.get(URL).content.decode()
    assert world.centre.name in page and world.sibling_centre.name not in page
    assert "Confirm " not in page
    response = client.post(URL, {"centre": world.centre.pk, "decision": "confirmed"})
    assert response.status_code == 403
    assert not GrantDecision.objects.system().exists()


def test_the_municipality_confirms_a_centre_and_the_trail_says_who_and_when(two_centres, login):
    world = two_centres
    client = english(login(world.municipality_viewer))
    response = client.post(URL, {"centre": world.centre.pk, "decision": "confirmed"})
    assert response.status_code == 302
    decision = GrantDecision.objects.system().get(centre=world.centre, year=YEAR)
    assert decision.decided_by == world.municipality_viewer
    assert decision.evidence["local_share"] == "42.2"
    event = events_of(decision).get()
    assert (event.action, event.actor, event.centre_id) == (
        "grant.confirmed",
        world.municipality_viewer,
        world.centre.pk,
    )
    assert "1 of 2 centres confirmed" in client.get(URL).content.decode()


def test_it_refuses_to_confirm_a_centre_with_conditions_missing(two_centres, login):
    world = two_centres
    client = english(login(world.municipality_viewer))
    response = client.post(URL, {"centre": world.sibling_centre.pk, "decision": "confirmed"})
    assert response.status_code == 400
    assert "cannot be confirmed yet" in response.content.decode()
    assert not GrantDecision.objects.system().exists()


def test_a_decision_not_to_apply_requires_a_reason_and_is_audited(two_centres, login):
    world = two_centres
    client = english(login(world.municipality_viewer))
    data = {"centre": world.sibling_centre.pk, "decision": "not_applying", "reason": "  "}

    response = client.post(URL, data)

    assert response.status_code == 400
    assert "Give the reason the municipality does not apply" in response.content.decode()
    assert not GrantDecision.objects.system().exists()
    assert not AuditEvent.objects.filter(action__startswith="grant.").exists()

    data["reason"] = "Local funding below 40 % and no premises in 2026."
    assert client.post(URL, data).status_code == 302
    decision = GrantDecision.objects.system().get(centre=world.sibling_centre)
    assert decision.decision == GrantDecision.Decision.NOT_APPLYING
    event = AuditEvent.objects.get(action="grant.not_applying")
    assert event.actor == world.municipality_viewer
    assert event.changes["reason"] == [None, "Local funding below 40 % and no premises in 2026."]
    assert event.object_type == "centreyear.grantdecision"


def test_a_reason_is_required_by_the_service_and_the_database_too(world):
    access = access_for_user(world.municipality_viewer)
    with pytest.raises(ValidationError):
        services.grant_decide(
            actor=access, centre=world.centre, year=YEAR, decision="not_applying", reason=""
        )


def test_only_the_municipality_of_the_centre_decides(two_centres, login):
    world = two_centres
    response = login(world.other_municipality_viewer).post(
        URL, {"centre": world.centre.pk, "decision": "confirmed"}
    )
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        services.grant_decide(
            actor=access_for_user(world.coordinator),
            centre=world.centre,
            year=YEAR,
            decision="confirmed",
        )
    assert not GrantDecision.objects.system().exists()


def test_past_years_decisions_read_back_as_they_were(two_centres, login):
    world = two_centres
    client = english(login(world.municipality_viewer))
    client.post(URL, {"centre": world.centre.pk, "decision": "confirmed"})
    url = reverse("centreyear:grant_round", kwargs={"year": YEAR + 1})
    page = client.get(url).content.decode()  # the next round: nothing decided yet
    assert "0 of 2 centres confirmed" in page
    page = client.get(URL).content.decode()
    assert "1 of 2 centres confirmed" in page and "Confirmed" in _section(page, world.centre)


def _decide_both(world):
    access = access_for_user(world.municipality_viewer)
    services.grant_decide(actor=access, centre=world.centre, year=YEAR, decision="confirmed")
    services.grant_decide(
        actor=access,
        centre=world.sibling_centre,
        year=YEAR,
        decision="not_applying",
        reason="No premises.",
    )
    return access


def test_the_application_waits_until_every_centre_is_decided(two_centres):
    access = access_for_user(two_centres.municipality_viewer)
    with pytest.raises(ValidationError):
        services.grant_application_request(actor=access, year=YEAR)


def test_the_application_pdf_and_csv_print_what_was_decided(
    two_centres, login, django_capture_on_commit_callbacks, run_jobs
):
    world = two_centres
    access = _decide_both(world)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.grant_application_request(actor=access, year=YEAR)
    job.refresh_from_db()
    assert job.status == "done", job.error

    client = login(world.municipality_viewer)
    response = client.get(
        reverse("centreyear:grant_application_download", kwargs={"pk": job.pk, "fmt": "pdf"})
    )
    pdf = b"".join(response.streaming_content)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    annual = render_pdf(ReportParams(centre=world.centre, kind="annual", year=EVIDENCE))
    annual_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(annual)).pages)
    share = percent(42.2, 1, "nb")
    assert share in annual_text and share in text
    assert "Fjordvik frivilligsentral" in text and "123 456 785" in text
    assert "Nordbyen frivilligsentral" in text and "No premises." in text
    assert "kommune@example.org" in text  # the contact person

    csv_text = b"".join(
        client.get(
            reverse("centreyear:grant_application_download", kwargs={"pk": job.pk, "fmt": "csv"})
        ).streaming_content
    ).decode("utf-8-sig")
    assert "Fjordvik frivilligsentral;123456785" in csv_text


def test_the_application_is_the_municipalitys_only(two_centres, login):
    world = two_centres
    job = GrantApplication.objects.create(
        municipality=world.municipality, year=YEAR, status="done", pdf="grant/x.pdf"
    )
    url = reverse("centreyear:grant_application_download", kwargs={"pk": job.pk, "fmt": "pdf"})
    assert login(world.other_municipality_viewer).get(url).status_code == 404
    assert login(world.coordinator).get(url).status_code == 403


# The same at both sizes: the user and their centres, the centres, the years and their income,
# the decisions, the annual reports made, the application summaries (and the session).
QUERIES = 9


@pytest.mark.parametrize("extra_centres", [0, 3])
def test_it_reads_the_round_in_a_fixed_number_of_queries(
    two_centres, login, django_assert_num_queries, extra_centres
):
    from tests.factories import CentreFactory

    world = two_centres
    for i in range(extra_centres):
        centre = CentreFactory(
            municipality=world.municipality, name=f"Sentrum {i} frivilligsentral"
        )
        complete_year(centre, EVIDENCE)
    client = login(world.municipality_viewer)
    with django_assert_num_queries(QUERIES):
        assert client.get(URL).status_code == 200


def test_the_municipality_start_page_shows_the_round(two_centres, login):
    world = two_centres
    _decide_both(world)
    page = english(login(world.municipality_viewer)).get(reverse("core:home")).content.decode()
    assert f"State grant round {YEAR}" in page
    assert "1 / 2" in page and "centres confirmed" in page


def _pdf_upload(name="regnskap.pdf", content=b"%PDF-1.4 regnskap"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_the_uploaded_accounts_meet_condition_4_and_only_the_centres_readers_get_them(world, login):
    from .test_centre_year import post_data

    complete_year(world.centre, EVIDENCE, accounts_note="")
    client = login(world.coordinator)
    url = reverse("centreyear:centre_year", kwargs={"year": EVIDENCE})
    row = world.centre  # the centre whose year is posted
    data = post_data(version=1, final=True, accounts_file=_pdf_upload())
    data.update(
        {
            "advisory_members": "Kari Nordmann",
            "activity_purpose": "Møteplass",
            "organisation_number": "123456785",
        }
    )
    assert client.post(url, data).status_code == 302

    page = english(login(world.municipality_viewer)).get(URL).content.decode()
    section = _section(page, row)
    assert '<tr data-condition="4" data-state="met">' in section
    assert "The accounts and annual report are uploaded." in section
    download = reverse("centreyear:accounts_file", kwargs={"year": EVIDENCE})
    response = login(world.municipality_viewer).get(f"{download}?centre={row.pk}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 regnskap"
    assert (
        login(world.other_municipality_viewer).get(f"{download}?centre={row.pk}").status_code == 404
    )
    assert login(world.association).get(download).status_code == 403


def test_only_a_pdf_is_taken_as_the_accounts(world, login):
    from .test_centre_year import post_data

    url = reverse("centreyear:centre_year", kwargs={"year": EVIDENCE})
    data = post_data(accounts_file=_pdf_upload("regnskap.exe", b"MZ"))
    response = login(world.coordinator).post(url, data)
    assert response.status_code == 200
    assert not CentreYear.objects.system().exists()
