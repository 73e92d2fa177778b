import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.audit import events_of
from organisations.services import organisation_update
from organisations.tests.factories import InvitationFactory
from tests import factories as f


def test_it_puts_the_associations_own_entry_on_its_start_page(world, login):
    page = login(world.association).get(reverse("core:home")).content.decode()
    assert reverse("organisations:detail", args=[world.organisation.pk]) in page
    assert world.other_organisation.name not in page


def test_it_prompts_the_association_to_confirm_when_due(world, login):
    organisation = world.organisation
    organisation.confirmed_at = timezone.now() - dt.timedelta(days=400)
    organisation.save()
    client = login(world.association)
    detail = reverse("organisations:detail", args=[organisation.pk])
    assert "orgs-confirm--due" in client.get(detail).content.decode()
    response = client.post(reverse("organisations:confirm", args=[organisation.pk]))
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert not organisation.confirmation_due
    latest = events_of(organisation).first()
    assert (latest.action, latest.actor) == ("organisation.confirmed", world.association)
    assert "orgs-confirm--due" not in client.get(detail).content.decode()


def test_it_runs_a_fixed_number_of_queries_on_the_detail_page(
    world, login, django_assert_num_queries
):
    client = login(world.coordinator)
    url = reverse("organisations:detail", args=[world.organisation.pk])
    organisation_update(
        actor=f.access_of(world.coordinator),
        organisation=world.organisation,
        data={"district": f.DistrictFactory(municipality=world.municipality)},
    )
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for index in range(10):
        organisation_update(
            actor=f.access_of(world.coordinator),
            organisation=world.organisation,
            data={
                "member_count": index,
                "district": f.DistrictFactory(municipality=world.municipality),
            },
        )
        f.MembershipFactory(organisation=world.organisation)
        InvitationFactory(organisation=world.organisation)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_it_lands_the_association_user_on_its_own_entry_after_login(world, client):
    response = client.post(
        reverse("account_login"), {"login": world.association.email, "password": "passord-123"}
    )
    assert response.status_code == 302
    assert response.url == reverse("organisations:detail", args=[world.organisation.pk])


def test_it_lands_other_roles_on_the_start_page_after_login(world, client):
    response = client.post(
        reverse("account_login"), {"login": world.coordinator.email, "password": "passord-123"}
    )
    assert response.url == reverse("core:home")
