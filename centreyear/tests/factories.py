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
