"""Starting and saving a centre's year: carry forward, permissions, optimistic locking."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from centreyear.models import CentreIncome, CentreYear
from centreyear.services import centre_year_save, centre_year_start
from core.permissions import access_for_user

from .factories import CentreYearFactory, incomes


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_it_starts_from_the_saved_year(world):
    cy = CentreYearFactory(centre=world.centre, year=2026)
    incomes(cy, state_grant=480_046)

    started, lines, carried_from = centre_year_start(centre=world.centre, year=2026)

    assert started == cy
    assert [line.amount for line in lines] == [480_046]
    assert carried_from is None


def test_it_starts_an_empty_draft_when_no_year_is_saved(world):
    started, lines, carried_from = centre_year_start(centre=world.centre, year=2026)

    assert started.pk is None and started.is_draft and started.version == 0
    assert lines == [] and carried_from is None


def test_it_carries_the_latest_earlier_year_forward_as_an_unsaved_draft(world):
    CentreYearFactory(centre=world.centre, year=2023, owner_name="Gammel eier")
    last = CentreYearFactory(centre=world.centre, year=2025, staff_fte=Decimal("2.00"))
    incomes(last, state_grant=480_046, municipality=330_000)
    CentreYearFactory(centre=world.other_centre, year=2025, owner_name="Annen")

    draft, lines, carried_from = centre_year_start(centre=world.centre, year=2026)

    assert carried_from == 2025
    assert draft.pk is None and draft.year == 2026 and draft.is_draft
    assert (draft.staff_fte, draft.owner_name) == (Decimal("2.00"), "Fjordvik kommune")
    assert [(line.source, line.amount, line.pk) for line in lines] == [
        ("state_grant", 480_046, None),
        ("municipality", 330_000, None),
    ]
    assert CentreYear.objects.filter(year=2026).count() == 0


def test_it_saves_a_carried_draft_as_a_new_year_without_touching_the_old(world):
    last = CentreYearFactory(centre=world.centre, year=2025)
    incomes(last, state_grant=480_046, municipality=330_000)
    draft, lines, _from = centre_year_start(centre=world.centre, year=2026)
    lines[1].amount = 350_000

    saved = centre_year_save(
        actor=access_for_user(world.coordinator),
        centre_year=draft,
        incomes=lines,
        expected_version=0,
    )

    assert (saved.year, saved.version, saved.updated_by) == (2026, 1, world.coordinator)
    assert sorted(saved.incomes.values_list("amount", flat=True)) == [350_000, 480_046]
    last.refresh_from_db()
    assert last.version == 1
    assert sorted(last.incomes.values_list("amount", flat=True)) == [330_000, 480_046]


def test_it_bumps_the_version_and_deletes_lines(world):
    cy = CentreYearFactory(centre=world.centre, year=2026, version=3)
    keep, drop = incomes(cy, state_grant=480_046, municipality=1)
    keep.amount = 480_047

    centre_year_save(
        actor=access_for_user(world.coordinator),
        centre_year=cy,
        incomes=[keep],
        deleted=[drop],
        expected_version=3,
    )

    cy.refresh_from_db()
    assert cy.version == 4
    assert list(cy.incomes.values_list("amount", flat=True)) == [480_047]


def test_it_refuses_a_save_when_someone_else_saved_in_the_meantime(world):
    cy = CentreYearFactory(centre=world.centre, year=2026, version=2, owner_name="Før")
    incomes(cy, state_grant=480_046)
    mine = CentreYear.objects.get(pk=cy.pk)
    mine.owner_name = "Min endring"

    with pytest.raises(ValidationError) as caught:
        centre_year_save(
            actor=access_for_user(world.coordinator),
            centre_year=mine,
            incomes=[CentreIncome(source="municipality", amount=5)],
            expected_version=1,
        )

    assert "Someone else saved these figures" in caught.value.messages[0]
    assert "Reload the page" in caught.value.messages[0]
    cy.refresh_from_db()
    assert (cy.owner_name, cy.version) == ("Før", 2)
    assert cy.incomes.count() == 1


def test_it_refuses_a_new_year_that_someone_else_has_created(world):
    draft, _lines, _from = centre_year_start(centre=world.centre, year=2026)
    CentreYearFactory(centre=world.centre, year=2026, owner_name="Først")

    with pytest.raises(ValidationError, match="Someone else saved"):
        centre_year_save(
            actor=access_for_user(world.coordinator), centre_year=draft, expected_version=0
        )
    assert CentreYear.objects.get(centre=world.centre, year=2026).owner_name == "Først"


@pytest.mark.parametrize(
    "role", ["other_coordinator", "municipality_viewer", "association", "volunteer_user"]
)
def test_it_lets_only_the_centres_coordinator_save(world, role):
    draft, _lines, _from = centre_year_start(centre=world.centre, year=2026)
    with pytest.raises(PermissionDenied):
        centre_year_save(
            actor=access_for_user(getattr(world, role)), centre_year=draft, expected_version=0
        )
    assert not CentreYear.objects.exists()


def test_it_refuses_an_income_line_of_another_year(world):
    cy = CentreYearFactory(centre=world.centre, year=2026)
    other = CentreYearFactory(centre=world.other_centre, year=2026)
    (foreign,) = incomes(other, state_grant=480_046)

    with pytest.raises(PermissionDenied):
        centre_year_save(
            actor=access_for_user(world.coordinator),
            centre_year=cy,
            incomes=[foreign],
            expected_version=1,
        )
    foreign.refresh_from_db()
    assert foreign.centre_year == other


def test_it_requires_complete_final_figures(world):
    draft, _lines, _from = centre_year_start(centre=world.centre, year=2026)
    draft.is_draft = False

    with pytest.raises(ValidationError) as caught:
        centre_year_save(
            actor=access_for_user(world.coordinator), centre_year=draft, expected_version=0
        )
    assert set(caught.value.message_dict) == {
        "staff_fte",
        "owner_name",
        "owner_kind",
        "advisory_body",
    }
    assert not CentreYear.objects.exists()
