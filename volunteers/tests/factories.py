import datetime as dt

import factory
from django.utils import timezone

from hours.models import HourEntry
from rotas.models import Rota, Shift, ShiftSignup
from tasks.models import Match, Task
from tests.factories import CentreFactory, VolunteerFactory
from volunteers.models import BackgroundGroup, Certificate, ConsentText, Interest

__all__ = ["VolunteerFactory"]


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interest
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Interesse {n}")
    name_en = factory.Sequence(lambda n: f"Interest {n}")


class BackgroundGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BackgroundGroup
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Gruppe {n}")
    name_en = factory.Sequence(lambda n: f"Group {n}")


class ConsentTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentText

    centre = factory.SubFactory(CentreFactory)
    version = factory.Sequence(lambda n: n + 1)
    text = "Vi lagrer opplysningene dine for å formidle oppdrag."
    text_en = "We store your information to match you with tasks."


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    centre = factory.SubFactory(CentreFactory)
    title = factory.Sequence(lambda n: f"Oppdrag {n}")


class MatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Match

    task = factory.SubFactory(TaskFactory)
    centre = factory.SelfAttribute("task.centre")
    volunteer = factory.SubFactory(VolunteerFactory, centre=factory.SelfAttribute("..centre"))
    status = Match.Status.ACTIVE


class HourEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HourEntry

    volunteer = factory.SubFactory(VolunteerFactory)
    centre = factory.SelfAttribute("volunteer.centre")
    date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))
    hours = 2
    description = "Felleslunsj"
    status = HourEntry.Status.APPROVED


class RotaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rota

    centre = factory.SubFactory(CentreFactory)
    title = factory.Sequence(lambda n: f"Kafé {n}")


class ShiftFactory(factory.django.DjangoModelFactory):
    """A shift of two hours, a week from now, with two places."""

    class Meta:
        model = Shift

    rota = factory.SubFactory(RotaFactory)
    centre = factory.SelfAttribute("rota.centre")
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + dt.timedelta(days=7)).replace(microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    capacity = 2


class ShiftSignupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShiftSignup

    shift = factory.SubFactory(ShiftFactory)
    centre = factory.SelfAttribute("shift.centre")
    volunteer = factory.SubFactory(VolunteerFactory, centre=factory.SelfAttribute("..centre"))
    status = ShiftSignup.Status.CONFIRMED
    listed_at = factory.LazyFunction(timezone.now)


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    volunteer = factory.SubFactory(VolunteerFactory)
    centre = factory.SelfAttribute("volunteer.centre")
    period_start = dt.date(2024, 1, 1)
    period_end = dt.date(2025, 12, 31)
    tasks = "Kafévert\nLeksehjelp"
    signer_name = "Kari Koordinator"
    signer_title = "Daglig leder"
