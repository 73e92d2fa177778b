"""Projects with sub-goals, partners, grants, outcome counters and targets."""

import datetime as dt

import pytest
from django.urls import reverse

from activities.models import ActivityCategory
from activities.tests.factories import GrantFactory, OutcomeCounterFactory, PartnerFactory
from projects import selectors as project_selectors
from projects.models import Grant, OutcomeCounter, Partner, Project, YearTarget
from tests.factories import ProjectFactory, YearTargetFactory

EMPTY_FORMSETS = {
    f"{prefix}-{key}": value
    for prefix in (
        "targets",
        "goals",
        "goal_results",
        "reported",
        "partners",
        "grants",
        "budget",
        "outcomes",
    )
    for key, value in (
        ("TOTAL_FORMS", "0"),
        ("INITIAL_FORMS", "0"),
        ("MIN_NUM_FORMS", "0"),
        ("MAX_NUM_FORMS", "1000"),
    )
}


def _project_data(**overrides):
    return {
        "name": "Steg for Steg",
        "status": "running",
        "owner_name": "Blå Kors Fjordvik",
        "programme": "Tilskudd til frivillig aktivitet",
        "leader": "Kari Nordmann",
        "start_date": "2024-01-01",
        "end_date": "2026-12-31",
        "main_goal": "En meningsfull hverdag.",
        "planned_reach": "210",
        **EMPTY_FORMSETS,
        **overrides,
    }


def test_the_nine_activity_categories_are_seeded_by_migration(db):
    names = list(ActivityCategory.objects.values_list("name", flat=True))
    assert len(names) == 9
    assert names[0] == "Sosiale møteplasser"
    assert names[-1] == "Annet"


def test_a_coordinator_creates_a_project_with_targets_partners_grants_and_outcomes(world, login):
    data = _project_data(
        **{
            "targets-TOTAL_FORMS": "1",
            "targets-0-year": "2025",
            "targets-0-activities": "220",
            "targets-0-average_participants": "10",
            "partners-TOTAL_FORMS": "1",
            "partners-0-name": "NAV Fjordvik",
            "partners-0-kind": "public",
            "partners-0-role": "Praksisplasser",
            "partners-0-agreement_start": "2024-01-01",
            "partners-0-agreement_end": "2026-12-31",
            "grants-TOTAL_FORMS": "1",
            "grants-0-year": "2025",
            "grants-0-funder": "Helsedirektoratet",
            "grants-0-applied_nok": "750000",
            "grants-0-granted_nok": "700000",
            "outcomes-TOTAL_FORMS": "1",
            "outcomes-0-year": "2025",
            "outcomes-0-name": "Hadde kontakt med en tidgiver",
            "outcomes-0-value": "35",
            "goals-TOTAL_FORMS": "2",
            "goals-0-kind": "sub",
            "goals-0-text": "Fast tidgiver",
            "goals-0-unit": "number",
            "goals-0-position": "0",
            "goals-1-kind": "sub",
            "goals-1-text": "Arbeidspraksis",
            "goals-1-unit": "number",
            "goals-1-position": "1",
            "reported-TOTAL_FORMS": "1",
            "reported-0-figure": "persons_reached",
            "reported-0-value": "75",
        }
    )
    response = login(world.coordinator).post(reverse("activities:project_create"), data)
    assert response.status_code == 302
    project = Project.objects.get(name="Steg for Steg")
    assert project.centre == world.centre
    assert project.slug == "steg-for-steg"
    assert [goal.text for goal in project.goals.all()] == ["Fast tidgiver", "Arbeidspraksis"]
    reach = project.reported.get()
    assert (reach.figure, reach.year, reach.value) == ("persons_reached", None, 75)
    assert YearTarget.objects.get(project=project).activities == 220
    assert Partner.objects.get(project=project).centre == world.centre
    assert Grant.objects.get(project=project).granted_nok == 700_000
    assert OutcomeCounter.objects.get(project=project).value == 35
    page = login(world.coordinator).get(response.url).content.decode()
    assert "kr\xa0700\xa0000" in page
    assert "Hadde kontakt med en tidgiver: <strong>35</strong>" in page


def test_it_rejects_a_project_that_ends_before_it_starts(world, login):
    response = login(world.coordinator).post(
        reverse("activities:project_create"), _project_data(end_date="2023-01-01")
    )
    assert response.status_code == 200
    assert "Sluttdatoen må være samme dag som eller etter startdatoen." in response.content.decode()
    assert not Project.objects.exists()


def test_it_edits_a_project_and_deletes_a_partner(world, login):
    project = ProjectFactory(centre=world.centre, name="Gammelt navn")
    partner = PartnerFactory(project=project)
    data = _project_data(
        name="Nytt navn",
        **{
            "partners-TOTAL_FORMS": "1",
            "partners-INITIAL_FORMS": "1",
            "partners-0-id": partner.pk,
            "partners-0-project": project.pk,
            "partners-0-name": partner.name,
            "partners-0-kind": "public",
            "partners-0-DELETE": "on",
        },
    )
    response = login(world.coordinator).post(
        reverse("activities:project_edit", args=[project.pk]), data
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.name == "Nytt navn"
    assert not Partner.objects.exists()


def test_it_checks_ownership(world, login):
    foreign = ProjectFactory(centre=world.other_centre)
    client = login(world.coordinator)
    assert client.get(reverse("activities:project_edit", args=[foreign.pk])).status_code == 404
    assert (
        client.post(
            reverse("activities:project_edit", args=[foreign.pk]), _project_data()
        ).status_code
        == 404
    )
    assert client.get(reverse("activities:project_detail", args=[foreign.pk])).status_code == 404


def test_it_requires_rw_access(world, login):
    project = ProjectFactory(centre=world.centre, name="Uendret")
    client = login(world.municipality_viewer)
    assert client.get(reverse("activities:project_detail", args=[project.pk])).status_code == 200
    response = client.post(reverse("activities:project_edit", args=[project.pk]), _project_data())
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.name == "Uendret"


def test_a_municipality_viewer_reads_the_project_without_an_edit_link(world, login):
    project = ProjectFactory(centre=world.sibling_centre, name="Nordbyen-prosjektet")
    page = (
        login(world.municipality_viewer)
        .get(reverse("activities:project_detail", args=[project.pk]))
        .content.decode()
    )
    assert "Nordbyen-prosjektet" in page
    assert reverse("activities:project_edit", args=[project.pk]) not in page


@pytest.mark.parametrize("size", [1, 12])
def test_the_detail_runs_a_fixed_number_of_queries(world, login, size, django_assert_num_queries):
    project = ProjectFactory(centre=world.centre)
    PartnerFactory.create_batch(size, project=project)
    OutcomeCounterFactory.create_batch(size, project=project)
    for index in range(size):
        GrantFactory(project=project, year=2010 + index)
        YearTargetFactory(project=project, year=2010 + index)
    client = login(world.coordinator)
    # session, user, project, 4 prefetches; the project's first year (it has no start date);
    # counted and reported figures (2; the yearly targets only where a figure is compared),
    # goals and their results (2), budget lines (1).
    with django_assert_num_queries(14):
        response = client.get(reverse("activities:project_detail", args=[project.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 15])
def test_the_list_runs_a_fixed_number_of_queries(world, login, size, django_assert_num_queries):
    ProjectFactory.create_batch(size, centre=world.centre, start_date=dt.date(2025, 1, 1))
    client = login(world.coordinator)
    with django_assert_num_queries(3):
        response = client.get(reverse("activities:project_list"))
    assert response.status_code == 200


def test_selectors_give_reports_partners_grants_and_outcomes_per_year(world):
    from core.permissions import access_for_user

    project = ProjectFactory(centre=world.centre)
    PartnerFactory(project=project, name="NAV", kind="public")
    GrantFactory(
        project=project, year=2012, funder="Helsedir", applied_nok=700_000, granted_nok=650_000
    )
    GrantFactory(
        project=project, year=2013, funder="Helsedir", applied_nok=700_000, granted_nok=700_000
    )
    OutcomeCounterFactory(project=project, year=2013, name="Arbeidspraksis", value=5)
    access = access_for_user(world.coordinator)
    assert [p.name for p in project_selectors.partners_of(access=access, project=project)] == [
        "NAV"
    ]
    assert project_selectors.grant_totals_by_year(access=access, project=project) == [
        {"year": 2012, "applied": 700_000, "granted": 650_000},
        {"year": 2013, "applied": 700_000, "granted": 700_000},
    ]
    outcomes = project_selectors.outcomes_of(access=access, project=project, year=2013)
    assert [(o.name, o.value) for o in outcomes] == [("Arbeidspraksis", 5)]
    foreign = access_for_user(world.other_coordinator)
    assert not project_selectors.grants_of(access=foreign, project=project).exists()


def test_it_gives_each_years_goal_result_and_whether_it_reached_the_target(world):
    from activities.tests.factories import GoalResultFactory, ProjectGoalFactory
    from core.permissions import access_for_user

    project = ProjectFactory(centre=world.centre)
    goal = ProjectGoalFactory(project=project, target=80)
    GoalResultFactory(goal=goal, year=2024, value=72, comment="Første år")
    GoalResultFactory(goal=goal, year=2026, value=85, comment="Sluttsamtalene")
    access = access_for_user(world.coordinator)

    (row,) = project_selectors.goals_of(access=access, project=project, years=range(2024, 2027))[
        "effect"
    ]

    assert [(r.year, r.value, r.comment, reached) for r, reached in row.yearly] == [
        (2024, 72, "Første år", False),
        (2026, 85, "Sluttsamtalene", True),
    ]
    assert (row.latest.year, row.reached) == (2026, True)


def test_an_association_user_creates_and_edits_its_own_project(world, login):
    client = login(world.association)
    data = _project_data(name="Sanitetens besøkstjeneste", organisation=world.organisation.pk)
    response = client.post(reverse("activities:project_create"), data)
    assert response.status_code == 302
    project = Project.objects.get(name="Sanitetens besøkstjeneste")
    assert (project.organisation, project.centre) == (world.organisation, world.centre)
    response = client.post(
        reverse("activities:project_edit", args=[project.pk]),
        _project_data(name="Besøkstjenesten", organisation=world.organisation.pk),
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.name == "Besøkstjenesten"


def test_an_association_user_cannot_create_a_project_for_another_association(world, login):
    response = login(world.association).post(
        reverse("activities:project_create"),
        _project_data(organisation=world.other_organisation.pk),
    )
    assert response.status_code == 200
    assert not Project.objects.exists()


def test_an_association_user_sees_only_its_own_projects_in_the_list(world, login):
    ProjectFactory(centre=world.centre, name="Sentralens prosjekt")
    ProjectFactory(
        centre=world.centre, name="Turlagets prosjekt", organisation=world.other_organisation
    )
    ProjectFactory(centre=world.centre, name="Vårt prosjekt", organisation=world.organisation)
    page = login(world.association).get(reverse("activities:project_list")).content.decode()
    assert "Vårt prosjekt" in page
    assert "Sentralens prosjekt" not in page
    assert "Turlagets prosjekt" not in page


def test_an_association_user_reads_only_its_own_projects_grants_and_targets(world):
    from core.permissions import access_for_user

    own = ProjectFactory(centre=world.centre, organisation=world.organisation)
    centre_project = ProjectFactory(centre=world.centre)
    GrantFactory(project=own, year=2025)
    GrantFactory(project=centre_project, year=2025)
    YearTargetFactory(project=centre_project, year=2025)
    access = access_for_user(world.association)
    assert project_selectors.grants_of(access=access, project=own).count() == 1
    assert not project_selectors.grants_of(access=access, project=centre_project).exists()
    assert project_selectors.target_for(access=access, project=centre_project, year=2025) is None


def test_it_refuses_a_post_claiming_thousands_of_rows_without_building_them(world, login):
    data = _project_data(**{"targets-TOTAL_FORMS": "1000", "partners-TOTAL_FORMS": "1000"})

    response = login(world.coordinator).post(reverse("activities:project_create"), data)

    assert response.status_code == 200
    targets = dict((formset.prefix, formset) for _title, formset in response.context["formsets"])
    assert len(targets["targets"].forms) <= 50
    assert targets["targets"].non_form_errors()
    assert not Project.objects.exists()
