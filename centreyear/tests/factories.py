from decimal import Decimal

import factory

from centreyear.models import CentreIncome, CentreYear
from tests.factories import CentreFactory


class CentreYearFactory(factory.django.DjangoModelFactory):
    """A complete year that meets every condition except, until incomes are added, funding."""

    class Meta:
        model = CentreYear

    centre = factory.SubFactory(CentreFactory)
    year = 2025
    staff_fte = Decimal("1.50")
    owner_name = "Fjordvik kommune"
    owner_kind = CentreYear.OwnerKind.MUNICIPALITY
    advisory_body = CentreYear.AdvisoryBody.COUNCIL
    voluntary_sector_on_body = True
    premises = "Storgata 1, kafé og møterom"
    is_draft = False
    version = 1


class CentreIncomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CentreIncome

    centre_year = factory.SubFactory(CentreYearFactory)
    source = CentreIncome.Source.STATE_GRANT
    amount = 480_046


def incomes(centre_year: CentreYear, **amounts: int) -> list[CentreIncome]:
    """incomes(cy, state_grant=480_046, municipality=330_000): one line per source."""
    return [
        CentreIncomeFactory(centre_year=centre_year, source=source, amount=amount)
        for source, amount in amounts.items()
    ]


# A valid organisation number (modulus 11) per centre of the tests' world.
ORGNR = ("123456785", "974760673", "982463718")


def complete_year(centre, year: int, *, orgnr: str = ORGNR[0], **overrides) -> CentreYear:
    """A final centre year that meets all eight conditions (local share 42,2 %), unless
    `overrides` say otherwise (e.g. premises="", municipality=200_000)."""
    amounts = {
        "state_grant": overrides.pop("state_grant", 480_046),
        "municipality": overrides.pop("municipality", 330_000),
        "own_income": overrides.pop("own_income", 20_000),
    }
    fields = {
        "staff_fte": Decimal("1.50"),
        "owner_name": "Fjordvik kommune",
        "owner_kind": CentreYear.OwnerKind.MUNICIPALITY,
        "advisory_body": CentreYear.AdvisoryBody.COUNCIL,
        "voluntary_sector_on_body": True,
        "advisory_members": "Kari Nordmann, Fjordvik Turlag\nOla Hansen, Sanitetsforeningen",
        "premises": "Storgata 1, Fjordvik",
        "organisation_number": orgnr,
        "activity_purpose": "An open meeting place that links the municipality and associations.",
        "accounts_note": "Accounts approved by the board 12.03.",
        "expect_diversity": "Language café every week.",
        "is_draft": False,
        **overrides,
    }
    centre_year = CentreYearFactory(centre=centre, year=year, **fields)
    incomes(centre_year, **{k: v for k, v in amounts.items() if v})
    return centre_year
