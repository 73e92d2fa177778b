"""The demo data of the activities app."""

from activities.models import Grant, OutcomeCounter, Partner
from demo.seed import seed


def test_the_demo_has_partners_grants_and_outcomes_and_is_idempotent(db):
    seed()
    seed()
    assert sorted(Grant.objects.values_list("granted_nok", flat=True)) == [650_000, 700_000]
    assert set(Partner.objects.values_list("kind", flat=True)) == {"public", "private"}
    assert OutcomeCounter.objects.filter(name="Hadde kontakt med en tidgiver", value=35).exists()
