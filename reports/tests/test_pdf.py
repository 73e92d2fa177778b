"""The rendered PDF says exactly what the data gives (text extracted with pypdf)."""

import datetime as dt
import io
import re

import pypdf
from django.core.management import call_command

from activities.tests.factories import ReportedFigureFactory
from reports.rendering import ReportParams, render_pdf
from reports.services import narrative_save
from tests.factories import access_of

from .conftest import YEAR


def folded(text: str) -> str:
    """Text with every run of white space (line breaks in table cells too) as one space."""
    return re.sub(r"\s+", " ", text)


def pdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    # Non-breaking spaces group thousands ("2 541"); compare with plain spaces.
    return "\n".join(page.extract_text() for page in reader.pages).replace("\xa0", " ")


def test_it_prints_the_years_figures_against_the_targets(world, project_231):
    narrative_save(
        actor=access_of(world.coordinator),
        centre=world.centre,
        kind="annual",
        year=YEAR,
        texts={"evaluation": "Året ble godt.\n\n- Flere turer\n- Nye frivillige"},
        is_draft=False,
    )
    pdf = render_pdf(ReportParams(centre=world.centre, kind="annual", year=YEAR))
    text = pdf_text(pdf)

    assert pdf.startswith(b"%PDF-")
    # A centre's report: the centre's figures, and each project against its own targets.
    assert "231 aktiviteter ble gjennomført" in text
    assert "i snitt 11,0 deltakere" in text
    assert "2 541" in text
    assert "Aktiviteter gjennomført 231 220 105 %" in text
    assert "1 695" in text  # the hours per årsverk used
    assert "ikke registrert" in text  # persons reached, own hours, matches...
    assert "Fjordvik frivilligsentral" in text
    assert "Side 2 av" in text
    assert "Nye frivillige" in text


def test_it_writes_a_final_report_with_contents_and_planned_against_reached(world, project_231):
    project_231.start_date = dt.date(YEAR - 1, 1, 1)
    project_231.end_date = dt.date(YEAR, 12, 31)
    project_231.planned_reach = 210
    project_231.programme = "Tilskudd til frivillig aktivitet"
    project_231.save()
    ReportedFigureFactory(project=project_231, figure="persons_reached", year=None, value=75)

    pdf = render_pdf(
        ReportParams(centre=world.centre, kind="final", year=YEAR, project=project_231)
    )
    text = pdf_text(pdf)

    assert "Sluttrapport" in text
    assert "Innhold" in text
    assert "1. Målsetting, målgruppe og bakgrunn" in text
    assert "6. Oppsummering og videre planer" in text
    assert "Planlagt for hele perioden 210" in text
    assert "Nådd, slik prosjektet har rapportert 75 36 %" in text
    # 2024 has no activity, target, grant or result: its column is left out.
    assert f"Tall {YEAR} Totalt" in folded(text)
    assert f"{YEAR - 1} {YEAR}" not in text
    assert "01.01.2024" in text
    assert "Tilskudd til frivillig aktivitet" in text


def test_the_command_writes_a_valid_pdf(world, project_231, tmp_path):
    out = tmp_path / "rapport.pdf"
    call_command(
        "render_report",
        "--kind=annual",
        f"--year={YEAR}",
        f"--centre={world.centre.slug}",
        "--project=steg-for-steg",
        f"--out={out}",
    )
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) >= 3
    assert "231 av 220" in pdf_text(out.read_bytes())


def test_the_pdf_is_tagged_and_embeds_the_shipped_font(world, project_231):
    pdf = render_pdf(ReportParams(centre=world.centre, kind="annual", year=YEAR))
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]

    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nb"
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+", 1)[1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    # Only the shipped DejaVu Sans, under its @font-face family name: no system fonts.
    assert fonts == {"Report-Sans", "Report-Sans-Bold"}


def test_the_command_finds_the_centre_of_a_project_and_asks_when_it_cannot(
    world, project_231, tmp_path
):
    import pytest
    from django.core.management.base import CommandError

    out = tmp_path / "slutt.pdf"
    call_command(
        "render_report", "--kind=final", f"--year={YEAR}", "--project=steg-for-steg", f"--out={out}"
    )
    assert out.read_bytes().startswith(b"%PDF-")

    with pytest.raises(CommandError, match="--centre"):
        call_command("render_report", "--kind=annual", f"--year={YEAR}", f"--out={out}")


def test_the_annual_report_prints_volunteers_matches_partners_funding_and_results(
    world, year_records
):
    text = folded(pdf_text(render_pdf(ReportParams(centre=world.centre, kind="annual", year=YEAR))))

    # Persons reached: the 21 activities' 10 new participants each, against the target 210.
    assert "Personer nådd 210 210 100 %" in text
    # Hours: 462 on activities + 38 approved own hours = 500, against the target 1 500.
    # The hours target is the project's, for hours on its activities: compared with those.
    assert "Frivillige timer på aktiviteter 462,0 1 500,0 31 %" in text
    assert "Frivillige timer i alt 500,0 1 500" not in text
    assert "Frivillige timer på aktiviteter 462,0" in text
    assert "Frivillige timer registrert av de frivillige (2 frivillige) 38,0" in text
    assert "Frivillige timer i alt 500,0" in text
    assert "Årsverk 0,29" in text
    assert "ingen telles to ganger" in text
    assert "Koblinger gjort 2" in text
    assert "NAV Fjordvik Offentlig (kommune, NAV, institusjon) Henviser deltakere" in text
    assert "Gammel partner" not in text  # its agreement ended the year before
    assert "Finansiering 2025" in text
    assert "Steg for Steg Helsedirektoratet kr 750 000 kr 650 000" in text
    assert "Steg for Steg Hadde kontakt med en tidgiver 35" in text
    assert "Steg for Steg Lunsjer servert ca. 70" in text
    # Every figure has a value; only the state grant's conditions are not entered yet.
    assert text.count("ikke registrert") == 1
    assert "for 2025 er ikke registrert i Frivillig ennå" in text


def test_a_projects_annual_report_leaves_centre_figures_to_the_centre(world, year_records):
    text = pdf_text(
        render_pdf(
            ReportParams(centre=world.centre, kind="annual", year=YEAR, project=year_records)
        )
    )

    text = folded(text)
    assert "Frivillige timer på aktiviteter 462,0 1 500,0 31 %" in text
    # The centre's own hours, matches, registry and state grant are not the project's.
    assert "Frivillige timer registrert av de frivillige" not in text
    assert "Koblinger gjort" not in text
    assert "Helsedirektoratet kr 750 000 kr 650 000" in text


def test_the_final_report_lists_grants_per_year_and_results_year_by_year(world, year_records):
    year_records.start_date = dt.date(YEAR - 1, 1, 1)
    year_records.end_date = dt.date(YEAR, 12, 31)
    year_records.save()

    text = pdf_text(
        render_pdf(ReportParams(centre=world.centre, kind="final", year=YEAR, project=year_records))
    )

    assert "Tilskudd per år 2024: kr 600 000\n2025: kr 650 000" in text
    assert "Tilskudd kr 600 000 kr 650 000 kr 1 250 000" in text
    assert "Hadde kontakt med en tidgiver 20 35" in text
    assert "Lunsjer servert (omtrentlig) – 70" in text
    assert "Personer nådd – 210 210" in text
    assert "NAV Fjordvik Offentlig (kommune, NAV, institusjon) Henviser deltakere" in text


def test_it_prints_a_dash_for_the_fte_target_when_no_hours_target_was_set(world, project_231):
    project_231.targets.update(volunteer_hours=None)

    text = folded(
        pdf_text(
            render_pdf(
                ReportParams(centre=world.centre, kind="annual", year=YEAR, project=project_231)
            )
        )
    )

    assert "Årsverk 0,27" in text
    assert "0,00" not in text
