"""Rollups: the sums the figures engine reads instead of the raw logs.

The activity log and the hour log grow with every activity and every hour given (2,5 million
activities and 5 million hour entries in a national installation); summing them on every page
does not hold at that scale. These tables keep the same sums per bucket, and `figures.rollups`
keeps them equal to the logs on every write (services, the admin, imports and cascades alike:
it listens to the logs' saves and deletes). `figures.rollups.verify()` recomputes them from the
logs; the property test and a nightly job prove them equal.

They hold counts and sums only: no person is named, and a volunteer's row goes with them.
"""

from __future__ import annotations

from django.db import models

from core.models import Centre


class ActivityMonth(models.Model):
    """The activities of one project in one month: logged, held, cancelled and what was counted
    on the held ones (the same sums `figures.engine` takes from the log)."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    logged = models.IntegerField(default=0)
    held = models.IntegerField(default=0)
    cancelled = models.IntegerField(default=0)
    with_count = models.IntegerField(default=0)
    with_new = models.IntegerField(default=0)
    participants = models.BigIntegerField(default=0)
    new = models.BigIntegerField(default=0)
    volunteers = models.BigIntegerField(default=0)
    hours = models.DecimalField(max_digits=14, decimal_places=2, default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "month"], name="activitymonth_unique_bucket"
            )
        ]
        indexes = [models.Index(fields=["centre", "year", "month"])]

    def __str__(self) -> str:
        return f"{self.project_id} {self.year}-{self.month:02d}"


class HourYear(models.Model):
    """One volunteer's approved hours of one year, per project (`project_key` 0: no project),
    in the hour log (the volunteers' own log)."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="+")
    volunteer = models.ForeignKey(
        "volunteers.Volunteer", on_delete=models.CASCADE, related_name="+"
    )
    # The project's id, 0 for none: a plain number so the bucket's key is never NULL (a unique
    # constraint over a NULL column does not hold on every database).
    project_key = models.PositiveIntegerField(default=0)
    year = models.PositiveSmallIntegerField()
    hours = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    entries = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "centre", "project_key", "year"],
                name="houryear_unique_bucket",
            )
        ]
        indexes = [
            # Every read of the engine (`engine._volunteer_years`) takes the buckets with
            # entries by centre and year: a project's volunteers with hours and their hours
            # are counted and summed from this index alone (PostgreSQL), in the order they are
            # grouped in (a centre's, a municipality's are read from `PeopleYear`). No plain
            # (centre, year) index beside it: the planner would take it and read the table.
            models.Index(
                fields=["centre", "year", "volunteer"],
                include=["hours"],
                condition=models.Q(entries__gt=0),
                name="houryear_people",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer_id} {self.year}: {self.hours}"


class PeopleYear(models.Model):
    """One centre's year in the hour log, all its volunteers and projects together: how many
    volunteers had approved hours (each once, whatever their projects), and their approved hours
    and entries. The same sums `HourYear` holds, per centre and year: the figures read the
    volunteers with hours from here instead of counting them in `HourYear`'s rows (a read that
    grows with the volunteers)."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    people = models.IntegerField(default=0)
    hours = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    entries = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["centre", "year"], name="peopleyear_unique_bucket")
        ]

    def __str__(self) -> str:
        return f"{self.centre_id} {self.year}: {self.people}"
