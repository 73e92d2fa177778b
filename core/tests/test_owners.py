"""Ownership declared once: every centre model says who owns its rows (`Owners`), and the rows a
limited role sees (`owned_by`) and who may change a row (`is_editable_by`) are derived from it.

The reference rules below are the per-model overrides the declaration replaced, kept here to
prove the derivation changes nothing: the same SQL and the same rows for every model and role.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.apps import apps
from django.db import models

from activities.models import DoorCount
from activities.tests import factories as af
from conftest import module_rows
from core.models import SELF, CentreScopedModel, CentreScopedQuerySet, Owners
from core.permissions import Access, access_for_user
from organisations.models import ContactConsent, HelpOffer
from tests import factories as f
from volunteers.tests import factories as vf

CENTRE_MODELS = sorted(
    (m for m in apps.get_models() if issubclass(m, CentreScopedModel)),
    key=lambda m: m._meta.label,
)

# Where the rule is genuinely not ownership, the queryset keeps its own `owned_by`, and says why.
OWN_OWNED_BY = {"rotas.Rota", "rotas.Shift"}

# --- The rules as they were written before the declaration ------------------------------------

OldOwnedBy = Callable[[models.QuerySet, Access], models.QuerySet]


def _association(path: str) -> OldOwnedBy:
    def owned_by(qs: models.QuerySet, access: Access) -> models.QuerySet:
        if access.is_association:
            return qs.filter(**{path: access.user_id})
        return qs.none()

    return owned_by


def _volunteer(path: str) -> OldOwnedBy:
    def owned_by(qs: models.QuerySet, access: Access) -> models.QuerySet:
        if access.is_volunteer:
            return qs.filter(**{path: access.user_id})
        return qs.none()

    return owned_by


def _project(qs: models.QuerySet, access: Access) -> models.QuerySet:
    if access.is_association:
        return qs.filter(
            models.Q(organisation__isnull=True)
            | models.Q(organisation__memberships__user_id=access.user_id)
        )
    return qs.none()


def _task(qs: models.QuerySet, access: Access) -> models.QuerySet:
    if access.is_association:
        return qs.filter(organisation__memberships__user_id=access.user_id)
    if access.is_volunteer:
        return qs.filter(matches__volunteer__user_id=access.user_id).distinct()
    return qs.none()


def _match(qs: models.QuerySet, access: Access) -> models.QuerySet:
    if access.is_volunteer:
        return qs.filter(volunteer__user_id=access.user_id)
    if access.is_association:
        return qs.filter(task__organisation__memberships__user_id=access.user_id)
    return qs.none()


_project_part = _association("project__organisation__memberships__user_id")
_organised = _association("organiser__memberships__user_id")
_volunteer_owned = _volunteer("volunteer__user")

OLD_OWNED_BY: dict[str, OldOwnedBy] = {
    "organisations.Organisation": _association("memberships__user_id"),
    "projects.Project": _project,
    **{
        f"projects.{name}": _project_part
        for name in [
            "Partner",
            "Grant",
            "OutcomeCounter",
            "YearTarget",
            "ReportedFigure",
            "ProjectGoal",
            "GoalResult",
            "BudgetLine",
        ]
    },
    "activities.ActivitySeries": _organised,
    "activities.Activity": _organised,
    "activities.DoorCount": _association("activity__organiser__memberships__user_id"),
    "organisations.ContactConsent": _association("organisation__memberships__user_id"),
    "organisations.HelpOffer": _association("organisation__memberships__user_id"),
    # New models state their rule here too (the organisation of the partnership owns them).
    "cooperation.Partnership": _association("organisation__memberships__user_id"),
    **{
        f"cooperation.{name}": _association("partnership__organisation__memberships__user_id")
        for name in ["Contribution", "Contact", "Outcome", "Story"]
    },
    "cooperation.ReportedYear": _association("organisation__memberships__user_id"),
    "cooperation.MunicipalSupport": _project_part,
    "cooperation.StoryConsent": _association(
        "story__partnership__organisation__memberships__user_id"
    ),
    "volunteers.Volunteer": _volunteer("user_id"),
    "tasks.Task": _task,
    "tasks.Match": _match,
    "hours.HourEntry": _volunteer_owned,
    "rotas.ShiftSignup": _volunteer_owned,
    "volunteers.Certificate": _volunteer_owned,
    # Kept as the querysets' own rules (not ownership): the open rotas are every volunteer's.
    "rotas.Rota": lambda qs, access: (
        qs.filter(is_active=True) if access.is_volunteer else qs.none()
    ),
    "rotas.Shift": lambda qs, access: (
        qs.filter(rota__is_active=True) if access.is_volunteer else qs.none()
    ),
}


def old_owned_by(qs: models.QuerySet, access: Access) -> models.QuerySet:
    rule = OLD_OWNED_BY.get(qs.model._meta.label)
    return qs.none() if rule is None else rule(qs, access)


def old_is_editable_by(row: CentreScopedModel, access: Access) -> bool:
    in_centre = row.centre_id in access.centre_ids
    if access.is_association:
        label = row._meta.label
        if label == "organisations.Organisation":
            return in_centre and row.pk in access.association_ids
        field = {
            "projects.Project": "organisation_id",
            "tasks.Task": "organisation_id",
            "activities.Activity": "organiser_id",
            "activities.ActivitySeries": "organiser_id",
            "cooperation.ReportedYear": "organisation_id",
        }.get(label)
        if field is not None:
            owner_id = getattr(row, field)
            return in_centre and owner_id is not None and owner_id in access.association_ids
    return access.is_coordinator and in_centre


# --- A world with rows of every owned model, owned by each association and volunteer ----------


@pytest.fixture(scope="module")
def owned_world(shared_world, django_db_blocker):
    """Written once for the module: its tests only read (conftest.shared_world)."""
    with module_rows(django_db_blocker):
        owners = [shared_world.organisation, shared_world.other_organisation, None]
        for organisation in [*owners, shared_world.foreign_organisation]:
            centre = organisation.centre if organisation else shared_world.centre
            project = f.ProjectFactory(centre=centre, organisation=organisation)
            for factory in [
                af.PartnerFactory,
                af.GrantFactory,
                af.OutcomeCounterFactory,
                af.ReportedFigureFactory,
                af.BudgetLineFactory,
            ]:
                factory(project=project)
            f.YearTargetFactory(project=project)
            af.GoalResultFactory(goal=af.ProjectGoalFactory(project=project))
            activity = f.ActivityFactory(project=project, organiser=organisation)
            DoorCount.objects.create(
                centre=centre, activity=activity, key=f"door-{activity.pk}", delta=1
            )
            af.ActivitySeriesFactory(project=project, organiser=organisation)
        for organisation in [
            shared_world.organisation,
            shared_world.other_organisation,
            shared_world.foreign_organisation,
        ]:
            ContactConsent.objects.create(
                centre=organisation.centre, organisation=organisation, published="email", text="Ja"
            )
            HelpOffer.objects.create(
                centre=organisation.centre,
                organisation=organisation,
                name="Vera",
                email="vera@example.org",
                message="Jeg vil hjelpe",
            )
        from cooperation.models import (
            Contact,
            MunicipalSupport,
            Outcome,
            ReportedYear,
            StoryConsent,
        )
        from cooperation.tests import factories as cf

        for organisation in [
            shared_world.organisation,
            shared_world.other_organisation,
            shared_world.foreign_organisation,
        ]:
            partnership = cf.PartnershipFactory(organisation=organisation)
            cf.ContributionFactory(partnership=partnership)
            Contact.objects.create(
                partnership=partnership, centre=partnership.centre, side="x", name="N"
            )
            Outcome.objects.create(
                partnership=partnership, centre=partnership.centre, year=2025, name="Jobb", value=1
            )
            cf.StoryFactory(partnership=partnership, published=True)
            ReportedYear.objects.create(
                organisation=organisation, centre=organisation.centre, year=2006, activities=3
            )
            MunicipalSupport.objects.create(
                centre=organisation.centre,
                project=f.ProjectFactory(centre=organisation.centre, organisation=organisation),
                year=2025,
                kind="activity",
                amount=1,
            )
        assert StoryConsent.objects.system().exists()
        task_of = {o: vf.TaskFactory(centre=shared_world.centre, organisation=o) for o in owners}
        vf.MatchFactory(task=task_of[shared_world.organisation], volunteer=shared_world.volunteer)
        vf.MatchFactory(
            task=task_of[shared_world.other_organisation], volunteer=shared_world.other_volunteer
        )
        vf.MatchFactory(task=task_of[None], volunteer=shared_world.volunteer)
        vf.MatchFactory(task=task_of[None], volunteer=shared_world.other_volunteer)
        active = vf.RotaFactory(centre=shared_world.centre)
        closed = vf.RotaFactory(centre=shared_world.centre, is_active=False)
        for volunteer in [
            shared_world.volunteer,
            shared_world.other_volunteer,
            shared_world.foreign_volunteer,
        ]:
            vf.HourEntryFactory(volunteer=volunteer)
            vf.CertificateFactory(volunteer=volunteer)
            if volunteer.centre_id == shared_world.centre.pk:
                for rota in [active, closed]:
                    vf.ShiftSignupFactory(shift=vf.ShiftFactory(rota=rota), volunteer=volunteer)
        return shared_world


def accesses(world) -> list[Access]:
    users = [world.coordinator, world.association, world.volunteer_user, world.municipality_viewer]
    return [access_for_user(user) for user in users]


# --- The declaration is complete -------------------------------------------------------------


def _reached(model: type[models.Model], path: str) -> type[models.Model]:
    if path == SELF:
        return model
    for name in path.split("__"):
        related = model._meta.get_field(name).related_model
        assert related is not None, f"{path} leaves the relations at {name}"
        model = related  # type: ignore[assignment]  # a relation leads to a model
    return model


@pytest.mark.parametrize("model", CENTRE_MODELS, ids=lambda m: m._meta.label)
def test_every_centre_model_declares_its_owners_or_that_it_has_none(model):
    owners = model.owners
    assert isinstance(owners, Owners), (
        f"{model._meta.label} declares no owners: set `owners = Owners(...)`, or "
        "`owners = CENTRE_ONLY` when only the centre sees and changes its rows."
    )
    if owners.association is not None:
        assert _reached(model, owners.association) is apps.get_model("organisations.Organisation")
    if owners.volunteer is not None:
        assert _reached(model, owners.volunteer) is apps.get_model("volunteers.Volunteer")


def test_only_documented_models_keep_rules_of_their_own():
    own_owned_by = {
        m._meta.label
        for m in CENTRE_MODELS
        for cls in type(m.objects.all()).__mro__
        if "owned_by" in cls.__dict__ and cls is not CentreScopedQuerySet
    }
    own_edit_rule = {
        m._meta.label
        for m in CENTRE_MODELS
        for cls in m.__mro__
        if "is_editable_by" in cls.__dict__ and cls is not CentreScopedModel
    }
    assert own_owned_by == OWN_OWNED_BY
    assert own_edit_rule == set()
    assert all(apps.get_model(label).owners.is_centre_only for label in OWN_OWNED_BY)


def test_it_refuses_an_edit_right_through_more_than_one_relation():
    with pytest.raises(ValueError):
        Owners(association="project__organisation", association_edits=True)


# --- The derived rules are the old ones -------------------------------------------------------


def _sql(qs: models.QuerySet) -> str:
    return "(none)" if qs.query.is_empty() else str(qs.query)


@pytest.mark.parametrize("model", CENTRE_MODELS, ids=lambda m: m._meta.label)
def test_the_derived_owned_by_is_the_old_one(owned_world, db, model):
    everything = set(model.objects.system().values_list("pk", flat=True))
    seen_by_someone = set()
    for access in accesses(owned_world):
        derived = model.objects.system().owned_by(access)
        old = old_owned_by(model.objects.system(), access)
        assert _sql(derived) == _sql(old), access
        rows = list(derived.values_list("pk", flat=True))
        assert sorted(rows) == sorted(old.values_list("pk", flat=True)), access
        assert len(rows) == len(set(rows)), f"{access} sees a row twice"
        seen_by_someone |= set(rows)
    if model._meta.label in OLD_OWNED_BY:
        # The world holds rows each role owns and rows it does not: the check is not empty.
        assert set() < seen_by_someone < everything


@pytest.mark.parametrize("model", CENTRE_MODELS, ids=lambda m: m._meta.label)
def test_the_derived_edit_right_is_the_old_one(owned_world, db, model):
    for row in model.objects.system():
        for access in accesses(owned_world):
            assert row.is_editable_by(access) == old_is_editable_by(row, access), (row, access)
