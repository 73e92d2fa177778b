"""The state grant's figures: local share, its 40 % threshold and the other conditions."""

from decimal import Decimal

import pytest
from django.utils import translation

from centreyear.models import CentreIncome, CentreYear
from centreyear.selectors import centre_year_figures, centre_year_overview

from .factories import CentreYearFactory, incomes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_it_computes_total_local_and_share_of_the_worked_example():
    cy = CentreYearFactory()
    incomes(cy, state_grant=480_046, municipality=330_000, own_income=20_000)

    figures = centre_year_figures(centre=cy.centre, year=2025)

    assert figures.total == 830_046
    assert figures.local == 350_000
    assert figures.local_share == Decimal("42.2")
    assert figures.meets_local_share
    assert figures.problems == ()
    assert [(s.source, s.amount) for s in figures.sources] == [
        ("state_grant", 480_046),
        ("municipality", 330_000),
        ("other_public", 0),
        ("private", 0),
        ("own_income", 20_000),
    ]


def test_it_flags_a_local_share_below_40_percent():
    cy = CentreYearFactory()
    incomes(cy, state_grant=480_046, municipality=300_000)

    figures = centre_year_figures(centre=cy.centre, year=2025)

    assert figures.local_share == Decimal("38.5")
    assert not figures.meets_local_share
    assert figures.local_shortfall == 20_031
    assert len(figures.problems) == 1
    assert "38.5 %" in figures.problems[0]
    assert "below the required 40 %" in figures.problems[0]


def test_it_does_not_count_the_state_grant_or_other_public_money_as_local():
    cy = CentreYearFactory()
    incomes(cy, state_grant=400_000, other_public=400_000, private=100_000, own_income=100_000)

    figures = centre_year_figures(centre=cy.centre, year=2025)

    assert (figures.total, figures.local, figures.local_share) == (1_000_000, 200_000, 20)


def test_it_decides_the_40_percent_on_exact_amounts_not_the_rounded_share():
    """With the 2024 grant of kr 480 046 the least local funding is kr 320 031."""
    enough = CentreYearFactory(year=2024)
    incomes(enough, state_grant=480_046, municipality=320_031)
    short = CentreYearFactory(centre=enough.centre, year=2023)
    incomes(short, state_grant=480_046, municipality=320_030)

    met = centre_year_figures(centre=enough.centre, year=2024)
    missed = centre_year_figures(centre=enough.centre, year=2023)

    assert met.meets_local_share and met.local_needed == 320_031
    assert missed.local_share == Decimal("40.0")
    assert not missed.meets_local_share
    assert missed.local_shortfall == 1


def test_it_sums_several_lines_of_one_source():
    cy = CentreYearFactory()
    incomes(cy, state_grant=480_046)
    incomes(cy, municipality=200_000)
    incomes(cy, municipality=130_000)

    assert centre_year_figures(centre=cy.centre, year=2025).local == 330_000


def test_it_has_no_share_and_flags_a_year_without_income():
    cy = CentreYearFactory()

    figures = centre_year_figures(centre=cy.centre, year=2025)

    assert figures.total == 0
    assert figures.local_share is None
    assert not figures.meets_local_share
    assert figures.problems == ("No income is entered.",)


def test_it_answers_none_for_a_year_not_entered():
    cy = CentreYearFactory()
    assert centre_year_figures(centre=cy.centre, year=2026) is None


def test_it_flags_staff_advisory_body_and_premises():
    cy = CentreYearFactory(
        staff_fte=Decimal("0.80"),
        advisory_body=CentreYear.AdvisoryBody.NONE,
        premises="",
        is_draft=True,
    )
    incomes(cy, state_grant=480_046, municipality=400_000)

    figures = centre_year_figures(centre=cy.centre, year=2025)

    assert not figures.meets_staff
    assert figures.problems == (
        "Staff is 0.80 full-time equivalents, below the required 1.",
        "No advisory body (council or board).",
        "No physical premises are entered.",
    )


def test_it_flags_an_advisory_body_without_the_voluntary_sector():
    cy = CentreYearFactory(
        advisory_body=CentreYear.AdvisoryBody.BOARD, voluntary_sector_on_body=False
    )
    incomes(cy, state_grant=480_046, municipality=400_000)

    figures = centre_year_figures(centre=cy.centre, year=2025)

    assert figures.advisory_body_label == "Board (styre)"
    assert figures.problems == ("The voluntary sector is not represented on the advisory body.",)


def test_it_reads_one_year_in_two_queries(django_assert_num_queries):
    cy = CentreYearFactory()
    incomes(cy, state_grant=480_046, municipality=330_000, own_income=20_000)
    with django_assert_num_queries(2):
        centre_year_figures(centre=cy.centre, year=2025)


def test_it_reads_many_centres_in_two_queries(django_assert_num_queries):
    years = [CentreYearFactory() for _ in range(4)]
    for cy in years[:3]:
        incomes(cy, state_grant=480_046, municipality=330_000)
    centres = [cy.centre for cy in years]
    missing = CentreYearFactory(year=2024).centre  # saved for another year only

    with django_assert_num_queries(2):
        overview = centre_year_overview(centres=[*centres, missing], year=2025)

    assert set(overview) == {c.pk for c in centres}
    assert overview[centres[0].pk].total == 810_046
    assert overview[centres[3].pk].total == 0
    assert CentreIncome.objects.count() == 6
