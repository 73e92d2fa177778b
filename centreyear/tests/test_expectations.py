"""The award letter's expectations: a short yearly self-assessment per centre, entered with the
centre's year and printed in the annual evaluation."""

import io

from django.urls import reverse
from pypdf import PdfReader

from centreyear.models import CentreYear
from reports.rendering import ReportParams, render_html, render_pdf

from .factories import complete_year
from .test_centre_year import post_data

YEAR = 2026


def test_the_coordinator_writes_the_expectations_with_the_year(world, login):
    client = login(world.coordinator)
    url = reverse("centreyear:centre_year", kwargs={"year": YEAR})
    data = post_data(
        expect_universal_design="Trinnfri inngang og teleslynge.",
        expect_children_youth="Leksehjelp to dager i uka.",
        organisation_number="974 760 673",
    )
    assert client.post(url, data).status_code == 302
    row = CentreYear.objects.system().get(centre=world.centre, year=YEAR)
    assert row.expect_universal_design == "Trinnfri inngang og teleslynge."
    assert row.organisation_number == "974760673"  # stored as digits


def test_a_bad_organisation_number_is_refused_and_nothing_saved(world, login):
    client = login(world.coordinator)
    url = reverse("centreyear:centre_year", kwargs={"year": YEAR})
    response = client.post(url, post_data(organisation_number="123 456 789"))
    assert response.status_code == 200
    assert "organisasjonsnummer" in response.content.decode()
    assert not CentreYear.objects.system().exists()


def test_the_annual_evaluation_prints_each_expectation(world):
    complete_year(
        world.centre,
        YEAR,
        expect_age_friendly="Besøksvenner for eldre hver uke.",
        expect_low_threshold="",
    )
    params = ReportParams(centre=world.centre, kind="annual", year=YEAR)
    html = render_html(params)
    assert 'id="expectations"' in html
    assert "Besøksvenner for eldre hver uke." in html
    assert "Språkkafé" not in html  # the factory's own text is in English
    assert "Language café every week." in html
    pdf = render_pdf(params)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Forventningene i tilskuddsbrevet" in text
    assert "Besøksvenner for eldre hver uke." in text
    assert "Ikke fylt ut" in text  # low thresholds, left empty
