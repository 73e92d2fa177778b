"""Keeping the rollups (`figures.models`) equal to the logs they sum.

Every write of an activity or an hour entry changes the sums of its bucket by the difference it
makes: a save subtracts what the row counted before and adds what it counts now, a delete
subtracts it. The change is an `UPDATE ... SET n = n + d` inside the writer's transaction, so
concurrent writers never lose each other's counts and a rolled-back write takes its change
with it. The receivers are connected in `FiguresConfig.ready()` to the models' own signals, so
services, the admin, the import, factories and cascaded deletes all keep the sums; the one bulk
write of activities (a series' occurrences) sends `activities.signals.activities_bulk_created`.

The hour log has two rollups: its sums per volunteer, project and year (`HourYear`) and per
centre and year with the volunteers counted (`PeopleYear`). A volunteer is counted in a year
when their approved entries of that year go from none to some, and no longer when they go back
to none; a write first locks its centres' years (`PeopleYear`'s rows, in order), so the entries
it reads before its change are those no other writer is changing.

`rebuild()` recomputes the sums of some or every centre from the logs (migrations, the demo,
the benchmark's generator), `verify()` compares them with the logs and, asked to, repairs
them (a nightly job and `manage.py verify_figures`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

logger = logging.getLogger("frivillig.figures")

ACTIVITY_FIELDS = (
    "centre_id",
    "project_id",
    "date",
    "cancelled",
    "participants",
    "participants_new",
    "volunteer_count",
    "volunteer_hours",
)
ACTIVITY_SUMS = (
    "logged",
    "held",
    "cancelled",
    "with_count",
    "with_new",
    "participants",
    "new",
    "volunteers",
    "hours",
)
HOUR_FIELDS = ("centre_id", "volunteer_id", "project_id", "date", "hours", "status")
HOUR_SUMS = ("hours", "entries")
PEOPLE_SUMS = ("people", "hours", "entries")
APPROVED = "approved"


def _models():
    from activities.models import Activity
    from hours.models import HourEntry
    from projects.models import Project

    from .models import ActivityMonth, HourYear, PeopleYear

    return Activity, HourEntry, Project, ActivityMonth, HourYear, PeopleYear


def _date(value) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


# --- What one row counts ----------------------------------------------------------------------


def activity_part(values: dict) -> tuple[tuple, dict] | None:
    """The bucket an activity counts in and what it adds there (None: it counts nowhere)."""
    if not values.get("project_id") or not values.get("centre_id") or not values.get("date"):
        return None
    day = _date(values["date"])
    held = not values["cancelled"]
    participants = values["participants"]
    new = values["participants_new"]
    sums = {
        "logged": 1,
        "held": int(held),
        "cancelled": int(not held),
        "with_count": int(held and participants is not None),
        "with_new": int(held and new is not None),
        "participants": (participants or 0) if held else 0,
        "new": (new or 0) if held else 0,
        "volunteers": (values["volunteer_count"] or 0) if held else 0,
        "hours": Decimal(values["volunteer_hours"] or 0) if held else Decimal(0),
    }
    return (values["centre_id"], values["project_id"], day.year, day.month), sums


def hour_part(values: dict) -> tuple[tuple, dict] | None:
    """The bucket an hour entry counts in and what it adds (approved entries only)."""
    if values.get("status") != APPROVED or not values.get("date"):
        return None
    day = _date(values["date"])
    key = (values["centre_id"], values["volunteer_id"], values["project_id"] or 0, day.year)
    return key, {"hours": Decimal(values["hours"] or 0), "entries": 1}


def _changes(part, removed: Iterable[dict], added: Iterable[dict]) -> dict[tuple, dict]:
    """What the buckets gain and lose when `removed` rows stop counting and `added` ones start
    (a save: the row before and after; a delete: removed only; a bulk insert: added only)."""
    changes: dict[tuple, dict] = defaultdict(dict)
    for rows, sign in ((removed, -1), (added, 1)):
        for values in rows:
            counted = part(values)
            if counted is None:
                continue
            key, sums = counted
            for name, value in sums.items():
                changes[key][name] = changes[key].get(name, 0) + sign * value
    return {key: sums for key, sums in changes.items() if any(sums.values())}


# --- Applying a difference --------------------------------------------------------------------


def _apply(model, lookup: dict, create: dict, sums: dict, *, lock: bool = False) -> None:
    """Add `sums` to the bucket `lookup` (created from `create` where it is missing). With
    `lock` the row is updated even when nothing in it changes, so that it is held till the
    commit."""
    changes = {name: F(name) + value for name, value in sums.items() if value or lock}
    if not changes:
        return
    if model._base_manager.filter(**lookup).update(**changes):
        return
    model._base_manager.bulk_create([model(**create)], ignore_conflicts=True)
    model._base_manager.filter(**lookup).update(**changes)


def _apply_activities(changes: dict[tuple, dict]) -> None:
    ActivityMonth = _models()[3]
    for (centre_id, project_id, year, month), sums in changes.items():
        lookup = {"project_id": project_id, "year": year, "month": month}
        _apply(ActivityMonth, lookup, {**lookup, "centre_id": centre_id}, sums)


def _apply_hours(changes: dict[tuple, dict]) -> None:
    HourYear = _models()[4]
    _apply_people(changes)
    for (centre_id, volunteer_id, project_key, year), sums in changes.items():
        lookup = {
            "centre_id": centre_id,
            "volunteer_id": volunteer_id,
            "project_key": project_key,
            "year": year,
        }
        _apply(HourYear, lookup, lookup, sums)


def _apply_people(changes: dict[tuple, dict]) -> None:
    """The centres' years (`PeopleYear`) of hour buckets' `changes`: their hours and entries,
    and the volunteers whose entries of the year go from none to some (+1) or back (-1). Run
    before the buckets change: it reads each volunteer's entries of the year as they were."""
    HourYear, PeopleYear = _models()[4:]
    volunteers: dict[tuple, int] = defaultdict(int)  # (centre, volunteer, year) -> entries
    centre_years: dict[tuple, dict] = defaultdict(lambda: {"hours": 0, "entries": 0})
    for (centre_id, volunteer_id, _project_key, year), sums in changes.items():
        volunteers[(centre_id, volunteer_id, year)] += sums.get("entries", 0)
        for name in ("hours", "entries"):
            centre_years[(centre_id, year)][name] += sums.get(name, 0)
    moving = {key: entries for key, entries in volunteers.items() if entries}
    locked = {(centre_id, year) for centre_id, _v, year in moving}
    for centre_id, year in sorted(centre_years):  # one order: two writers never wait in a ring
        # An UPDATE (of zero where only volunteers move): it holds the row till the commit.
        lookup = {"centre_id": centre_id, "year": year}
        sums = centre_years[(centre_id, year)]
        _apply(PeopleYear, lookup, lookup, sums, lock=(centre_id, year) in locked)
    if not moving:
        return
    keys = Q()
    for centre_id, volunteer_id, year in moving:
        keys |= Q(centre_id=centre_id, volunteer_id=volunteer_id, year=year)
    before = {
        (row["centre_id"], row["volunteer_id"], row["year"]): row["n"]
        for row in HourYear._base_manager.filter(keys)
        .values("centre_id", "volunteer_id", "year")
        .annotate(n=Sum("entries"))
        .order_by()
    }
    people: dict[tuple, int] = defaultdict(int)
    for (centre_id, volunteer_id, year), entries in moving.items():
        was = before.get((centre_id, volunteer_id, year)) or 0
        people[(centre_id, year)] += int(was + entries > 0) - int(was > 0)
    for (centre_id, year), difference in people.items():
        if difference:
            PeopleYear._base_manager.filter(centre_id=centre_id, year=year).update(
                people=F("people") + difference
            )


# --- The receivers ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Watch:
    """Keeps one log's rollup: the fields a row counts by, what it counts (`part`) and where
    the difference goes (`apply`). Its methods are the log model's signal receivers."""

    fields: tuple[str, ...]
    part: Callable[[dict], tuple[tuple, dict] | None]
    apply: Callable[[dict[tuple, dict]], None]

    @property
    def counted(self) -> set[str]:
        """The names a save's `update_fields` may give for the counted fields."""
        return {name.removesuffix("_id") for name in self.fields} | set(self.fields)

    def values(self, instance) -> dict:
        return {name: getattr(instance, name) for name in self.fields}

    def pre_save(self, sender, instance, update_fields=None, **kwargs) -> None:
        # What the row counted before this save, read from the database (None: a new row).
        instance._figures_before = None
        instance._figures_skip = update_fields is not None and not (
            set(update_fields) & self.counted
        )
        if instance._figures_skip or instance._state.adding or instance.pk is None:
            return
        instance._figures_before = (
            sender._base_manager.filter(pk=instance.pk).values(*self.fields).first()
        )

    def post_save(self, sender, instance, **kwargs) -> None:
        if getattr(instance, "_figures_skip", False):
            return
        before = getattr(instance, "_figures_before", None)
        self.apply(_changes(self.part, [before] if before else [], [self.values(instance)]))
        instance._figures_before = None

    def post_delete(self, sender, instance, **kwargs) -> None:
        self.apply(_changes(self.part, [self.values(instance)], []))

    def bulk_created(self, sender, activities, **kwargs) -> None:
        self.apply(_changes(self.part, [], [self.values(row) for row in activities]))


ACTIVITIES = _Watch(ACTIVITY_FIELDS, activity_part, _apply_activities)
HOURS = _Watch(HOUR_FIELDS, hour_part, _apply_hours)


def project_post_delete(sender, instance, **kwargs) -> None:
    # Deleting a project sets its hour entries' project to none by an UPDATE (no save signal):
    # their hours move to the centre's bucket without a project.
    rebuild(centre_ids=[instance.centre_id], activities=False)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save, pre_save

    from activities.signals import activities_bulk_created as bulk_signal

    Activity, HourEntry, Project, *_rollups = _models()
    uid = "figures.rollups"
    for log, model, name in ((ACTIVITIES, Activity, "a"), (HOURS, HourEntry, "h")):
        pre_save.connect(log.pre_save, sender=model, weak=False, dispatch_uid=f"{uid}.{name}.pre")
        post_save.connect(
            log.post_save, sender=model, weak=False, dispatch_uid=f"{uid}.{name}.post"
        )
        post_delete.connect(
            log.post_delete, sender=model, weak=False, dispatch_uid=f"{uid}.{name}.del"
        )
    bulk_signal.connect(ACTIVITIES.bulk_created, weak=False, dispatch_uid=f"{uid}.a.bulk")
    post_delete.connect(project_post_delete, sender=Project, dispatch_uid=f"{uid}.p.del")


# --- Recomputing from the logs ----------------------------------------------------------------


def activity_aggregates() -> dict:
    """The activity log's sums (`ACTIVITY_SUMS`) as aggregates, each named `agg_<sum>` (an
    annotation may not share a name with a field it filters on): what a rollup bucket holds and
    what the engine reads from the log where no bucket serves."""
    held = Q(cancelled=False)
    return {
        "agg_logged": Count("pk"),
        "agg_held": Count("pk", filter=held),
        "agg_cancelled": Count("pk", filter=Q(cancelled=True)),
        "agg_with_count": Count("pk", filter=held & Q(participants__isnull=False)),
        "agg_with_new": Count("pk", filter=held & Q(participants_new__isnull=False)),
        "agg_participants": Sum("participants", filter=held),
        "agg_new": Sum("participants_new", filter=held),
        "agg_volunteers": Sum("volunteer_count", filter=held),
        "agg_hours": Sum("volunteer_hours", filter=held),
    }


def _logged_activities(activity_model, centre_ids) -> dict[tuple, dict]:
    """The sums every activity bucket should hold, read from the log."""
    activities = activity_model._base_manager.all()
    if centre_ids is not None:
        activities = activities.filter(centre_id__in=centre_ids)
    rows = (
        activities.annotate(y=ExtractYear("date"), m=ExtractMonth("date"))
        .values("centre_id", "project_id", "y", "m")
        .annotate(**activity_aggregates())
        .order_by()
    )
    return {
        (row["centre_id"], row["project_id"], row["y"], row["m"]): {
            name: row[f"agg_{name}"] or 0 for name in ACTIVITY_SUMS
        }
        for row in rows
    }


def _logged_hours(hour_model, centre_ids) -> dict[tuple, dict]:
    """The sums every hour bucket should hold, read from the log (approved entries)."""
    hours = hour_model._base_manager.filter(status=APPROVED)
    if centre_ids is not None:
        hours = hours.filter(centre_id__in=centre_ids)
    rows = (
        hours.annotate(y=ExtractYear("date"))
        .values("centre_id", "volunteer_id", "project_id", "y")
        .annotate(s_hours=Sum("hours"), s_entries=Count("pk"))
        .order_by()
    )
    expected: dict[tuple, dict] = {}
    for row in rows:
        key = (row["centre_id"], row["volunteer_id"], row["project_id"] or 0, row["y"])
        bucket = expected.setdefault(key, {"hours": Decimal(0), "entries": 0})
        bucket["hours"] += row["s_hours"] or 0
        bucket["entries"] += row["s_entries"]
    return expected


def _logged_people(expected_hours: dict[tuple, dict]) -> dict[tuple, dict]:
    """The sums every centre's year should hold (`PeopleYear`), from the hour buckets'."""
    expected: dict[tuple, dict] = {}
    counted: set[tuple] = set()
    for (centre_id, volunteer_id, _project_key, year), sums in expected_hours.items():
        bucket = expected.setdefault(
            (centre_id, year), {"people": 0, "hours": Decimal(0), "entries": 0}
        )
        bucket["hours"] += sums["hours"]
        bucket["entries"] += sums["entries"]
        if sums["entries"] and (centre_id, volunteer_id, year) not in counted:
            counted.add((centre_id, volunteer_id, year))
            bucket["people"] += 1
    return expected


def _stored(month_model, year_model, people_model, centre_ids) -> tuple[dict, dict, dict]:
    months = month_model._base_manager.all()
    years = year_model._base_manager.all()
    people = people_model._base_manager.all()
    if centre_ids is not None:
        months = months.filter(centre_id__in=centre_ids)
        years = years.filter(centre_id__in=centre_ids)
        people = people.filter(centre_id__in=centre_ids)
    stored_activities = {
        (r["centre_id"], r["project_id"], r["year"], r["month"]): {
            name: r[name] for name in ACTIVITY_SUMS
        }
        for r in months.values("centre_id", "project_id", "year", "month", *ACTIVITY_SUMS)
        if any(r[name] for name in ACTIVITY_SUMS)
    }
    stored_hours = {
        (r["centre_id"], r["volunteer_id"], r["project_key"], r["year"]): {
            "hours": r["hours"],
            "entries": r["entries"],
        }
        for r in years.values("centre_id", "volunteer_id", "project_key", "year", *HOUR_SUMS)
        if r["entries"] or r["hours"]
    }
    stored_people = {
        (r["centre_id"], r["year"]): {name: r[name] for name in PEOPLE_SUMS}
        for r in people.values("centre_id", "year", *PEOPLE_SUMS)
        if any(r[name] for name in PEOPLE_SUMS)
    }
    return stored_activities, stored_hours, stored_people


def _replace(model, centre_ids, rows: list) -> None:
    old = model._base_manager.all()
    if centre_ids is not None:
        old = old.filter(centre_id__in=centre_ids)
    old.delete()
    model._base_manager.bulk_create(rows, batch_size=2000)


def rebuild(centre_ids=None, *, activities: bool = True, hours: bool = True, apps=None) -> None:
    """Recompute the rollups of some centres (None: every centre) from the logs."""
    if apps is not None:
        activity_model = apps.get_model("activities", "Activity")
        try:
            hour_model = apps.get_model("hours", "HourEntry")
        except LookupError:  # a migration before the hour log moved to its own app
            hour_model = apps.get_model("volunteers", "HourEntry")
        month_model = apps.get_model("figures", "ActivityMonth")
        year_model = apps.get_model("figures", "HourYear")
        try:
            people_model = apps.get_model("figures", "PeopleYear")
        except LookupError:  # a migration before the centres' years were kept
            people_model = None
    else:
        activity_model, hour_model, _, month_model, year_model, people_model = _models()
    if activities:
        expected = _logged_activities(activity_model, centre_ids)
        _replace(
            month_model,
            centre_ids,
            [
                month_model(centre_id=c, project_id=p, year=y, month=m, **sums)
                for (c, p, y, m), sums in expected.items()
            ],
        )
    if hours:
        expected = _logged_hours(hour_model, centre_ids)
        _replace(
            year_model,
            centre_ids,
            [
                year_model(centre_id=c, volunteer_id=v, project_key=p, year=y, **sums)
                for (c, v, p, y), sums in expected.items()
            ],
        )
        if people_model is not None:
            _replace(
                people_model,
                centre_ids,
                [
                    people_model(centre_id=c, year=y, **sums)
                    for (c, y), sums in _logged_people(expected).items()
                ],
            )


def verify(centre_ids=None, *, repair: bool = False) -> list[str]:
    """The buckets whose stored sums differ from the logs (empty: the rollups are right).

    With `repair`, the centres with a difference are rebuilt from the logs."""
    activity_model, hour_model, _, month_model, year_model, people_model = _models()
    hours = _logged_hours(hour_model, centre_ids)
    expected = (_logged_activities(activity_model, centre_ids), hours, _logged_people(hours))
    stored = _stored(month_model, year_model, people_model, centre_ids)
    differences = []
    broken: set[int] = set()
    names = ("activities", "hours", "people")
    for name, want, have in zip(names, expected, stored, strict=True):
        for key in sorted(set(want) | set(have)):
            if _normal(want.get(key)) != _normal(have.get(key)):
                differences.append(f"{name} {key}: log {want.get(key)} rollup {have.get(key)}")
                broken.add(key[0])
    if differences:
        logger.warning("Figures rollups differ from the logs in %d buckets", len(differences))
        if repair:
            rebuild(centre_ids=sorted(broken))
    return differences


def _normal(sums: dict | None) -> dict:
    if not sums:
        return {}
    return {name: Decimal(value) for name, value in sums.items() if value}
