"""A realistic fictional municipality (Fjordvik) with two centres. Idempotent: every row is
looked up by a natural key first, so running the seed twice changes nothing."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from activities.models import Activity, ActivityCategory
from centreyear.grant import current_round, evidence_year
from centreyear.models import CentreIncome, CentreYear
from core.models import Centre, District, Municipality, Role, User
from figures import rollups
from organisations.models import (
    Category,
    ContactConsent,
    Membership,
    Organisation,
    OrganisationCategory,
)
from organisations.services import CONTACT_CONSENT_TEXT
from projects.models import Project, YearTarget
from volunteers.models import Volunteer

from . import data, seed_activities
from .seed_reports import seed_reports
from .seed_volunteers import seed_rotas, seed_volunteers

DEMO_PASSWORD = "frivillig-demo"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    what: str


DEMO_LOGINS = [
    DemoLogin("koordinator@fjordvik.example", "Koordinator", "Fjordvik frivilligsentral"),
    DemoLogin("koordinator.nord@fjordvik.example", "Koordinator", "Nordbyen frivilligsentral"),
    DemoLogin("lag@fjordvik.example", "Lag/forening", "Fjordvik Sanitetsforening"),
    DemoLogin("kommune@fjordvik.example", "Kommune (lesetilgang)", "Fjordvik kommune"),
    DemoLogin("frivillig@fjordvik.example", "Frivillig", "Fjordvik frivilligsentral"),
    DemoLogin("admin@fjordvik.example", "Nettstedsadministrator", "/admin/"),
]


def orgnr_with_check_digit(first_eight: str) -> str | None:
    """Append the modulus-11 check digit, or None when the base has no valid check digit."""
    weights = [3, 2, 7, 6, 5, 4, 3, 2]
    remainder = sum(int(d) * w for d, w in zip(first_eight, weights, strict=True)) % 11
    if remainder == 1:
        return None
    check = 0 if remainder == 0 else 11 - remainder
    return first_eight + str(check)


def _user(email: str, **fields) -> User:
    user, created = User.objects.get_or_create(email=email, defaults=fields)
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    return user


@transaction.atomic
def _consent_to_contacts(organisation: Organisation, *, with_phone: bool) -> None:
    """The association consented (at its yearly confirmation) to publish its e-mail and
    website, and some their phone: recorded as the consent service records it."""

    if organisation.contact_consents.exists():
        return
    published = ["email", "phone", "website"] if with_phone else ["email", "website"]
    organisation.shows_contact = True
    organisation.shows_email = True
    organisation.shows_phone = with_phone
    organisation.shows_website = True
    if not organisation.website:
        slug = organisation.email.split("@")[1].removesuffix(".example")
        organisation.website = f"https://{slug}.example"
    organisation.save()
    ContactConsent.objects.create(
        centre_id=organisation.centre_id,
        organisation=organisation,
        published=",".join(published),
        text=str(CONTACT_CONSENT_TEXT),
        given_at=organisation.confirmed_at or timezone.now(),
    )


def seed(*, today: dt.date | None = None, with_site_admin: bool = True) -> dict[str, int]:
    today = today or timezone.localdate()
    rng = random.Random(2026)

    municipality, _ = Municipality.objects.get_or_create(
        slug="fjordvik", defaults={"name": "Fjordvik kommune", "number": "1899"}
    )
    districts = [
        District.objects.get_or_create(municipality=municipality, name=name)[0]
        for name in data.DISTRICTS
    ]
    centre, _ = Centre.objects.get_or_create(
        slug="fjordvik",
        defaults={
            "municipality": municipality,
            "name": "Fjordvik frivilligsentral",
            "email": "post@fjordvik-frivilligsentral.example",
            "phone": "76 00 00 00",
            "address": "Storgata 12, 8500 Fjordvik",
            # New activities are public unless their category is private (one-to-one help).
            "activities_public_by_default": True,
        },
    )
    north, _ = Centre.objects.get_or_create(
        slug="nordbyen",
        defaults={
            "municipality": municipality,
            "name": "Nordbyen frivilligsentral",
            "email": "post@nordbyen-frivilligsentral.example",
        },
    )

    categories = []
    for position, (name, name_en, code) in enumerate(data.ASSOCIATION_CATEGORIES, start=1):
        categories.append(
            Category.objects.get_or_create(
                name=name, defaults={"name_en": name_en, "icnpo_code": code, "position": position}
            )[0]
        )
    activity_categories = []
    for position, (name, name_en) in enumerate(data.ACTIVITY_CATEGORIES, start=1):
        activity_categories.append(
            ActivityCategory.objects.get_or_create(
                name=name, defaults={"name_en": name_en, "position": position}
            )[0]
        )
    # One-to-one help names a person's need: never public, whatever the centre's setting.
    ActivityCategory.objects.filter(name="En-til-en hjelp", public_default="").update(
        public_default=ActivityCategory.PublicDefault.PRIVATE
    )
    for category in activity_categories:
        category.refresh_from_db(fields=["public_default"])

    # Associations: most in the main centre, the last ten in Nordbyen.
    organisations = []
    for index, (name, first, second) in enumerate(data.ASSOCIATIONS):
        home = north if index >= len(data.ASSOCIATIONS) - 10 else centre
        number = orgnr_with_check_digit(f"{9_7100_000 + index * 137:08d}"[:8])
        slug_email = name.lower().replace(" ", ".").replace("å", "a").replace("ø", "o")
        slug_email = slug_email.replace("æ", "ae").replace("é", "e")
        organisation, created = Organisation.objects.get_or_create(
            centre=home,
            name=name,
            defaults={
                "organisation_number": number,
                "description": f"{name} er en frivillig forening i Fjordvik.",
                "contact_name": f"{rng.choice(data.FIRST_NAMES)} {rng.choice(data.LAST_NAMES)}",
                "email": f"post@{slug_email[:40]}.example",
                "phone": f"9{rng.randrange(1000000, 9999999)}",
                "postal_code": "8500",
                "postal_place": "Fjordvik",
                "district": districts[index % len(districts)],
                "member_count": rng.randrange(12, 400),
                "founded_year": rng.randrange(1890, 2022),
                "needs_volunteers": index % 4 == 0,
                # The demo association user's entry (the first) is listed too.
                "is_public": index == 0 or index % 5 != 0,
                "confirmed_at": timezone.now() - dt.timedelta(days=rng.randrange(10, 700)),
            },
        )
        if created:
            OrganisationCategory.objects.create(
                organisation=organisation, category=categories[first], rank=1
            )
            if second is not None:
                OrganisationCategory.objects.create(
                    organisation=organisation, category=categories[second], rank=2
                )
        organisations.append(organisation)
        if organisation.is_public and index % 3 == 0:
            _consent_to_contacts(organisation, with_phone=index % 2 == 0)

    # Volunteers of the main centre.
    statuses = ["active"] * 7 + ["applicant", "paused", "ended"]
    for index in range(40):
        first_name = data.FIRST_NAMES[index % len(data.FIRST_NAMES)]
        last_name = data.LAST_NAMES[(index * 7) % len(data.LAST_NAMES)]
        Volunteer.objects.get_or_create(
            centre=centre,
            first_name=first_name,
            last_name=last_name,
            defaults={
                "email": f"frivillig{index + 1}@example.org",
                "phone": f"4{rng.randrange(1000000, 9999999)}",
                "birth_year": rng.randrange(1945, 2008),
                "postal_code": "8500",
                "district": districts[index % len(districts)],
                "status": statuses[index % len(statuses)],
            },
        )

    # One project with targets of 220 activities a year and 10 participants on average.
    project, _ = Project.objects.get_or_create(
        centre=centre,
        slug="steg-for-steg",
        defaults={
            "name": "Steg for Steg",
            "owner_name": "Blå Kors Fjordvik",
            "programme": "Tilskudd til frivillig aktivitet (Helsedirektoratet)",
            "leader": "Kari Nordmann",
            "start_date": dt.date(today.year - 1, 1, 1),
            "end_date": dt.date(today.year + 1, 12, 31),
            "status": Project.Status.RUNNING,
            "main_goal": "Flere i rus- og psykisk helse-oppfølging får en meningsfull hverdag.",
            "target_group": "Voksne i rehabilitering etter rus eller psykisk sykdom.",
            # 210 persons a year: a yearly target (below), not a plan for the whole period.
        },
    )
    Project.objects.get_or_create(
        centre=centre,
        slug="drift",
        defaults={"name": "Ordinær drift", "is_operations": True, "owner_name": centre.name},
    )
    for year in (today.year - 1, today.year):
        YearTarget.objects.get_or_create(
            centre=centre,
            project=project,
            year=year,
            defaults={
                "activities": 220,
                "average_participants": Decimal("10.0"),
                "persons_reached": 210,
                "volunteer_hours": 1500,
            },
        )

    # A year of activities: three weekly series plus some events, up to today, and those
    # planned for the rest of this week and the next (public, as the centre wants it).
    existing = set(Activity.objects.filter(project=project).values_list("date", "title"))
    new_activities = []
    start = dt.date(today.year - 1, 1, 1)
    planned_until = today + dt.timedelta(days=13 - today.weekday())
    day = start
    while day <= planned_until:
        for title, category_index, weekday, start_hour, end_hour in data.ACTIVITY_PLAN:
            week = day.isocalendar()[1]
            if day.weekday() != weekday or (category_index == 6 and week % 3 == 0):
                continue
            if (day, title) in existing:
                continue
            day_rng = random.Random(f"{day.isoformat()}-{title}")
            cancelled = day_rng.random() < 0.04
            future = day > today
            new_activities.append(
                Activity(
                    centre=centre,
                    project=project,
                    title=title,
                    category=activity_categories[category_index],
                    date=day,
                    start_time=dt.time(start_hour),
                    end_time=dt.time(end_hour),
                    place="Frivilligsentralen, Storgata 12",
                    organiser=organisations[29] if category_index == 0 else None,
                    participants=None if (cancelled or future) else day_rng.randrange(5, 17),
                    volunteer_count=0 if future else day_rng.randrange(1, 4),
                    volunteer_hours=Decimal(0) if future else Decimal(day_rng.randrange(2, 9)),
                    cancelled=cancelled and not future,
                    is_public=activity_categories[category_index].starts_public(centre),
                )
            )
        day += dt.timedelta(days=1)
    Activity.objects.bulk_create(new_activities)
    seed_activities.seed(centre=centre, today=today)
    _centre_years(centre=centre, north=north, today=today)

    # One user for each role.
    _user(
        "koordinator@fjordvik.example",
        first_name="Kari",
        last_name="Koordinator",
        role=Role.COORDINATOR,
        centre=centre,
    )
    _user(
        "koordinator.nord@fjordvik.example",
        first_name="Nils",
        last_name="Nordby",
        role=Role.COORDINATOR,
        centre=north,
    )
    association_user = _user(
        "lag@fjordvik.example",
        first_name="Siri",
        last_name="Sanitet",
        role=Role.ASSOCIATION,
        centre=centre,
    )
    Membership.objects.get_or_create(user=association_user, organisation=organisations[0])
    _user(
        "kommune@fjordvik.example",
        first_name="Kåre",
        last_name="Kommune",
        role=Role.MUNICIPALITY,
        municipality=municipality,
    )
    volunteer_user = _user(
        "frivillig@fjordvik.example",
        first_name="Ingrid",
        last_name="Hansen",
        role=Role.VOLUNTEER,
        centre=centre,
    )
    first_volunteer = Volunteer.objects.filter(centre=centre).order_by("pk").first()
    if first_volunteer and first_volunteer.user_id is None:
        first_volunteer.user = volunteer_user
        first_volunteer.save(update_fields=["user"])
    seed_volunteers(centre=centre, today=today)
    seed_rotas(centre=centre, today=today)
    if with_site_admin:
        _user(
            "admin@fjordvik.example",
            first_name="Ada",
            last_name="Admin",
            is_staff=True,
            is_superuser=True,
        )

    from .seed_organisations import seed_organisations

    seed_organisations()
    _dated_facts(today=today)
    from .seed_cooperation import seed_cooperation

    seed_cooperation(centre=centre, north=north, today=today)
    # The activities were written in bulk (no save signals): their sums from the logs.
    rollups.rebuild()
    seed_reports(centre=centre, today=today)

    return {
        "centres": Centre.objects.count(),
        "associations": Organisation.objects.count(),
        "volunteers": Volunteer.objects.count(),
        "activities": Activity.objects.count(),
        "users": User.objects.count(),
    }


def _dated_facts(*, today: dt.date) -> None:
    """Give the demo a history: associations registered over the years before, and volunteers
    approved before their first approved hour, so a past year's registry and volunteers are
    counted as they stood on its last day (the figures engine reads these dates)."""
    from django.db.models import Min

    from hours.models import HourEntry

    for index, organisation in enumerate(Organisation.objects.system().order_by("pk")):
        registered = dt.datetime(today.year - 1 - index % 4, 1 + index % 12, 1, tzinfo=dt.UTC)
        if organisation.created_at > registered:
            Organisation.objects.system().filter(pk=organisation.pk).update(created_at=registered)
    first_hours = dict(
        HourEntry.objects.system()
        .filter(status=HourEntry.Status.APPROVED)
        .values("volunteer_id")
        .annotate(first=Min("date"))
        .values_list("volunteer_id", "first")
    )
    for volunteer in Volunteer.objects.system().exclude(status=Volunteer.Status.APPLICANT):
        first = first_hours.get(volunteer.pk)
        approved = min(d for d in (first, dt.date(today.year - 1, 3, 1)) if d)
        if volunteer.approved_on is None or volunteer.approved_on > approved:
            Volunteer.objects.system().filter(pk=volunteer.pk).update(approved_on=approved)


def _centre_years(*, centre: Centre, north: Centre, today: dt.date) -> None:
    """The state grant's conditions: last year final, this year Fjordvik's final and complete
    (ready for the municipality to confirm in next year's grant round) and Nordbyen's a draft
    whose local funding falls below 40 % and whose premises and advisory body's members are
    not entered, so the round, the start pages and the overview show what is missing."""
    plans = [
        (centre, today.year - 1, False, {"state_grant": 480_046, "municipality": 350_000}),
        (
            centre,
            today.year,
            False,
            {"state_grant": 480_046, "municipality": 360_000, "own_income": 25_000},
        ),
        (north, today.year, True, {"state_grant": 480_046, "municipality": 290_000}),
    ]
    # The open grant round's evidence is the year before its operating year: after 1 June
    # that is next year, which the demo then also holds (a copy of this year's).
    evidence = evidence_year(
        current_round(timezone.make_aware(dt.datetime.combine(today, dt.time(12))))
    )
    if evidence > today.year:
        plans += [(each, evidence, draft, amounts) for each, year, draft, amounts in plans[1:]]
    grant_facts = {
        centre.pk: {
            "organisation_number": "974760673",
            "activity_purpose": (
                "Frivilligsentralen er en åpen møteplass, rekrutterer frivillige til lag og "
                "foreninger og er bindeleddet mellom kommunen og frivilligheten."
            ),
            "advisory_members": (
                "Kari Nordmann, Fjordvik Sanitetsforening\nOla Hansen, Fjordvik Turlag\n"
                "Aina Berg, kommunen"
            ),
            "accounts_note": "Regnskap og årsmelding godkjent av styret 12.03.",
            "expect_diversity": "Språkkafé hver uke og frivillige med ti morsmål.",
            "expect_universal_design": "Trinnfri inngang, teleslynge i møterommet.",
            "expect_low_threshold": "Alle aktiviteter er gratis; kaffe koster 10 kroner.",
            "expect_children_youth": "Leksehjelp to dager i uka med 25 frivillige.",
            "expect_age_friendly": "Besøksvenner og turgrupper for eldre.",
        },
        north.pk: {
            "organisation_number": "974760673",
            "activity_purpose": "Møteplass i bydelshuset og formidling av frivillige.",
        },
    }
    for each, year, draft, amounts in plans:
        facts = grant_facts[each.pk] if year >= today.year else {}
        centre_year, created = CentreYear.objects.get_or_create(
            centre=each,
            year=year,
            defaults={
                "staff_fte": Decimal("1.5") if each == centre else Decimal("1.0"),
                "owner_name": "Fjordvik kommune",
                "owner_kind": CentreYear.OwnerKind.MUNICIPALITY,
                "advisory_body": CentreYear.AdvisoryBody.BOARD,
                "voluntary_sector_on_body": True,
                "premises": "" if each == north else each.address,
                "is_draft": draft,
                **facts,
            },
        )
        if created:
            CentreIncome.objects.bulk_create(
                CentreIncome(centre_year=centre_year, source=source, amount=amount)
                for source, amount in amounts.items()
            )
        elif facts and not centre_year.organisation_number:
            # A demo seeded before the grant round: its year gains the round's facts.
            CentreYear.objects.system().filter(pk=centre_year.pk).update(**facts)
