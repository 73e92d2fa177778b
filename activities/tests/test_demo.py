"""The demo data of the activities app."""

from demo.seed import seed
from projects.models import (
    BudgetLine,
    Grant,
    OutcomeCounter,
    Partner,
    Project,
    ProjectGoal,
    ReportedFigure,
)


def test_the_demo_has_partners_grants_and_outcomes_and_is_idempotent(db):
    seed()
    seed()
    steg = Project.objects.get(slug="steg-for-steg")
    assert sorted(Grant.objects.filter(project=steg).values_list("granted_nok", flat=True)) == [
        650_000,
        700_000,
    ]
    assert set(Partner.objects.values_list("kind", flat=True)) == {"public", "private"}
    assert OutcomeCounter.objects.filter(name="Hadde kontakt med en tidgiver", value=35).exists()


def test_the_demo_has_a_project_that_reports_its_figures(db):
    seed()
    seed()
    veien = Project.objects.get(slug="veien-til-et-helt-vanlig-liv")
    assert not veien.activities.exists()
    assert veien.planned_reach == 210
    reach = ReportedFigure.objects.get(project=veien, figure="persons_reached")
    assert (reach.year, reach.value) == (None, 75)
    effect = ProjectGoal.objects.get(project=veien, kind="effect")
    assert (effect.target, effect.unit) == (80, "percent")
    year = veien.end_date.year
    lines = BudgetLine.objects.filter(project=veien, year=year, kind="expense")
    assert sorted(line.budget for line in lines) == [20_000, 230_000]
