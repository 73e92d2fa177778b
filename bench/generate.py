"""Reproducible benchmark data at three scales (S, M, L).

    DATABASE_URL=postgres://... python -m bench.generate --scale M --seed 1

Rows are built as model instances (so every field gets its default) and written with
PostgreSQL COPY, or bulk_create on SQLite. The same seed gives the same data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice

import django


@dataclass(frozen=True)
class Scale:
    name: str
    municipalities: int
    centres: int
    associations: int
    volunteers: int
    activities: int
    hour_entries: int
    years: int


SCALES = {
    "S": Scale("S", 1, 1, 150, 200, 750, 2_000, 3),
    # M: a large municipality, one centre per district (15 districts), ten years of activities
    # and hours (the trends page, issue 23).
    "M": Scale("M", 1, 15, 3_000, 5_000, 50_000, 100_000, 10),
    "L": Scale("L", 50, 500, 150_000, 250_000, 2_500_000, 5_000_000, 3),
}

BATCH = 5_000


def _setup() -> None:
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frivillig.settings")
    django.setup()


def chunked(iterable: Iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def write(model, objects: Iterable) -> int:
    """Insert model instances fast: COPY on PostgreSQL, bulk_create elsewhere."""
    from django.db import connection

    count = 0
    if connection.vendor != "postgresql":
        for chunk in chunked(objects, BATCH):
            model.objects.bulk_create(chunk, batch_size=BATCH)
            count += len(chunk)
        return count
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for obj in objects:
            copy.write_row([f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields])
            count += 1
    return count


def generate(scale: Scale, seed: int = 1) -> dict[str, int]:
    from django.db import connection, transaction

    from activities.models import Activity, ActivityCategory
    from core.models import Centre, District, Municipality, Role, User
    from demo import data
    from organisations.models import Category, Membership, Organisation, OrganisationCategory
    from projects.models import Project, YearTarget
    from volunteers.models import Volunteer

    rng = random.Random(seed)
    counts: dict[str, int] = {}
    today = dt.date(2026, 11, 23)
    with transaction.atomic():
        categories = [
            Category.objects.get_or_create(name=n, defaults={"name_en": e, "position": i})[0]
            for i, (n, e, _code) in enumerate(data.ASSOCIATION_CATEGORIES)
        ]
        activity_categories = [
            ActivityCategory.objects.get_or_create(name=n, defaults={"name_en": e, "position": i})[
                0
            ]
            for i, (n, e) in enumerate(data.ACTIVITY_CATEGORIES)
        ]
        municipalities = Municipality.objects.bulk_create(
            Municipality(name=f"Benchkommune {i}", slug=f"bench-{i}")
            for i in range(scale.municipalities)
        )
        per_municipality = max(5, scale.centres // scale.municipalities)
        districts = {
            m.pk: District.objects.bulk_create(
                District(municipality=m, name=f"Bydel {j}") for j in range(per_municipality)
            )
            for m in municipalities
        }
        centres = Centre.objects.bulk_create(
            Centre(
                municipality=municipalities[i % len(municipalities)],
                # One centre per district, as Oslo has one per bydel.
                district=districts[municipalities[i % len(municipalities)].pk][
                    (i // len(municipalities)) % per_municipality
                ],
                name=f"Benchsentral {i}",
                slug=f"bench-{i}",
            )
            for i in range(scale.centres)
        )
        counts["centres"] = len(centres)

        words = [w for name, *_ in data.ASSOCIATIONS for w in name.split()]

        def organisations():
            for i in range(scale.associations):
                centre = centres[i % len(centres)]
                name = f"{rng.choice(words)} {rng.choice(words)} {i}"
                organisation = Organisation(
                    centre=centre,
                    name=name,
                    description=f"{name} driver frivillig arbeid i {centre.name}.",
                    contact_name=f"{rng.choice(data.FIRST_NAMES)} {rng.choice(data.LAST_NAMES)}",
                    email=f"post{i}@bench.example",
                    postal_code=f"{rng.randrange(1000, 9999)}",
                    district=rng.choice(districts[centre.municipality_id]),
                    member_count=rng.randrange(5, 500),
                    founded_year=rng.randrange(1900, 2025),
                    needs_volunteers=rng.random() < 0.25,
                    is_public=rng.random() < 0.8,
                    is_archived=rng.random() < 0.05,
                )
                organisation.derive_search_columns()
                yield organisation

        counts["associations"] = write(Organisation, organisations())
        org_ids = list(Organisation.objects.order_by("pk").values_list("pk", "centre_id"))
        counts["association categories"] = write(
            OrganisationCategory,
            (
                OrganisationCategory(
                    organisation_id=pk, category=categories[(pk * 7) % len(categories)], rank=1
                )
                for pk, _centre in org_ids
            ),
        )

        def volunteers():
            statuses = ["active"] * 6 + ["applicant", "paused", "ended"]
            for i in range(scale.volunteers):
                centre = centres[i % len(centres)]
                yield Volunteer(
                    centre=centre,
                    first_name=rng.choice(data.FIRST_NAMES),
                    last_name=rng.choice(data.LAST_NAMES),
                    email=f"frivillig{i}@bench.example",
                    birth_year=rng.randrange(1940, 2008),
                    postal_code=f"{rng.randrange(1000, 9999)}",
                    district=rng.choice(districts[centre.municipality_id]),
                    status=rng.choice(statuses),
                )

        counts["volunteers"] = write(Volunteer, volunteers())

        projects = Project.objects.bulk_create(
            Project(
                centre=c, name=f"Prosjekt {c.slug}", slug="prosjekt", start_date=dt.date(2024, 1, 1)
            )
            for c in centres
        )
        YearTarget.objects.bulk_create(
            YearTarget(
                centre=p.centre,
                project=p,
                year=y,
                activities=220,
                average_participants=Decimal("10.0"),
            )
            for p in projects
            for y in range(today.year - scale.years + 1, today.year + 1)
        )
        orgs_by_centre: dict[int, list[int]] = {}
        for pk, centre_id in org_ids:
            orgs_by_centre.setdefault(centre_id, []).append(pk)
        start = dt.date(today.year - scale.years + 1, 1, 1)
        span = (today - start).days

        def activities():
            for i in range(scale.activities):
                project = projects[i % len(projects)]
                cancelled = rng.random() < 0.04
                yield Activity(
                    centre_id=project.centre_id,
                    project=project,
                    title=rng.choice(data.ACTIVITY_PLAN)[0],
                    category=rng.choice(activity_categories),
                    date=start + dt.timedelta(days=rng.randrange(span)),
                    start_time=dt.time(11),
                    end_time=dt.time(13),
                    organiser_id=rng.choice(orgs_by_centre.get(project.centre_id, [None])),
                    participants=None if cancelled else rng.randrange(3, 20),
                    volunteer_count=rng.randrange(0, 4),
                    volunteer_hours=Decimal(rng.randrange(0, 9)),
                    cancelled=cancelled,
                )

        counts["activities"] = write(Activity, activities())

        # One user of each role for the first centre, to log in with during the benchmark.
        first = centres[0]
        User.objects.create_user(
            "bench-koordinator@bench.example", "bench", role=Role.COORDINATOR, centre=first
        )
        User.objects.create_superuser("bench-admin@bench.example", "bench")
        User.objects.create_user(
            "bench-kommune@bench.example",
            "bench",
            role=Role.MUNICIPALITY,
            municipality=first.municipality,
        )
        association = User.objects.create_user(
            "bench-lag@bench.example", "bench", role=Role.ASSOCIATION, centre=first
        )
        Membership.objects.create(user=association, organisation_id=orgs_by_centre[first.pk][0])

        extra = _generate_extensions(scale, rng, centres, counts)
        counts.update(extra)
        # The logs were written by COPY: the figures' rollups from them.
        from figures import rollups

        rollups.rebuild()
    if connection.vendor == "postgresql":
        # VACUUM too: the rows written by COPY are then known visible, so the index-only
        # reads (the hours' volunteers per centre and year) need not visit the table.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return counts


def _generate_extensions(scale, rng, centres, counts) -> dict[str, int]:
    """Volunteers' interests, tasks and hour entries."""
    from hours.models import HourEntry
    from tasks.models import Task
    from volunteers.models import Interest, Volunteer

    interests = [
        Interest.objects.get_or_create(name=name, defaults={"name_en": name})[0]
        for name in ("Besøksvenn", "Sjåfør", "Leksehjelp", "Turgåing", "Matlaging", "Data")
    ]
    volunteer_ids = list(Volunteer.objects.order_by("pk").values_list("pk", "centre_id"))
    through = Volunteer.interests.through
    counts["volunteer interests"] = write(
        through,
        (
            through(volunteer_id=pk, interest_id=interests[(pk * 3 + k) % len(interests)].pk)
            for pk, _centre in volunteer_ids
            for k in range(2)
        ),
    )
    tasks = Task.objects.bulk_create(
        Task(centre=c, title=f"Besøksvenn {i}", volunteers_needed=2)
        for c in centres
        for i in range(3)
    )
    task_through = Task.interests.through
    task_through.objects.bulk_create(
        task_through(task_id=t.pk, interest_id=interests[i % len(interests)].pk)
        for i, t in enumerate(tasks)
    )
    today = dt.date(2026, 11, 23)
    start = dt.date(today.year - scale.years + 1, 1, 1)
    span = (today - start).days
    approved = HourEntry.Status.APPROVED

    def hour_entries():
        for i in range(scale.hour_entries):
            pk, centre_id = volunteer_ids[i % len(volunteer_ids)]
            yield HourEntry(
                centre_id=centre_id,
                volunteer_id=pk,
                description="Besøk",
                date=start + dt.timedelta(days=rng.randrange(span)),
                hours=Decimal(rng.randrange(1, 9)) / 2,
                status=approved,
            )

    counts["hour entries"] = write(HourEntry, hour_entries())
    counts["tasks"] = len(tasks)
    return {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=sorted(SCALES), default="S")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    _setup()
    started = time.perf_counter()
    counts = generate(SCALES[args.scale], args.seed)
    elapsed = time.perf_counter() - started
    print(f"scale {args.scale}: {counts} in {elapsed:.1f} s")


if __name__ == "__main__":
    main()
