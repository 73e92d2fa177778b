"""The demo's cooperation with the municipality: districts for the centres, social
entrepreneurs, municipal units, six partnerships of different forms with contributions over
the years, two published stories (and one waiting for approval), municipal money per project,
seven years of activities, hours, state grant figures and an organisation's own reported years,
and both centres' entries in the national register. Idempotent, like the rest of the demo."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from activities.models import Activity, ActivityCategory
from centreyear.models import CentreIncome, CentreYear
from cooperation.models import (
    Contact,
    Contribution,
    MunicipalSupport,
    MunicipalUnit,
    NationalRegisterEntry,
    Outcome,
    Partnership,
    ReportedYear,
    Side,
    Story,
    StoryConsent,
)
from core.models import Centre, District
from hours.models import HourEntry
from organisations.models import Category, Organisation, OrganisationCategory
from projects.models import Project
from volunteers.models import Volunteer

# (name, organisation form, kind)
ENTREPRENEURS = [
    ("Jobbverkstedet Fjordvik AS", "AS", "social_entrepreneur"),
    ("Gatelaget Fjordvik SA", "SA", "social_entrepreneur"),
    ("Stiftelsen Språkbroen", "STI", "foundation"),
    ("Matgleden Sara Nilsen ENK", "ENK", "social_entrepreneur"),
]

UNITS = [
    ("Fjordvik kommune", MunicipalUnit.Kind.MUNICIPALITY, None),
    ("Bydel Sentrum", MunicipalUnit.Kind.DISTRICT, "Sentrum"),
    ("Bydel Nordbyen", MunicipalUnit.Kind.DISTRICT, "Nordbyen"),
    ("Helse- og velferdsetaten", MunicipalUnit.Kind.AGENCY, None),
    ("NAV Fjordvik", MunicipalUnit.Kind.NAV, None),
    ("Fjordvik voksenopplæring", MunicipalUnit.Kind.INSTITUTION, "Sentrum"),
]

# (title, organisation name, units, forms, start years ago, status, purpose)
PARTNERSHIPS = [
    (
        "Arbeidstrening i Jobbverkstedet",
        "Jobbverkstedet Fjordvik AS",
        ["NAV Fjordvik", "Fjordvik kommune"],
        "purchase,referral,grant",
        6,
        "active",
        "Kommunen kjøper arbeidstreningsplasser; NAV henviser deltakere.",
    ),
    (
        "Gatefotball",
        "Gatelaget Fjordvik SA",
        ["Helse- og velferdsetaten", "Bydel Sentrum"],
        "grant,staff_time",
        5,
        "active",
        "Fotball hver uke for folk i rus og psykisk helse, med vei til arbeidstrening.",
    ),
    (
        "Språkkafé i voksenopplæringen",
        "Stiftelsen Språkbroen",
        ["Fjordvik voksenopplæring"],
        "premises,referral",
        4,
        "active",
        "Språktrening for deltakere i introduksjonsprogrammet, i skolens lokaler.",
    ),
    (
        "Pop-up kafé i bydelshuset",
        "Matgleden Sara Nilsen ENK",
        ["Bydel Nordbyen"],
        "premises,in_kind",
        2,
        "active",
        "Innvandrerkvinner driver kafé i bydelshuset i tre til seks måneder av gangen.",
    ),
    (
        "Skulpturparken",
        "Fjordvik Sanitetsforening",
        ["Fjordvik kommune"],
        "agreement,project_owner",
        7,
        "ended",
        "Kommunen la fundamentet og delfinansierte; foreningen samlet inn resten.",
    ),
    (
        "Flyktningguide",
        "Fjordvik Sanitetsforening",
        ["Helse- og velferdsetaten", "Bydel Sentrum", "Bydel Nordbyen"],
        "grant,referral,agreement",
        0,
        "planned",
        "Frivillige guider for nyankomne flyktninger, knyttet til introduksjonsprogrammet.",
    ),
]

STORIES = [
    (
        "Gatefotball",
        "Fra benken til jobb",
        "addiction",
        "Folk i rus manglet et fast fellesskap og en vei mot arbeid.",
        "Klubben tok kontakt med etaten; en avtale ble skrevet etter et halvt år med prøving.",
        "Faste trenere og at kommunen betalte halve stillingen.",
        "Ettårige tilskudd gjorde det vanskelig å planlegge.",
        "En fast kontaktperson i etaten som svarte raskt.",
        "Start smått, og la deltakerne være med å bestemme.",
        True,
    ),
    (
        "Arbeidstrening i Jobbverkstedet",
        "Ti ble til nitten arbeidsplasser",
        "work",
        "Unge voksne uten arbeid trengte praksis med tett oppfølging.",
        "NAV henviste de første deltakerne; kommunen kjøpte plasser etter ett år.",
        "Kommunen kjøpte plasser for flere år av gangen.",
        "Anbudsreglene var vanskelige for en liten bedrift.",
        "Flerårig avtale om kjøp av plasser.",
        "Skriv ned hva hver part gir, år for år.",
        True,
    ),
    (
        "Språkkafé i voksenopplæringen",
        "Språk over kaffen",
        "integration",
        "Deltakere i introduksjonsprogrammet fikk lite språktrening utenfor klasserommet.",
        "Stiftelsen spurte skolen om lokaler; rektor sa ja.",
        "Gratis lokaler og lærere som anbefalte kafeen.",
        "Få frivillige om sommeren.",
        "Lokalene.",
        "Bruk lokaler som allerede står tomme om kvelden.",
        False,
    ),
]


def _pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def seed_cooperation(*, centre: Centre, north: Centre, today: dt.date) -> None:
    rng = random.Random(23)
    municipality = centre.municipality
    districts = {d.name: d for d in District.objects.filter(municipality=municipality)}
    for each, name in ((centre, "Sentrum"), (north, "Nordbyen")):
        if each.district_id is None and name in districts:
            each.district = districts[name]
            each.save(update_fields=["district"])

    organisations = {}
    social = Category.objects.filter(centre__isnull=True).order_by("position").first()
    for name, form, kind in ENTREPRENEURS:
        organisations[name], created = Organisation.objects.get_or_create(
            centre=centre,
            name=name,
            defaults={
                "organisation_form": form,
                "kind": kind,
                "district": districts.get("Sentrum"),
                "is_public": True,
                "description": "Sosial entreprenør i samarbeid med kommunen.",
                "category_summary": social.name if social else "-",
            },
        )
        if created and social is not None:
            OrganisationCategory.objects.create(
                organisation=organisations[name], category=social, rank=1
            )
    sanitet = Organisation.objects.filter(centre=centre, name="Fjordvik Sanitetsforening").first()
    if sanitet is not None:
        organisations[sanitet.name] = sanitet

    units = {
        name: MunicipalUnit.objects.get_or_create(
            municipality=municipality,
            name=name,
            defaults={"kind": kind, "district": districts.get(district or "")},
        )[0]
        for name, kind, district in UNITS
    }

    partnerships = {}
    for title, org_name, unit_names, forms, years_ago, status, purpose in PARTNERSHIPS:
        organisation = organisations.get(org_name)
        if organisation is None:
            continue
        start = dt.date(today.year - years_ago, 1, 1)
        end = (
            dt.date(today.year - 1, 12, 31)
            if status == "ended"
            else today + dt.timedelta(days=45)
            if title == "Gatefotball"  # ends soon: the reminder to both sides goes out
            else dt.date(today.year + 2, 12, 31)
        )
        partnership, created = Partnership.objects.get_or_create(
            centre=centre,
            title=title,
            defaults={
                "organisation": organisation,
                "purpose": purpose,
                "forms": forms,
                "status": status,
                "start_date": start,
                "end_date": end,
                "district": districts.get("Sentrum"),
            },
        )
        partnerships[title] = partnership
        if not created:
            continue
        partnership.units.set([units[name] for name in unit_names])
        if status == "planned":
            continue
        for year in range(start.year, min(end.year, today.year) + 1):
            Contribution.objects.bulk_create(
                [
                    Contribution(
                        centre=centre,
                        partnership=partnership,
                        year=year,
                        side=Side.MUNICIPALITY,
                        kind=Contribution.Kind.MONEY,
                        amount=rng.randrange(10, 40) * 10_000,
                    ),
                    Contribution(
                        centre=centre,
                        partnership=partnership,
                        year=year,
                        side=Side.ORGANISATION,
                        kind=Contribution.Kind.HOURS,
                        amount=rng.randrange(200, 1500),
                        description="Frivillige timer",
                    ),
                ]
            )
            Outcome.objects.create(
                centre=centre,
                partnership=partnership,
                year=year,
                name="I arbeidstrening",
                value=rng.randrange(5, 20),
            )
        Contact.objects.create(
            centre=centre,
            partnership=partnership,
            side=Side.MUNICIPALITY,
            unit=units[unit_names[0]],
            name="Nina Nordmann",
            role="Rådgiver",
            email="nina.nordmann@fjordvik.kommune.example",
        )
        Contact.objects.create(
            centre=centre,
            partnership=partnership,
            side=Side.ORGANISATION,
            name="Ola Leder",
            role="Daglig leder",
            email="ola.leder@example.org",
        )
        partnership.document.save(f"partnership-{partnership.pk}.pdf", ContentFile(_pdf()))
        partnership.document_name = "signert-avtale.pdf"
        partnership.document_size = len(_pdf())
        partnership.save(update_fields=["document_name", "document_size"])

    now = timezone.now()
    for title, heading, theme, *answers, published in STORIES:
        told = partnerships.get(title)
        if told is None:
            continue
        story, created = Story.objects.get_or_create(
            centre=centre,
            partnership=told,
            title=heading,
            defaults={
                "theme": theme,
                **dict(zip(Story.QUESTIONS, answers, strict=True)),
                "status": Story.Status.APPROVED if published else Story.Status.SUBMITTED,
                "approved_at": now if published else None,
                "published_at": now if published else None,
            },
        )
        if created and published:
            for side in Side.values:
                StoryConsent.objects.create(
                    centre=centre,
                    story=story,
                    side=side,
                    shows_name=True,
                    shows_contact=side == Side.ORGANISATION,
                    contact_name="Ola Leder" if side == Side.ORGANISATION else "",
                    contact_email="ola.leder@example.org" if side == Side.ORGANISATION else "",
                    given_at=now,
                )

    _years(centre=centre, today=today, rng=rng)
    if sanitet is not None:
        for offset in range(7, 0, -1):
            year = today.year - offset
            ReportedYear.objects.get_or_create(
                organisation=sanitet,
                year=year,
                defaults={
                    "centre": centre,
                    "volunteers_active": 800 + 600 * (7 - offset),
                    "volunteers_registered": 900 + 650 * (7 - offset),
                    "volunteer_fte": Decimal(20 + 14 * (7 - offset)),
                    "staff_fte": Decimal(10 + 7 * (7 - offset)),
                    "activities": 16 + 2 * (7 - offset),
                    "income_total": 4_000_000 + 500_000 * (7 - offset),
                    "income_municipality": 1_200_000 + 100_000 * (7 - offset),
                },
            )

    for project in Project.objects.filter(centre=centre).order_by("pk")[:3]:
        for offset, kind in ((1, "operating"), (0, "activity")):
            MunicipalSupport.objects.get_or_create(
                centre=centre,
                project=project,
                year=today.year - offset,
                kind=kind,
                defaults={
                    "amount": 150_000,
                    "cost_total": 150_000 if project.is_operations else 600_000,
                    "unit": units["Fjordvik kommune"],
                },
            )

    for each, manager, chair in (
        (centre, "Kari Koordinator", "Per Styreleder"),
        (north, "Nils Nordby", "Randi Rådsleder"),
    ):
        NationalRegisterEntry.objects.get_or_create(
            centre=each,
            defaults={
                "ownership": NationalRegisterEntry.Ownership.MUNICIPAL,
                "network": "Frivilligsentralene i Nordland",
                "manager_position": "100",
                "daily_manager": manager,
                "chair": chair,
            },
        )


def _years(*, centre: Centre, today: dt.date, rng: random.Random) -> None:
    """Seven years back: some activities each year (with hours) and the state grant's
    figures, so the years side by side have a history to show."""
    operations = Project.objects.filter(centre=centre, is_operations=True).first()
    categories = list(ActivityCategory.objects.order_by("position"))
    if operations is None or not categories:
        return
    first = today.year - 7
    if Activity.objects.filter(centre=centre, date__year=first).exists():
        return
    activities = []
    for year in range(first, today.year - 1):
        for week in range(0, 52, 2):
            day = dt.date(year, 1, 4) + dt.timedelta(weeks=week)
            activities.append(
                Activity(
                    centre=centre,
                    project=operations,
                    title="Onsdagskafé",
                    category=categories[week % len(categories)],
                    date=day,
                    participants=rng.randrange(6, 18),
                    volunteer_count=2,
                    volunteer_hours=Decimal(rng.randrange(3, 8)),
                )
            )
        row, created = CentreYear.objects.get_or_create(
            centre=centre,
            year=year,
            defaults={
                "staff_fte": Decimal("1.0") + Decimal(year - first) / 10,
                "owner_name": "Fjordvik kommune",
                "owner_kind": CentreYear.OwnerKind.MUNICIPALITY,
                "advisory_body": CentreYear.AdvisoryBody.BOARD,
                "voluntary_sector_on_body": True,
                "premises": centre.address,
                "is_draft": False,
            },
        )
        if created:
            CentreIncome.objects.bulk_create(
                [
                    CentreIncome(
                        centre_year=row,
                        source="state_grant",
                        amount=420_000 + 10_000 * (year - first),
                    ),
                    CentreIncome(
                        centre_year=row,
                        source="municipality",
                        amount=280_000 + 15_000 * (year - first),
                    ),
                    CentreIncome(centre_year=row, source="own_income", amount=20_000),
                ]
            )
    Activity.objects.bulk_create(activities)
    # And the volunteers' own hours of those years (approved), a few visits a month each: the
    # years side by side count active volunteers and hours from them (the rollups are rebuilt
    # at the end of the seed).
    volunteers = list(Volunteer.objects.filter(centre=centre).order_by("pk")[:4])
    HourEntry.objects.bulk_create(
        HourEntry(
            centre=centre,
            volunteer=volunteer,
            description="Besøksvenn",
            date=dt.date(year, month, 10 + index),
            hours=Decimal("2"),
            status=HourEntry.Status.APPROVED,
        )
        for year in range(first, today.year - 1)
        for month in range(1, 13, 2)
        for index, volunteer in enumerate(volunteers)
    )
