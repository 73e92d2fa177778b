"""A project whose figures were reported, not logged: its reports say so, and print its
reported reach, its effect goals and its budget against the accounts, without rows of zeros.
The annual evaluation of a centre documents the state grant's conditions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from activities.tests.factories import (
    BudgetLineFactory,
    GoalResultFactory,
    ProjectGoalFactory,
    ReportedFigureFactory,
)
from core.models import CentreIncome, CentreYear
from core.permissions import Access
from projects import selectors as project_selectors
from reports import figures
from reports.rendering import ReportParams, render_pdf
from tests import factories as f

from .conftest import YEAR
from .test_pdf import folded, pdf_text


@pytest.fixture
def veien(world):
    """ "Veien til et helt vanlig liv": planned 210 persons, reached 75, effect goal 80 %."""
    project = f.ProjectFactory(
        centre=world.centre,
        name="Veien til et helt vanlig liv",
        start_date=dt.date(YEAR - 1, 1, 1),
        end_date=dt.date(YEAR, 12, 31),
        planned_reach=210,
        main_goal="Et helt vanlig liv.",
    )
    ReportedFigureFactory(project=project, figure="persons_reached", year=None, value=75)
    ReportedFigureFactory(
        project=project, figure="project_volunteers", year=YEAR, value=47, is_approximate=True
    )
    ProjectGoalFactory(
        project=project, kind="sub", text="Fast tidgiver hver uke", target=None, unit="number"
    )
    effect = ProjectGoalFactory(project=project, measure="Andel som når hovedmålene sine")
    GoalResultFactory(goal=effect, year=YEAR - 1, value=72, comment="Første år")
    GoalResultFactory(goal=effect, year=YEAR, value=Decimal("82.5"), comment="Sluttsamtalene")
    for year in (YEAR - 1, YEAR):
        BudgetLineFactory(
            project=project, year=year, name="Prosjektledelse", budget=115_000, accounts=114_000
        )
        BudgetLineFactory(
            project=project, year=year, name="Tiltak i prosjektet", budget=10_000, accounts=11_000
        )
    BudgetLineFactory(
        project=project,
        year=YEAR,
        kind="income",
        source="state_grant",
        name="Helsedirektoratet",
        budget=250_000,
        accounts=250_000,
    )
    return project


def test_the_figures_have_no_counted_values_and_the_budget_adds_up(world, veien):
    data = figures.final_figures(centre=world.centre, project=veien, year=YEAR)

    assert not data.logged
    assert (data.reach.counted, data.reach.reported) == (None, 75)
    assert data.reach_reported_percent == 36
    # Only the figures with data: reach (the period's) and volunteers (the year's).
    assert [key for key, _cells, _total in data.figures.rows] == [
        "persons_reached.total",
        "volunteers.engaged",
    ]
    assert [row["kind"] for row in data.results_table] == ["figure", "figure"]
    budget = data.budget
    assert [(row.label, row.budget, row.accounts) for row in budget.expenses] == [
        ("Prosjektledelse", 230_000, 228_000),
        ("Tiltak i prosjektet", 20_000, 22_000),
    ]
    assert (budget.expense_total.budget, budget.expense_total.accounts) == (250_000, 250_000)
    assert budget.result == 0
    effect = data.goals["effect"][0]
    assert (effect.latest.value, effect.reached) == (Decimal("82.5"), True)


def test_the_final_report_prints_reported_reach_goals_and_budget_without_zeros(world, veien):
    text = folded(
        pdf_text(
            render_pdf(ReportParams(centre=world.centre, kind="final", year=YEAR, project=veien))
        )
    )

    assert "deltakere på 0 aktiviteter" not in text
    assert "Aktiviteter gjennomført" not in text
    assert "Deltakere " not in text.split("Tall år for år")[1].split("Budsjett")[0]
    assert "Ingen aktiviteter i prosjektet ble registrert i Frivillig" in text
    assert "Nådd, slik prosjektet har rapportert 75 36 %" in text
    assert "Planlagt for hele perioden 210" in text
    # Section 1: the main goal and the sub-goals; section 2: the effect goal, its target and
    # each year's result.
    assert "Delmål Fast tidgiver hver uke Bakgrunn" in text
    assert (
        "80 % av deltakerne når hovedmålene de satte seg ved oppstart. "
        "Andel som når hovedmålene sine 80 % 2024 72 % Nei Første år "
        "2025 82,5 % Ja Sluttsamtalene"
    ) in text
    # Budget against accounts, totals computed: 230 000 + 20 000 = 250 000.
    assert "Prosjektledelse kr 230 000 kr 228 000 kr \u22122 000" in text
    assert "Tiltak i prosjektet kr 20 000 kr 22 000 kr 2 000" in text
    assert "Sum kostnader kr 250 000 kr 250 000 kr 0" in text
    assert "Statstilskudd kr 250 000 kr 250 000 kr 0" in text
    # Years without data are left out; persons reached is the period's, volunteers the year's,
    # and with one year shown that year's figure is the period's too (not "–").
    assert "Tall 2025 Totalt Personer nådd – 75 (rapportert)" in text
    assert "Frivillige engasjert ca. 47 (rapportert) ca. 47 (rapportert)" in text


def test_the_projects_annual_evaluation_says_nothing_was_logged(world, veien):
    text = folded(
        pdf_text(
            render_pdf(ReportParams(centre=world.centre, kind="annual", year=YEAR, project=veien))
        )
    )
    assert (
        "Ingen aktiviteter i Veien til et helt vanlig liv ble registrert i Frivillig i 2025" in text
    )
    assert "Frivillige engasjert ca. 47 (rapportert)" in text
    assert "0 aktiviteter ble gjennomført" not in text
    assert "Budsjett og regnskap 2025" in text
    assert "Sum kostnader kr 125 000 kr 125 000 kr 0" in text


def _centre_year(centre, **amounts):
    centre_year = CentreYear.objects.create(
        centre=centre,
        year=YEAR,
        staff_fte=Decimal("1.2"),
        owner_name="Fjordvik kommune",
        owner_kind="municipality",
        advisory_body="board",
        voluntary_sector_on_body=True,
        premises="Storgata 12",
        is_draft=False,
    )
    for source, amount in amounts.items():
        CentreIncome.objects.create(centre_year=centre_year, source=source, amount=amount)
    return centre_year


def test_the_centres_annual_evaluation_prints_the_local_share_exactly(world):
    _centre_year(world.centre, state_grant=480_046, municipality=330_000, own_income=20_000)

    text = folded(pdf_text(render_pdf(ReportParams(centre=world.centre, kind="annual", year=YEAR))))

    assert "Vilkårene for statstilskuddet" in text
    assert "Sum driftsinntekter kr 830 046" in text
    assert "Lokal finansiering kr 350 000" in text
    assert "Lokal andel av driftsinntektene 42,2 %" in text
    assert "under de 40 %" not in text


def test_it_flags_a_local_share_below_40_per_cent(world):
    _centre_year(world.centre, state_grant=480_046, municipality=300_000)

    text = folded(pdf_text(render_pdf(ReportParams(centre=world.centre, kind="annual", year=YEAR))))

    assert "Lokal andel av driftsinntektene 38,5 %" in text
    assert "Den lokale andelen er 38,5 %, under de 40 % statstilskuddet krever" in text


def test_no_difference_is_computed_while_a_year_has_no_accounts(world, veien):

    BudgetLineFactory(project=veien, year=YEAR + 1, name="Prosjektledelse", budget=115_000)
    budget = project_selectors.budget_of(access=Access.system([world.centre]), project=veien)
    line = budget.expenses[0]
    assert (line.budget, line.accounts, line.difference) == (345_000, 228_000, None)
    assert budget.expense_total.difference is None
    assert budget.result is None
    assert budget.years_without_accounts == [YEAR + 1]
