import factory
from django.utils import timezone

from activities.models import Activity, ActivityCategory
from core.models import Centre, District, Municipality, Role, User
from core.permissions import Access, access_for_user
from organisations.models import Category, Membership, Organisation
from projects.models import Project, YearTarget
from volunteers.models import Volunteer


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Kommune {n}")
    slug = factory.Sequence(lambda n: f"kommune-{n}")


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Frivilligsentral {n}")
    slug = factory.Sequence(lambda n: f"sentral-{n}")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Bydel {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Bruker {n}")
    # Hashed before the row is written: one INSERT per user, not an INSERT and an UPDATE.
    password = factory.django.Password("passord-123")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Kategori {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"Forening {n}")
    contact_name = "Kari Nordmann"
    email = factory.Sequence(lambda n: f"post{n}@forening.example")
    confirmed_at = factory.LazyFunction(timezone.now)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)


class VolunteerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Volunteer

    centre = factory.SubFactory(CentreFactory)
    first_name = "Ola"
    last_name = factory.Sequence(lambda n: f"Frivillig {n}")
    email = factory.Sequence(lambda n: f"frivillig{n}@example.org")
    status = Volunteer.Status.ACTIVE


class ActivityCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityCategory
        django_get_or_create = ["name"]

    name = "Sosiale møteplasser"
    name_en = "Social meeting places"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"Prosjekt {n}")
    slug = factory.Sequence(lambda n: f"prosjekt-{n}")


class YearTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YearTarget

    project = factory.SubFactory(ProjectFactory)
    centre = factory.SelfAttribute("project.centre")
    year = 2026
    activities = 220


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    project = factory.SubFactory(ProjectFactory)
    centre = factory.SelfAttribute("project.centre")
    title = "Felleslunsj"
    category = factory.SubFactory(ActivityCategoryFactory)
    date = factory.LazyFunction(timezone.localdate)
    participants = 10


def coordinator(centre: Centre, **kwargs) -> User:
    return UserFactory(role=Role.COORDINATOR, centre=centre, **kwargs)


def association_user(organisation: Organisation, **kwargs) -> User:
    user = UserFactory(role=Role.ASSOCIATION, centre=organisation.centre, **kwargs)
    MembershipFactory(organisation=organisation, user=user)
    return user


def municipality_viewer(municipality: Municipality, **kwargs) -> User:
    return UserFactory(role=Role.MUNICIPALITY, municipality=municipality, **kwargs)


def volunteer_user(volunteer: Volunteer, **kwargs) -> User:
    user = UserFactory(role=Role.VOLUNTEER, centre=volunteer.centre, **kwargs)
    volunteer.user = user
    volunteer.save(update_fields=["user"])
    return user


def access_of(user: User) -> Access:
    """The Access a request of `user` carries: what services take as their `actor`."""
    return access_for_user(user)


def north_and_south(world) -> dict[str, District]:
    """Two districts of the world's municipality: its centre in Sør, the sibling centre in
    Nord (the district filter's tests and journeys read them)."""
    north = District.objects.create(municipality=world.municipality, name="Nord")
    south = District.objects.create(municipality=world.municipality, name="Sør")
    world.centre.district = south
    world.centre.save()
    world.sibling_centre.district = north
    world.sibling_centre.save()
    return {"north": north, "south": south}
