"""One truth for every figure: one fixed data set, every place a figure appears.

The dashboard, the hours page, the project page, the registry statistics, the municipality
overview, the start-page cards, the overview's CSV and Excel downloads, and the text of both
PDFs must print the same value for the same figure (or both values, labelled, where a page
shows a part or where a counted and a reported figure differ).

The data set, in this year and up to today (so the start-page cards, which show this year,
read it too):
- 20 activities held, 11 participants each (220), 2 of them new each (40 persons reached),
  3 volunteer hours each (60 hours on activities); targets 220 activities, 10 on average,
  210 persons, 1 500 hours.
- Decoys that must count nowhere: a cancelled activity (30 participants, 9 hours) and a
  planned one after today (50 participants, 9 hours); a pending own-hours entry.
- The project reports 35 persons reached for the year (differs from the 40 counted).
- Volunteers logged 10 + 5,5 = 15,5 approved hours themselves: 75,5 hours in total.
  With 100 hours to the årsverk: 0,755, printed as 0,76 everywhere.
- Operating income: state grant 480 046 + municipality 330 000 + own income 20 000 =
  830 046, local 350 000: a local share of 42,2 %.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from activities.tests.factories import ReportedFigureFactory
from centreyear.models import CentreIncome, CentreYear
from reports.rendering import ReportParams, render_pdf
from tests import factories as f
from volunteers.tests.factories import HourEntryFactory

from .test_pdf import folded, pdf_text


def _text(html: str) -> str:
    """A page's visible text on one line: tags dropped, white space (and nbsp) folded."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    # Inline elements (a figure's <span data-figure>) join their text; blocks part it.
    html = re.sub(r"</?(span|strong|em|a|abbr|bdi)\b[^>]*>", "", html)
    text = re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", " ").replace("\xa0", " ")
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture
def truth(world, settings):
    settings.HOURS_PER_FTE = 100
    today = timezone.localdate()
    year = today.year
    category = f.ActivityCategoryFactory()
    project = f.ProjectFactory(
        centre=world.centre,
        name="Steg for Steg",
        start_date=dt.date(year, 1, 1),
        end_date=dt.date(year, 12, 31),
        planned_reach=210,
    )
    f.YearTargetFactory(
        project=project,
        year=year,
        activities=220,
        average_participants=Decimal(10),
        persons_reached=210,
        volunteer_hours=1500,
    )
    first = dt.date(year, 1, 1)
    span = (today - first).days
    for index in range(20):
        f.ActivityFactory(
            project=project,
            category=category,
            date=first + dt.timedelta(days=span * index // 20),
            participants=11,
            participants_new=2,
            participants_returning=9,
            volunteer_hours=Decimal(3),
        )
    f.ActivityFactory(
        project=project,
        category=category,
        date=today,
        participants=30,
        volunteer_hours=Decimal(9),
        cancelled=True,
    )
    f.ActivityFactory(
        project=project,
        category=category,
        date=today + dt.timedelta(days=1),
        participants=50,
        volunteer_hours=Decimal(9),
    )
    ReportedFigureFactory(project=project, figure="persons_reached", year=year, value=35)
    HourEntryFactory(volunteer=world.volunteer, date=today, hours=Decimal(10))
    HourEntryFactory(volunteer=world.other_volunteer, date=today, hours=Decimal("5.5"))
    HourEntryFactory(volunteer=world.volunteer, date=today, hours=Decimal(40), status="pending")
    centre_year = CentreYear.objects.create(
        centre=world.centre,
        year=year,
        staff_fte=Decimal("1.5"),
        owner_name="Fjordvik kommune",
        owner_kind="municipality",
        advisory_body="board",
        voluntary_sector_on_body=True,
        premises="Storgata 12",
        is_draft=False,
    )
    for source, amount in (
        ("state_grant", 480_046),
        ("municipality", 330_000),
        ("own_income", 20_000),
    ):
        CentreIncome.objects.create(centre_year=centre_year, source=source, amount=amount)
    return project


# The values every place must print: the same words, the same number.
ACTIVITIES = "20"
PARTICIPANTS = "220"
AVERAGE = "11,0"
ACTIVITY_HOURS = "60,0"
OWN_HOURS = "15,5"
TOTAL_HOURS = "75,5"
FTE = "0,76"
LOCAL_SHARE = "42,2 %"


def test_the_dashboard_shows_the_counted_figures_and_the_reported_one(world, login, truth):
    year = timezone.localdate().year
    page = _text(
        login(world.coordinator)
        .get(reverse("activities:dashboard"), {"project": truth.pk, "year": year})
        .content.decode()
    )
    assert f"Aktiviteter gjennomført {ACTIVITIES} av 220" in page
    assert f"Gjennomsnittlig antall deltakere per aktivitet {AVERAGE} av 10,0" in page
    assert "Personer nådd 40 av 210" in page
    assert "Rapportert av prosjektet 35 (avviker fra det telte tallet)" in page
    assert "Frivillige timer på aktiviteter 60,0 av 1 500,0" in page


def test_the_project_page_shows_counted_and_reported_side_by_side(world, login, truth):
    page = _text(
        login(world.coordinator)
        .get(reverse("activities:project_detail", args=[truth.pk]))
        .content.decode()
    )
    # Years as rows; a one-year project has no "whole period" row repeating its year.
    year = timezone.localdate().year
    assert (
        "År Aktiviteter gjennomført Deltakere Gjennomsnittlig antall deltakere per aktivitet "
        "Personer nådd Frivillige timer på aktiviteter "
        f"{year} {ACTIVITIES} {PARTICIPANTS} {AVERAGE} 40 telt · 35 rapportert 60,0"
    ) in page
    assert "Hele perioden" not in page


def test_the_hours_page_shows_both_logs_and_the_total(world, login, truth):
    year = timezone.localdate().year
    page = _text(login(world.coordinator).get(reverse("reports:hours")).content.decode())
    assert f"{year} {ACTIVITY_HOURS} {OWN_HOURS} (2 frivillige) {TOTAL_HOURS} {FTE}" in page
    # The per-volunteer table is a part, and says so.
    assert "En del av totalen" in page


def test_the_municipality_overview_and_its_downloads_agree(world, login, truth):
    year = timezone.localdate().year
    client = login(world.municipality_viewer)
    page = _text(client.get(reverse("reports:overview"), {"year": year}).content.decode())
    row = f"{world.centre.name} {ACTIVITIES} 220 (9 %) {PARTICIPANTS}"
    assert row in page
    assert f"{TOTAL_HOURS} {FTE} {LOCAL_SHARE}" in page

    csv = client.get(reverse("reports:overview_export", args=["csv"]), {"year": year})
    line = next(
        line for line in csv.content.decode("utf-8-sig").splitlines() if world.centre.name in line
    )
    cells = line.split(";")
    assert cells[1:5] == [ACTIVITIES, "220", "9", PARTICIPANTS]
    # Columns carry their key; active volunteers follow the registered ones.
    assert [Decimal(c) for c in cells[10:13]] == [Decimal("75.5"), Decimal("0.76"), Decimal("42.2")]

    xlsx = client.get(reverse("reports:overview_export", args=["xlsx"]), {"year": year})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    values = next(r for r in sheet.iter_rows(values_only=True) if r[0] == world.centre.name)
    assert values[1:5] == (20, 220, 9, 220)
    assert [Decimal(str(v)) for v in values[10:13]] == [
        Decimal("75.5"),
        Decimal("0.76"),
        Decimal("42.2"),
    ]


def test_the_start_page_cards_show_the_same_figures(world, login, truth):
    page = _text(login(world.coordinator).get(reverse("core:home")).content.decode())
    assert f"{ACTIVITIES} aktiviteter holdt i år (avlyste ikke medregnet)" in page
    assert LOCAL_SHARE in page


def test_the_statistics_page_and_the_annual_report_count_the_registry_alike(world, login, truth):
    year = timezone.localdate().year
    page = _text(login(world.coordinator).get(reverse("organisations:statistics")).content.decode())
    total = re.search(r"(\d+) aktive foreninger", page).group(1)
    text = folded(pdf_text(render_pdf(ReportParams(centre=world.centre, kind="annual", year=year))))
    assert f"Foreninger i registeret ved utgangen av {year} {total}" in text


def test_the_annual_report_prints_the_same_figures(world, truth):
    year = timezone.localdate().year
    text = folded(pdf_text(render_pdf(ReportParams(centre=world.centre, kind="annual", year=year))))
    assert f"Aktiviteter gjennomført {ACTIVITIES} 220 9 %" in text
    assert f"Deltakere {PARTICIPANTS}" in text
    assert f"Frivillige timer på aktiviteter {ACTIVITY_HOURS}" in text
    assert f"Frivillige timer registrert av de frivillige (2 frivillige) {OWN_HOURS}" in text
    assert f"Frivillige timer i alt {TOTAL_HOURS}" in text
    assert f"Årsverk {FTE}" in text
    assert f"Lokal andel av driftsinntektene {LOCAL_SHARE}" in text
    # The same "how it is counted" words as on the screens.
    assert "Hver time står i bare én av de to loggene, så ingen telles to ganger." in text


def test_the_project_reports_print_counted_and_reported_alike(world, truth):
    year = timezone.localdate().year
    annual = folded(
        pdf_text(
            render_pdf(ReportParams(centre=world.centre, kind="annual", year=year, project=truth))
        )
    )
    # Counted, reported (where the project reported the figure), target, share of target.
    assert f"Aktiviteter gjennomført {ACTIVITIES} – 220 9 %" in annual
    assert "Personer nådd 40 35 210 19 %" in annual
    # A project's hours are the hours on its activities: the volunteers' own are the centre's.
    assert "Frivillige timer på aktiviteter 60,0 – 1 500,0 4 %" in annual
    assert "Frivillige timer registrert av de frivillige" not in annual
    # A project's report leaves the centre's registry, volunteers and state grant out.
    assert "Foreninger i registeret" not in annual
    assert "Vilkårene for statstilskuddet" not in annual

    final = folded(
        pdf_text(
            render_pdf(ReportParams(centre=world.centre, kind="final", year=year, project=truth))
        )
    )
    # A one-year project: its year is its whole period, so no Total column repeats it.
    assert f"Tall {year} Aktiviteter gjennomført {ACTIVITIES} Mål" in final
    assert f"Deltakere {PARTICIPANTS} Gjennomsnittlig" in final
    assert "Personer nådd 40 telt · 35 rapportert" in final
    assert "Nådd, slik prosjektet har rapportert 35 17 %" in final
    assert "Nådd, telt som nye deltakere i aktivitetsloggen 40 19 %" in final
