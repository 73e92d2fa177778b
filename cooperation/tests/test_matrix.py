"""Each role against each page of cooperation: a table of expected answers (GET).

The harness, and what a row says: tests/matrix.py."""

import pytest

from conftest import module_rows
from cooperation.tests.factories import PartnershipFactory, StoryFactory, UnitFactory
from tests.factories import OrganisationFactory
from tests.matrix import matrix_test


@pytest.fixture(scope="module")
def cooperation_objects(shared_world, django_db_blocker):
    with module_rows(django_db_blocker):
        own = PartnershipFactory(organisation=shared_world.organisation)
        other = PartnershipFactory(organisation=shared_world.other_organisation)
        sibling = PartnershipFactory(
            organisation=OrganisationFactory(centre=shared_world.sibling_centre)
        )
        foreign = PartnershipFactory(organisation=shared_world.foreign_organisation)
        return {
            "own": own,
            "other": other,
            "sibling": sibling,
            "foreign": foreign,
            "story": StoryFactory(partnership=own, status="submitted"),
            "unit": UnitFactory(municipality=shared_world.municipality),
        }


READ = {"anonymous": "login", "coordinator": 200, "association": 200, "municipality_viewer": 200}
MATRIX = [
    ("cooperation:partnerships", None, {**READ, "*": 403}),
    ("cooperation:partnership_create", None, {"anonymous": "login", "coordinator": 200, "*": 403}),
    ("cooperation:partnership_detail", lambda w, x: [x["own"].pk], {**READ, "*": 403}),
    (
        "cooperation:partnership_detail",
        lambda w, x: [x["other"].pk],
        {**READ, "association": 404, "*": 403},
    ),
    # The municipality reads every centre of its municipality; the centre only its own.
    (
        "cooperation:partnership_detail",
        lambda w, x: [x["sibling"].pk],
        {**READ, "coordinator": 404, "association": 404, "*": 403},
    ),
    (
        "cooperation:partnership_detail",
        lambda w, x: [x["foreign"].pk],
        {**READ, "coordinator": 404, "association": 404, "municipality_viewer": 404, "*": 403},
    ),
    (
        "cooperation:partnership_edit",
        lambda w, x: [x["own"].pk],
        {"anonymous": "login", "coordinator": 200, "*": 403},
    ),
    (
        "cooperation:story_create",
        lambda w, x: [x["own"].pk],
        {**READ, "municipality_viewer": 403, "*": 403},
    ),
    ("cooperation:story_detail", lambda w, x: [x["story"].pk], {**READ, "*": 403}),
    (
        "cooperation:story_edit",
        lambda w, x: [x["story"].pk],
        {**READ, "municipality_viewer": 403, "*": 403},
    ),
    (
        "cooperation:story_approve",
        lambda w, x: [x["story"].pk],
        {"anonymous": "login", "municipality_viewer": 200, "*": 403},
    ),
    (
        "cooperation:units",
        None,
        {"anonymous": "login", "coordinator": 200, "municipality_viewer": 200, "*": 403},
    ),
    (
        "cooperation:unit_edit",
        lambda w, x: [x["unit"].pk],
        {"anonymous": "login", "coordinator": 200, "*": 403},
    ),
    (
        "cooperation:booklet",
        None,
        {"anonymous": "login", "coordinator": 200, "municipality_viewer": 200, "*": 403},
    ),
    (
        "cooperation:reported_years",
        None,
        {"anonymous": "login", "coordinator": 200, "association": 200, "*": 403},
    ),
    (
        "cooperation:supports",
        None,
        {"anonymous": "login", "coordinator": 200, "municipality_viewer": 200, "*": 403},
    ),
    (
        "cooperation:national_register",
        None,
        {"anonymous": "login", "coordinator": 200, "municipality_viewer": 200, "*": 403},
    ),
    ("reports:years", None, {**READ, "*": 403}),
    ("reports:years_export", lambda w, x: ["csv"], {**READ, "*": 403}),
    (
        "reports:years_export",
        lambda w, x: ["pdf"],
        {**READ, "coordinator": 404, "association": 404, "*": 403},
    ),
    (
        "reports:national_export",
        None,
        {"anonymous": "login", "coordinator": 200, "municipality_viewer": 200, "*": 403},
    ),
    ("samarbeid:centre", lambda w, x: [w.centre.slug], {"*": 200}),
    ("samarbeid:municipality", lambda w, x: [w.municipality.slug], {"*": 200}),
]

test_it_answers_each_role_as_the_matrix_says = matrix_test(MATRIX, objects="cooperation_objects")
