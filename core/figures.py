"""What each figure means: one definition per figure, shown the same way everywhere.

Every page, export and PDF that prints a figure takes its label and its "how it is counted"
note from here (templates through the `figure_label` and `figure_note` tags), so the words on
the screen and in the reports cannot drift apart. The figures themselves are computed by one
selector each (named in `source`); this module only says what they mean, and holds the two
conversions every app shares: hours to årsverk and the monthly share of a yearly target.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def fte(hours: Decimal | int | float | None) -> Decimal:
    """Hours as årsverk (full-time equivalents): hours / settings.HOURS_PER_FTE, two decimals.

    The one conversion every page, export and report uses (1 695 hours by default).
    """
    value = Decimal(str(hours or 0)) / Decimal(settings.HOURS_PER_FTE)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def monthly_target(yearly: Decimal | int | None, year: int, month: int) -> Decimal | None:
    """A yearly target's share for one month: yearly * days_in_month / days_in_year (0.1).

    February weighs less than March, and more in a leap year. The dashboard's chart and the
    annual report's chart both draw this line.
    """
    if yearly is None:
        return None
    length = 366 if calendar.isleap(year) else 365
    share = Decimal(yearly) * calendar.monthrange(year, month)[1] / length
    return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _fte_note() -> str:
    return gettext(
        "Volunteer hours in total divided by %(hours)s hours (one full-time equivalent)."
    ) % {"hours": f"{settings.HOURS_PER_FTE:,}".replace(",", "\xa0")}


@dataclass(frozen=True)
class FigureDefinition:
    key: str
    label: str
    note: str
    source: str


DEFINITIONS: dict[str, FigureDefinition] = {
    d.key: d
    for d in [
        FigureDefinition(
            "activities",
            _("Activities held"),
            _("Activities held on or before the day shown; cancelled activities are left out."),
            "activities.selectors.year_totals",
        ),
        FigureDefinition(
            "participants",
            _("Participants"),
            _(
                "Participants counted at the activities held, added up. People are counted, "
                "never named: one person who comes twice counts twice."
            ),
            "activities.selectors.year_totals",
        ),
        FigureDefinition(
            "average_participants",
            _("Average participants per activity"),
            _("Participants divided by the activities held whose participants were counted."),
            "activities.selectors.year_totals",
        ),
        FigureDefinition(
            "persons_reached",
            _("Persons reached"),
            _(
                "Counted: participants marked as coming for the first time, added up. "
                "Reported: the number of persons the project says it reached."
            ),
            "activities.selectors.project_figures",
        ),
        FigureDefinition(
            "activity_hours",
            _("Volunteer hours on activities"),
            _("Hours volunteers gave at the activities held, as logged with each activity."),
            "activities.selectors.year_totals",
        ),
        FigureDefinition(
            "own_hours",
            _("Volunteer hours logged by the volunteers"),
            _(
                "Approved hours volunteers logged themselves for their tasks; hours awaiting "
                "approval are not counted."
            ),
            "volunteers.selectors.hours_total",
        ),
        FigureDefinition(
            "volunteer_hours",
            _("Volunteer hours in total"),
            _(
                "Hours on activities plus approved hours the volunteers logged themselves. "
                "Each hour is in one of the two logs only, so none is counted twice."
            ),
            "reports.figures.hours_figures",
        ),
        FigureDefinition(
            "fte",
            _("Full-time equivalents"),
            lazy(_fte_note, str)(),
            "core.figures.fte",
        ),
        FigureDefinition(
            "volunteers",
            _("Registered volunteers"),
            _(
                "Volunteers registered by the end of the year and approved (applicants are not "
                "counted)."
            ),
            "volunteers.selectors.volunteer_figures",
        ),
        FigureDefinition(
            "project_volunteers",
            _("Volunteers engaged"),
            _("Volunteers who took part in the project, as the project reports them."),
            "activities.selectors.project_figures",
        ),
        FigureDefinition(
            "new_volunteers",
            _("New volunteers"),
            _("Volunteers registered during the year and approved."),
            "volunteers.selectors.volunteer_figures",
        ),
        FigureDefinition(
            "matches",
            _("Matches made"),
            _(
                "Matches of a volunteer with a task that started during the year; proposed "
                "matches are not counted."
            ),
            "volunteers.selectors.matches_made",
        ),
        FigureDefinition(
            "associations",
            _("Associations in the registry"),
            _("Associations in the registry today; archived ones are left out."),
            "organisations.selectors.registry_figures",
        ),
        FigureDefinition(
            "grants",
            _("Grants"),
            _("Amounts granted for the year, from every funder."),
            "activities.selectors.grant_totals_by_year",
        ),
        FigureDefinition(
            "monthly_target",
            _("Monthly target"),
            _("The year's target shared out by the number of days in each month."),
            "core.figures.monthly_target",
        ),
        FigureDefinition(
            "local_share",
            _("Local share of operating income"),
            _(
                "Income from the municipality, private foundations and businesses and the "
                "centre's own income, as a share of all operating income. The state grant "
                "requires at least 40 %."
            ),
            "core.selectors.centre_year_figures",
        ),
    ]
}


def definition(key: str) -> FigureDefinition:
    return DEFINITIONS[key]
