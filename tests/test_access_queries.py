"""The Access knows the user's associations and own volunteer record: edit checks need no
query of their own (core.permissions.Access.association_ids / volunteer_id)."""

from django.urls import reverse

from core.permissions import access_for_user
from tests import factories as f
from volunteers.tests.factories import TaskFactory


def test_it_reads_an_association_users_memberships_once(world, django_assert_num_queries):
    project = f.ProjectFactory(centre=world.centre, organisation=world.organisation)
    activity = f.ActivityFactory(project=project, organiser=world.organisation)
    task = TaskFactory(centre=world.centre, organisation=world.organisation)
    foreign_task = TaskFactory(centre=world.centre, organisation=world.other_organisation)
    access = access_for_user(world.association)
    # One query for every check of the request (before: one query per check).
    with django_assert_num_queries(1):
        assert world.organisation.is_editable_by(access)
        assert not world.other_organisation.is_editable_by(access)
        assert project.is_editable_by(access)
        assert activity.is_editable_by(access)
        assert task.is_editable_by(access)
        assert not foreign_task.is_editable_by(access)
    assert access.association_ids == {world.organisation.pk}


def test_it_knows_a_volunteers_own_record(world, django_assert_num_queries):
    access = access_for_user(world.volunteer_user)
    with django_assert_num_queries(1):
        assert access.volunteer_id == world.volunteer.pk
        assert access.volunteer_id == world.volunteer.pk
    assert access_for_user(world.coordinator).volunteer_id is None
    assert access_for_user(world.coordinator).association_ids == frozenset()


def test_the_edit_pages_need_no_more_queries(world, login, django_assert_num_queries):
    # Measured before the change too: 13, 14 and 14 (the membership query now serves every
    # check of the request instead of one query per check).
    for user, url, queries in [
        (world.association, reverse("organisations:edit", args=[world.organisation.pk]), 13),
        (world.volunteer_user, reverse("volunteers:me_edit"), 14),
        (world.coordinator, reverse("volunteers:edit", args=[world.volunteer.pk]), 14),
    ]:
        client = login(user)
        client.get(url)
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200
