"""Every kind of PDF Frivillig prints, in bokmål, nynorsk and English, is one file for both
publishing and the archive (core.pdf): tagged, marked, in its language, with its title, claiming
PDF/A-2a and PDF/UA-1 in its XMP metadata, every figure with alternative text that points to the
table giving the same figures, every table with header cells, every font embedded
(tests/pdf_checks.py reads it back with pypdf)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from reports.paperwork import certificate_pdf
from reports.rendering import ReportParams, render_pdf
from tests.factories import ActivityFactory
from tests.pdf_checks import faults, figures_with_alt
from volunteers.paperwork import LEGAL_BASES, PurposeLetter, police_letter_pdf
from volunteers.tests.factories import CertificateFactory, HourEntryFactory

from .conftest import YEAR

LANGUAGES = ("nb", "nn", "en")
SAME_FIGURES = {
    "nb": "Tabellen under gir de samme tallene.",
    "nn": "Tabellen under gir dei same tala.",
    "en": "The table below gives the same figures.",
}


def _annual(world, project) -> bytes:
    language = translation.get_language()
    return render_pdf(
        ReportParams(centre=world.centre, kind="annual", year=YEAR, language=language)
    )


def _final(world, project) -> bytes:
    project.start_date, project.end_date = dt.date(YEAR - 1, 1, 1), dt.date(YEAR, 12, 31)
    project.save()
    language = translation.get_language()
    return render_pdf(
        ReportParams(
            centre=world.centre, kind="final", year=YEAR, project=project, language=language
        )
    )


def _certificate(world, project) -> bytes:
    HourEntryFactory(volunteer=world.volunteer, date=dt.date(2024, 5, 2), hours="2.5")
    return certificate_pdf(CertificateFactory(volunteer=world.volunteer))


def _police_letter(world, project) -> bytes:
    letter = PurposeLetter(
        volunteer=world.volunteer,
        task="Leksehjelp for barn i 5. klasse",
        legal_basis=str(LEGAL_BASES["children"]),
        signer_name="Kari Koordinator",
        signer_title="Daglig leder",
    )
    return police_letter_pdf(letter)


# The annual report's test below also reads its charts' alternative texts (one layout).
KINDS = {
    "final": _final,
    "certificate": _certificate,
    "police_letter": _police_letter,
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", list(KINDS))
def test_it_is_tagged_pdf_a_and_pdf_ua(world, project_231, kind, language):
    with translation.override(language):
        pdf = KINDS[kind](world, project_231)
    assert faults(pdf, lang=language) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_annual_report_is_tagged_and_each_chart_names_the_table_with_its_figures(
    world, project_231, language
):
    with translation.override(language):
        pdf = _annual(world, project_231)
    assert faults(pdf, lang=language) == []
    alts = figures_with_alt(pdf)
    assert len(alts) == 2
    assert all(alt.endswith(SAME_FIGURES[language]) for alt in alts), alts


def _years(world, project) -> bytes:
    from figures.engine import Scope
    from reports.years import years_pdf, years_table

    ActivityFactory(project=project, date=dt.date(YEAR, 3, 4), participants=9)
    HourEntryFactory(volunteer=world.volunteer, date=dt.date(YEAR, 5, 2), hours="2.5")
    table = years_table(Scope.of_centre(world.centre), world.centre.name, today=dt.date(2026, 6, 1))
    assert table.has_data
    return years_pdf(table, language=translation.get_language())


def _booklet(world, project) -> bytes:
    from cooperation.booklet import render_booklet

    pdf, _count = render_booklet(world.centre, language=translation.get_language())
    return pdf


@pytest.mark.parametrize("kind", ["years", "booklet"])
def test_the_years_and_the_story_booklet_come_from_the_same_renderer(world, project_231, kind):
    """Printed by the one renderer too (they once wrote PDF/UA-1 alone, not archivable);
    one language each here, the renderer's language handling is tested above."""
    with translation.override("nn"):
        pdf = {"years": _years, "booklet": _booklet}[kind](world, project_231)
    assert faults(pdf, lang="nn") == []
