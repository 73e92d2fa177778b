import datetime as dt
import secrets

import factory
from django.utils import timezone

from organisations.models import Invitation
from tests.factories import OrganisationFactory


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    centre = factory.SelfAttribute("organisation.centre")
    email = factory.Sequence(lambda n: f"invitert{n}@example.org")
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))
