import pytest
from django.urls import reverse

from activities.models import Activity
from core.permissions import access_for_user
from organisations.models import Organisation
from projects.models import Project
from tests import factories as f
from volunteers.models import Volunteer


def test_it_gives_a_coordinator_404_for_every_association_of_another_centre(world, login):
    client = login(world.coordinator)
    for organisation in Organisation.objects.filter(centre=world.other_centre):
        response = client.get(reverse("organisations:detail", args=[organisation.pk]))
        assert response.status_code == 404


def test_it_lists_only_the_coordinators_own_centre(world, login):
    f.OrganisationFactory(centre=world.sibling_centre, name="Søsterforening")
    response = login(world.coordinator).get(reverse("organisations:list"))
    names = {o.name for o in response.context["page"].object_list}
    assert names == {"Fjordvik Sanitetsforening", "Fjordvik Turlag"}


@pytest.mark.parametrize("model", [Organisation, Volunteer, Project, Activity])
def test_it_scopes_every_centre_model_through_visible_to(world, model):
    f.ActivityFactory(project=f.ProjectFactory(centre=world.centre))
    f.ActivityFactory(project=f.ProjectFactory(centre=world.other_centre))
    access = access_for_user(world.coordinator)
    visible = model.objects.visible_to(access)
    assert visible.exists()
    assert not visible.exclude(centre=world.centre).exists()


def test_it_lets_a_municipality_viewer_see_all_centres_of_its_municipality_only(world):
    access = access_for_user(world.municipality_viewer)
    assert access.centre_ids == {world.centre.pk, world.sibling_centre.pk}
    assert not access.can_write


def test_it_limits_an_association_user_to_its_own_association(world):
    access = access_for_user(world.association)
    assert list(Organisation.objects.visible_to(access)) == [world.organisation]
    assert world.organisation.is_editable_by(access)
    assert not world.other_organisation.is_editable_by(access)


def test_it_limits_a_volunteer_to_their_own_record(world):
    access = access_for_user(world.volunteer_user)
    assert list(Volunteer.objects.visible_to(access)) == [world.volunteer]
    assert not Organisation.objects.visible_to(access).exists()


def test_it_shows_nothing_to_a_user_without_a_role(db):
    user = f.UserFactory()
    access = access_for_user(user)
    assert not Organisation.objects.visible_to(access).exists()
    assert access.role == ""
