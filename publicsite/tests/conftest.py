import datetime as dt

import pytest
from django.utils import timezone

from tests import factories as f
from volunteers.tests.factories import MatchFactory, TaskFactory

# Text that must never appear on a public page, feed or API answer.
PRIVATE = [
    "Hemmelig terapigruppe",  # an activity not marked public
    "PRIVAT-NOTAT-AKTIVITET",  # a public activity's note
    "skjult-kontakt@example.org",  # contact details of an association that did not consent
    "91234567",
    "https://skjult.example.org",
    "Kari Kontaktperson",  # a contact person
    "INTERN-MERKNAD-LAG",  # the coordinator's internal notes
    "Ikke-oppført forening",  # an association not in the directory
    "Privat oppdrag",  # a task not made public
    "frivillig-person@example.org",  # a volunteer
    "Fornavn-Frivillig",
    "Lukket serie",  # a series not marked public
    "Uferdig samarbeidshistorie",  # a cooperation story not published
    "Avtalens-kontakt",  # a partnership's contact person
]
# Text the public pages exist to show.
PUBLIC = [
    "Åpen turgruppe",  # a public activity
    "Sjåfør til handletur",  # a public open task
    "apen-kontakt@example.org",  # contact details the association consented to show
    "Publisert samarbeidshistorie",  # a story both sides consented to publish
]


@pytest.fixture
def public_world(world):
    """The `world` plus public and private data of the centre, with markers to look for."""
    centre = world.centre
    centre.description = "Et møtested for alle i Fjordvik."
    centre.save()
    listed = world.organisation
    listed.is_public = True
    listed.needs_volunteers = True
    listed.volunteer_needs = "Turledere"
    listed.email = "skjult-kontakt@example.org"
    listed.phone = "91234567"
    listed.website = "https://skjult.example.org"
    listed.contact_name = "Kari Kontaktperson"
    listed.notes = "INTERN-MERKNAD-LAG"
    listed.save()
    consenting = world.other_organisation
    consenting.is_public = True
    consenting.shows_contact = True
    consenting.email = "apen-kontakt@example.org"
    consenting.save()
    f.OrganisationFactory(centre=centre, name="Ikke-oppført forening", is_public=False)

    today = timezone.localdate()
    project = f.ProjectFactory(centre=centre, name="Turprosjektet", slug="tur")
    walk = f.ActivityFactory(
        project=project,
        title="Åpen turgruppe",
        is_public=True,
        date=today,
        start_time=dt.time(18, 0),
        end_time=dt.time(19, 30),
        place="Fjordvik bibliotek",
        organiser=listed,
        note="PRIVAT-NOTAT-AKTIVITET",
    )
    f.ActivityFactory(project=project, title="Hemmelig terapigruppe", date=today)
    f.ActivityFactory(
        project=f.ProjectFactory(centre=world.other_centre),
        title="Hemmelig terapigruppe",
        date=today,
    )
    open_task = TaskFactory(centre=centre, title="Sjåfør til handletur", is_public=True)
    private_task = TaskFactory(centre=centre, title="Privat oppdrag")
    volunteer = f.VolunteerFactory(
        centre=centre, first_name="Fornavn-Frivillig", email="frivillig-person@example.org"
    )
    MatchFactory(task=open_task, volunteer=volunteer)
    MatchFactory(task=private_task, volunteer=volunteer)
    from cooperation.models import Contact
    from cooperation.tests.factories import PartnershipFactory, StoryFactory

    partnership = PartnershipFactory(organisation=consenting)
    Contact.objects.create(
        partnership=partnership, centre=centre, side="municipality", name="Avtalens-kontakt"
    )
    world.story = StoryFactory(
        partnership=partnership, published=True, title="Publisert samarbeidshistorie"
    )
    StoryFactory(partnership=partnership, title="Uferdig samarbeidshistorie", status="submitted")
    world.walk = walk
    world.project = project
    world.listed = listed
    world.consenting = consenting
    return world
