"""A figure against its own target: like with like, one percentage rule, pace only while running.

A target belongs to one figure and one scope: a project's yearly target for hours on its
activities (`YearTarget.volunteer_hours`) is compared only with hours on that project's
activities in that year; a whole-period plan (`Project.planned_reach`) only with the whole
period's result. The dashboard, the project page and both PDFs call `compare`.

For a period that has ended, a comparison says reached or not reached. Only the running period
has a forecast (the year-end value at the current pace) and a pace (what is needed per week for
the rest of it). An average does not grow with time: its forecast is its value, and its pace is
the average the remaining target activities need.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from core.formatting import quantize


def percent_of_target(value, target) -> int | None:
    """value / target * 100 as a whole number, half-up; None without a value or a target."""
    if value is None or target is None or Decimal(target) <= 0:
        return None
    return int(
        (Decimal(value) * 100 / Decimal(target)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    )


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def elapsed_days(start: dt.date, end: dt.date, today: dt.date) -> int:
    """Days of [start, end] passed by the end of `today` (0 before it starts, all after it)."""
    if today < start:
        return 0
    if today >= end:
        return (end - start).days + 1
    return (today - start).days + 1


def monthly_target(yearly, year: int, month: int) -> Decimal | None:
    """A yearly target's share for one month: yearly * days_in_month / days_in_year (0.1).

    February weighs less than March, and more in a leap year. The dashboard's chart and the
    annual report's chart both draw this line.
    """
    if yearly is None:
        return None
    share = Decimal(yearly) * calendar.monthrange(year, month)[1] / days_in_year(year)
    return quantize(share, 1)


@dataclass(frozen=True)
class Comparison:
    """One figure of one scope and period against its target."""

    key: str
    value: Decimal | int | None
    target: Decimal | int | None
    start: dt.date
    end: dt.date
    today: dt.date
    decimals: int = 0
    is_average: bool = False
    # For an average: the target number of activities and those held, for its pace.
    target_activities: int | None = None
    held: int | None = None
    participants: int | None = None

    @property
    def has_target(self) -> bool:
        return self.target is not None

    @property
    def finished(self) -> bool:
        """The period is over: the comparison says reached or not, no pace, no forecast."""
        return self.today > self.end

    @property
    def started(self) -> bool:
        return self.today >= self.start

    @property
    def running(self) -> bool:
        return self.started and not self.finished

    @property
    def percent(self) -> int | None:
        return percent_of_target(self.value, self.target)

    @property
    def bar_percent(self) -> int:
        return max(0, min(self.percent or 0, 100))

    @property
    def remaining(self) -> Decimal | None:
        if self.target is None:
            return None
        return max(Decimal(self.target) - Decimal(self.value or 0), Decimal(0))

    @property
    def reached(self) -> bool | None:
        """Whether the value reaches the target (None without a target or a value)."""
        if self.target is None or self.value is None:
            return None
        return Decimal(self.value) >= Decimal(self.target)

    @property
    def _length(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def _elapsed(self) -> int:
        return elapsed_days(self.start, self.end, self.today)

    @property
    def forecast(self) -> Decimal | None:
        """The value at the end of the running period at the pace so far (None otherwise)."""
        if not self.running or self.value is None:
            return None
        if self.is_average:
            return quantize(self.value, self.decimals)
        return quantize(Decimal(self.value) * self._length / Decimal(self._elapsed), 1)

    @property
    def pace_needed_per_week(self) -> Decimal | None:
        """What the rest of the running period needs per week (for an average: the average the
        remaining target activities need). None when finished or without a target."""
        if not self.running or self.target is None:
            return None
        if self.is_average:
            if not self.target_activities or self.target_activities <= (self.held or 0):
                return None
            needed = Decimal(self.target) * self.target_activities - (self.participants or 0)
            return quantize(
                max(needed, Decimal(0)) / (self.target_activities - (self.held or 0)), 1
            )
        remaining_days = self._length - self._elapsed
        if remaining_days <= 0:
            return None
        remaining = self.remaining
        assert remaining is not None  # the target is set (checked above)
        return quantize(remaining * 7 / Decimal(remaining_days), 1)

    @property
    def on_track(self) -> bool | None:
        """While running: whether the forecast reaches the target. After: whether it was reached."""
        if self.target is None:
            return None
        if self.finished:
            return self.reached
        forecast = self.forecast
        if forecast is None:
            return None
        return forecast >= Decimal(self.target)

    @property
    def status(self) -> str:
        """ "reached", "not_reached" (a finished period), "on_track", "behind" (a running one),
        "not_started" or "no_target"."""
        if self.target is None:
            return "no_target"
        if self.finished:
            return "reached" if self.reached else "not_reached"
        if not self.started:
            return "not_started"
        return "on_track" if self.on_track else "behind"
