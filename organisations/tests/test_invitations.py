import datetime as dt

from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.adapters import SIGNUP_GRANT_SESSION_KEY
from core.models import Role, User
from organisations.models import Invitation, Membership
from organisations.services import invitation_revoke
from organisations.tests.factories import InvitationFactory
from tests import factories as f


def _token_from_mail() -> str:
    body = mail.outbox[-1].body
    path = reverse("organisations:invitation_accept", args=["TOKEN"]).replace("TOKEN/", "")
    return body.split(path)[1].split("/")[0]


def test_it_sends_an_invitation_link_by_email(world, login, django_capture_on_commit_callbacks):
    client = login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organisations:invite", args=[world.other_organisation.pk]),
            {"email": "Leder@Turlag.example"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "leder@turlag.example"
    assert mail.outbox[-1].to == ["leder@turlag.example"]
    assert _token_from_mail() == invitation.token
    page = client.get(reverse("organisations:detail", args=[world.other_organisation.pk]))
    assert "leder@turlag.example" in page.content.decode()


def test_it_lets_a_new_person_sign_up_and_binds_the_account(world, client):
    invitation = InvitationFactory(organisation=world.other_organisation, email="ny@example.org")
    url = reverse("organisations:invitation_accept", args=[invitation.token])
    page = client.get(url)
    assert page.status_code == 200
    assert client.session[SIGNUP_GRANT_SESSION_KEY]
    response = client.post(
        f"{reverse('account_signup')}?next={url}",
        {
            "email": "ny@example.org",
            "password1": "et-godt-passord-42",
            "password2": "et-godt-passord-42",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email="ny@example.org")
    assert user.role == Role.ASSOCIATION
    assert user.centre == world.centre
    assert Membership.objects.filter(user=user, organisation=world.other_organisation).exists()
    assert EmailAddress.objects.get(user=user).verified
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    # The new user lands on the entry, and the link cannot be used again.
    detail = client.get(url)
    assert detail.url == reverse("organisations:detail", args=[world.other_organisation.pk])
    client.logout()
    assert client.get(url).status_code == 410


def test_it_does_not_open_sign_up_without_an_invitation(client, db):
    client.post(
        reverse("account_signup"),
        {
            "email": "x@example.org",
            "password1": "et-godt-passord-42",
            "password2": "et-godt-passord-42",
        },
    )
    assert not User.objects.filter(email="x@example.org").exists()


def test_it_lets_an_existing_user_log_in_and_accept(world, login):
    user = f.UserFactory(email="har.konto@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    invitation = InvitationFactory(organisation=world.other_organisation, email=user.email)
    client = login(user)
    url = reverse("organisations:invitation_accept", args=[invitation.token])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.url == reverse("organisations:detail", args=[world.other_organisation.pk])
    user.refresh_from_db()
    assert user.role == Role.ASSOCIATION
    assert EmailAddress.objects.get(user=user).verified
    # A second association user of the same centre may join several associations.
    second = InvitationFactory(organisation=world.organisation, email=user.email)
    client.post(reverse("organisations:invitation_accept", args=[second.token]))
    assert user.memberships.count() == 2


def test_it_refuses_expired_revoked_and_used_links(world, client):
    expired = InvitationFactory(
        organisation=world.organisation, expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    revoked = InvitationFactory(organisation=world.organisation, revoked_at=timezone.now())
    used = InvitationFactory(organisation=world.organisation, accepted_at=timezone.now())
    for invitation in [expired, revoked, used]:
        response = client.get(reverse("organisations:invitation_accept", args=[invitation.token]))
        assert response.status_code == 410
        assert SIGNUP_GRANT_SESSION_KEY not in client.session
    assert client.get(reverse("organisations:invitation_accept", args=["nope"])).status_code == 410


def test_it_does_not_turn_a_coordinator_into_an_association_user(world, login):
    invitation = InvitationFactory(organisation=world.organisation)
    client = login(world.coordinator)
    client.post(reverse("organisations:invitation_accept", args=[invitation.token]))
    world.coordinator.refresh_from_db()
    assert world.coordinator.role == Role.COORDINATOR
    assert not Membership.objects.filter(user=world.coordinator).exists()


def test_it_lets_the_coordinator_revoke_invitations_and_users(world, login):
    invitation = InvitationFactory(organisation=world.organisation)
    client = login(world.coordinator)
    client.post(reverse("organisations:invitation_revoke", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    membership = Membership.objects.get(user=world.association)
    client.post(
        reverse("organisations:membership_revoke", args=[world.organisation.pk, membership.pk])
    )
    assert not Membership.objects.filter(pk=membership.pk).exists()
    association = login(world.association)
    detail = reverse("organisations:detail", args=[world.organisation.pk])
    assert association.get(detail).status_code == 404


def test_it_checks_ownership(world, login):
    foreign = InvitationFactory(organisation=world.foreign_organisation)
    client = login(world.coordinator)
    assert (
        client.post(reverse("organisations:invitation_revoke", args=[foreign.pk])).status_code
        == 404
    )
    foreign_member = f.association_user(world.foreign_organisation)
    membership = foreign_member.memberships.get()
    url = reverse(
        "organisations:membership_revoke", args=[world.foreign_organisation.pk, membership.pk]
    )
    assert client.post(url).status_code == 404
    # A membership of another association, reached through one's own association's URL.
    url = reverse("organisations:membership_revoke", args=[world.organisation.pk, membership.pk])
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_it_requires_rw_access(world, login):
    invitation = InvitationFactory(organisation=world.organisation)
    for user in [world.municipality_viewer, world.association]:
        client = login(user)
        assert (
            client.post(
                reverse("organisations:invitation_revoke", args=[invitation.pk])
            ).status_code
            == 403
        )
        assert (
            client.post(
                reverse("organisations:invite", args=[world.organisation.pk]),
                {"email": "a@example.org"},
            ).status_code
            == 403
        )
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_it_proves_the_address_so_mandatory_verification_lets_the_person_in(
    world, client, settings
):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    invitation = InvitationFactory(organisation=world.organisation, email="bekreftet@example.org")
    url = reverse("organisations:invitation_accept", args=[invitation.token])
    client.get(url)
    client.post(
        f"{reverse('account_signup')}?next={url}",
        {
            "email": "bekreftet@example.org",
            "password1": "et-godt-passord-42",
            "password2": "et-godt-passord-42",
        },
    )
    user = User.objects.get(email="bekreftet@example.org")
    assert EmailAddress.objects.get(user=user).verified
    response = client.get(reverse("organisations:detail", args=[world.organisation.pk]))
    assert response.status_code == 200


def test_it_answers_404_for_a_token_with_a_nul_character(world, client):
    invitation = InvitationFactory(organisation=world.organisation)
    response = client.get(f"/associations/invitations/{invitation.token}%00/")
    assert response.status_code == 404
    assert SIGNUP_GRANT_SESSION_KEY not in client.session


def test_it_sends_the_invitation_for_a_name_with_a_line_break(
    world, login, django_capture_on_commit_callbacks
):
    world.other_organisation.name = "Fjordvik\nTurlag"
    world.other_organisation.save()
    client = login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organisations:invite", args=[world.other_organisation.pk]),
            {"email": "leder@turlag.example"},
        )
    assert response.status_code == 302
    assert "Fjordvik Turlag" in mail.outbox[-1].subject


def test_revoking_the_invitation_closes_a_sign_up_already_started(world, client):
    invitation = InvitationFactory(organisation=world.other_organisation, email="ny@example.org")
    url = reverse("organisations:invitation_accept", args=[invitation.token])
    assert client.get(url).status_code == 200
    signup_url = f"{reverse('account_signup')}?next={url}"
    assert "account/signup_closed.html" not in [t.name for t in client.get(signup_url).templates]
    invitation_revoke(actor=f.access_of(world.coordinator), invitation=invitation)
    response = client.post(
        signup_url,
        {
            "email": "ny@example.org",
            "password1": "et-godt-passord-42",
            "password2": "et-godt-passord-42",
        },
    )
    assert "account/signup_closed.html" in [t.name for t in response.templates]
    assert not User.objects.filter(email="ny@example.org").exists()
    assert SIGNUP_GRANT_SESSION_KEY not in client.session
    # Nor does the sign-up page open again later.
    page = client.get(reverse("account_signup"))
    assert "account/signup_closed.html" in [t.name for t in page.templates]


def test_it_refuses_an_invitation_opened_by_another_signed_in_account(world, login):
    """A forwarded link opened by somebody signed in with another address binds nothing."""
    other = f.UserFactory(email="videresendt@example.org")
    invitation = InvitationFactory(organisation=world.other_organisation, email="leder@lag.example")
    client = login(other)
    url = reverse("organisations:invitation_accept", args=[invitation.token])
    page = client.get(url).content.decode()
    # The page names both addresses and offers the explicit step.
    assert "leder@lag.example" in page
    assert "videresendt@example.org" in page
    assert 'name="accept_as"' in page
    response = client.post(url)
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    other.refresh_from_db()
    assert other.role == ""
    assert not Membership.objects.filter(user=other).exists()
    # Naming another address than the signed-in one is no explicit step either.
    client.post(url, {"accept_as": "leder@lag.example"})
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_the_explicit_accept_as_step_binds_and_is_recorded(world, login):
    from core.models import AuditEvent

    other = f.UserFactory(email="videresendt@example.org")
    EmailAddress.objects.create(user=other, email=other.email, verified=False, primary=True)
    invitation = InvitationFactory(organisation=world.other_organisation, email="leder@lag.example")
    client = login(other)
    url = reverse("organisations:invitation_accept", args=[invitation.token])
    response = client.post(url, {"accept_as": "videresendt@example.org"})
    assert response.url == reverse("organisations:detail", args=[world.other_organisation.pk])
    invitation.refresh_from_db()
    assert invitation.accepted_by == other
    # The link proved the invited address, not this one: it stays unverified.
    assert not EmailAddress.objects.get(user=other).verified
    event = AuditEvent.objects.get(action="invitation.accepted")
    assert event.data["accepted_as_other_address"] is True
    assert event.data["invited"] == "leder@lag.example"
    assert event.data["as"] == "videresendt@example.org"


def test_signing_up_with_another_address_asks_for_the_explicit_step(world, client):
    invitation = InvitationFactory(organisation=world.other_organisation, email="ny@example.org")
    url = reverse("organisations:invitation_accept", args=[invitation.token])
    client.get(url)
    client.post(
        f"{reverse('account_signup')}?next={url}",
        {
            "email": "annen@example.org",
            "password1": "et-godt-passord-42",
            "password2": "et-godt-passord-42",
        },
    )
    user = User.objects.get(email="annen@example.org")
    assert user.role == ""
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert 'name="accept_as"' in client.get(url).content.decode()
