"""Demo data of the volunteers app: data lists, consent text, tasks, matches and hours.

Idempotent: every row is looked up by a natural key first.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from core.models import Centre, District
from core.permissions import Access
from hours.models import HourEntry
from rotas.models import Rota, Shift, ShiftSignup
from tasks.models import Match, Task
from volunteers.models import BackgroundGroup, Consent, ConsentText, Interest, Language, Volunteer

BACKGROUND_GROUPS = [
    ("Pensjonist", "Pensioner"),
    ("Student", "Student"),
    ("Elev", "Pupil"),
    ("NAV-tiltak", "NAV programme"),
    ("Innvandrer", "Immigrant"),
    ("Konfirmant", "Confirmand"),
    ("Person med ledig tid", "Person with spare time"),
    ("Frivillig fra kjøpesenter", "Shopping centre volunteer"),
]
INTERESTS = [
    ("Besøksvenn", "Visiting friend"),
    ("Sjåfør", "Driver"),
    ("Matlaging", "Cooking"),
    ("Turgåing", "Walking"),
    ("Leksehjelp", "Homework help"),
    ("Språkkafé", "Language café"),
    ("Data og digital hjelp", "Computers and digital help"),
    ("Håndarbeid", "Crafts"),
    ("Musikk", "Music"),
    ("Reparasjon", "Repairs"),
]
LANGUAGES = [
    ("Norsk", "Norwegian"),
    ("Engelsk", "English"),
    ("Arabisk", "Arabic"),
    ("Polsk", "Polish"),
    ("Somali", "Somali"),
    ("Tigrinja", "Tigrinya"),
    ("Ukrainsk", "Ukrainian"),
]
CONSENT_TEXT = (
    "Fjordvik frivilligsentral lagrer navn, kontaktinformasjon, fødselsår, postnummer, "
    "interesser og tilgjengelighet for å kunne formidle frivillige oppdrag til deg.\n\n"
    "Opplysningene deles ikke med andre uten ditt samtykke. Du kan når som helst be om innsyn, "
    "retting eller sletting ved å kontakte koordinatoren. Timene du gir telles anonymt i "
    "sentralens statistikk også etter sletting."
)
CONSENT_TEXT_EN = (
    "Fjordvik volunteer centre stores your name, contact details, birth year, postal code, "
    "interests and availability to match you with volunteer tasks.\n\n"
    "Your information is not shared without your consent. You may at any time ask to see, "
    "correct or erase it by contacting the coordinator. The hours you give are counted "
    "anonymously in the centre's statistics, also after erasure."
)
TASKS = [
    # (title, interests, when, weekdays, evenings, weekends, needed, certificate)
    ("Besøksvenn for beboer på Fjordheim sykehjem", [0], "Tirsdager 11–13", 1, 0, 0, 2, True),
    ("Sjåfør til felleslunsjen", [1], "Torsdager 10–14", 1, 0, 0, 1, False),
    ("Tidgiver for deltaker i Steg for Steg", [3, 0], "Etter avtale", 0, 1, 1, 3, True),
    ("Språkkafé-vert", [5], "Onsdager 18–20", 0, 1, 0, 2, False),
    ("Digital hjelp på biblioteket", [6], "Lørdager 12–14", 0, 0, 1, 1, False),
]


def seed_volunteers(*, centre: Centre, today: dt.date) -> None:
    rng = random.Random(4)
    groups = [
        BackgroundGroup.objects.get_or_create(name=n, defaults={"name_en": e, "position": i})[0]
        for i, (n, e) in enumerate(BACKGROUND_GROUPS, start=1)
    ]
    interests = [
        Interest.objects.get_or_create(name=n, defaults={"name_en": e, "position": i})[0]
        for i, (n, e) in enumerate(INTERESTS, start=1)
    ]
    languages = [
        Language.objects.get_or_create(name=n, defaults={"name_en": e, "position": i})[0]
        for i, (n, e) in enumerate(LANGUAGES, start=1)
    ]
    consent_text, _ = ConsentText.objects.get_or_create(
        centre=centre, version=1, defaults={"text": CONSENT_TEXT, "text_en": CONSENT_TEXT_EN}
    )
    districts = list(District.objects.filter(municipality_id=centre.municipality_id))

    volunteers = list(Volunteer.objects.filter(centre=centre).order_by("pk"))
    for index, volunteer in enumerate(volunteers):
        if volunteer.interests.exists():
            continue  # already filled in by an earlier run
        volunteer.interests.set(rng.sample(interests, k=rng.randrange(1, 4)))
        volunteer.background_groups.set(rng.sample(groups, k=rng.randrange(0, 2)))
        volunteer.languages.set([languages[0]] + rng.sample(languages[1:], k=rng.randrange(0, 2)))
        volunteer.available_weekdays = index % 2 == 0
        volunteer.available_evenings = index % 3 == 0
        volunteer.available_weekends = index % 4 == 1
        if index % 3 != 2:
            volunteer.police_certificate_checked_on = today - dt.timedelta(days=30 + index * 11)
        volunteer.save()
        Consent.objects.get_or_create(
            volunteer=volunteer,
            consent_text=consent_text,
            defaults={
                "given_at": timezone.now() - dt.timedelta(days=400 - index * 7),
                "channel": Consent.Channel.SIGNUP_FORM if index % 2 else Consent.Channel.PAPER,
            },
        )

    tasks = []
    for index, (title, wanted, when, wd, ev, we, needed, cert) in enumerate(TASKS):
        task, created = Task.objects.get_or_create(
            centre=centre,
            title=title,
            defaults={
                "description": f"{title}. Ta kontakt med koordinatoren for mer informasjon.",
                "when": when,
                "district": districts[index % len(districts)] if districts else None,
                "needs_weekdays": bool(wd),
                "needs_evenings": bool(ev),
                "needs_weekends": bool(we),
                "volunteers_needed": needed,
                "needs_police_certificate": cert,
                "starts_on": today - dt.timedelta(days=200),
                # Most are on the centre's public front page (the sign-up form names them).
                "is_public": index % 3 != 2,
            },
        )
        if created:
            task.interests.set([interests[i] for i in wanted])
        tasks.append(task)

    active = [v for v in volunteers if v.status == Volunteer.Status.ACTIVE]
    # The demo volunteer (first volunteer, linked to frivillig@fjordvik.example) has tasks too.
    pairs = [(0, 0), (1, 1), (2, 2), (3, 3), (4, 2), (5, 4), (6, 3), (7, 1)]
    for volunteer_index, task_index in pairs:
        if volunteer_index >= len(active):
            break
        volunteer, task = active[volunteer_index], tasks[task_index]
        if task.needs_police_certificate and not volunteer.police_certificate_checked_on:
            continue
        match, created = Match.objects.get_or_create(
            task=task,
            volunteer=volunteer,
            defaults={
                "centre": centre,
                "status": Match.Status.ACTIVE if volunteer_index < 7 else Match.Status.PROPOSED,
                "started_on": today - dt.timedelta(days=480 - volunteer_index * 45),
                "next_follow_up_on": today + dt.timedelta(days=7 + volunteer_index * 5),
            },
        )
        if match.status != Match.Status.ACTIVE:
            continue
        # Weekly hours since the match started; the last two await approval. Written in one
        # go, those of a week already there (a second seed) left as they are; seed() rebuilds
        # the figures' rollups from the log at the end, as for the activities.
        day = match.started_on
        assert day is not None  # set by the defaults above
        logged = set(
            HourEntry.objects.system()
            .filter(volunteer=volunteer, task=task)
            .values_list("date", flat=True)
        )
        weekly = []
        while day <= today:
            status = (
                HourEntry.Status.APPROVED if day <= today - dt.timedelta(days=14) else "pending"
            )
            hours = Decimal(rng.choice(["1.5", "2", "2.5", "3"]))
            if day not in logged:
                weekly.append(
                    HourEntry(
                        centre=centre,
                        volunteer=volunteer,
                        task=task,
                        date=day,
                        hours=hours,
                        status=status,
                    )
                )
            day += dt.timedelta(days=7)
        HourEntry.objects.bulk_create(weekly)


# Rotas: title, weekday (0 = Monday), start and end hour, places.
ROTAS = [
    ("Kafé tirsdag", 1, 11, 14, 2),
    ("Utlånssentralen", 3, 16, 19, 2),
]


def seed_rotas(*, centre: Centre, today: dt.date) -> None:
    """Two rotas with weekly shifts from two weeks back to six weeks ahead. Past shifts are
    held (their hours logged through the service, once); shifts to come have a few sign-ups,
    and the demo volunteer has one of them, with places left for them to find."""
    from rotas.services import shift_hold

    zone = timezone.get_current_timezone()
    active = list(
        Volunteer.objects.filter(centre=centre, status=Volunteer.Status.ACTIVE).order_by("pk")
    )
    if len(active) < 4:
        return
    for rota_index, (title, weekday, start, end, places) in enumerate(ROTAS):
        rota, _ = Rota.objects.get_or_create(
            centre=centre,
            title=title,
            defaults={
                "description": f"{title}: faste vakter hver uke. Meld deg på der det er plass.",
                "signup_closes_hours": 12,
            },
        )
        first = today - dt.timedelta(days=(today.weekday() - weekday) % 7 + 14)
        for week in range(8):
            day = first + dt.timedelta(weeks=week)
            starts_at = dt.datetime.combine(day, dt.time(start), tzinfo=zone)
            shift, _ = Shift.objects.get_or_create(
                centre=centre,
                rota=rota,
                starts_at=starts_at,
                defaults={
                    "ends_at": dt.datetime.combine(day, dt.time(end), tzinfo=zone),
                    "capacity": places,
                },
            )
            # Two volunteers on past shifts, one on shifts to come; the demo volunteer (the
            # first) is on the café's shift in three weeks.
            past = day < today
            people = active[1 + rota_index * 2 : 3 + rota_index * 2] if past else []
            if not past and week % 2 == 0:
                people = [active[3 - rota_index]]
            if rota_index == 0 and week == 5:
                people = [active[0]]
            for person in people:
                ShiftSignup.objects.get_or_create(
                    shift=shift,
                    volunteer=person,
                    defaults={
                        "centre": centre,
                        "status": ShiftSignup.Status.CONFIRMED,
                        "listed_at": starts_at - dt.timedelta(days=10),
                    },
                )
            if past and shift.held_at is None and starts_at < timezone.now():
                shift_hold(actor=Access.system(), shift=shift)
