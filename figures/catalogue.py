"""What each figure is: one definition per figure, the same words on every surface.

A figure has a key (`volunteer_hours.total`), a label and a note on how it is counted (in
bokmål, nynorsk and English through the catalogues), a unit and its decimals, a period kind
(counted *during* the period, or a stock taken *at the end* of it), the scopes it exists for,
whether it is counted from the log, reported (typed in) or both, and the target it may be
compared with. Pages mark every number with its key (`data-figure="…"`), CSV headers and API
fields carry it, and the "About the figures" page and the PDFs print these definitions.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core import formatting

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Period kinds.
DURING = "during"  # summed (or averaged) over the days of the period
AT_END = "end"  # a stock, taken on the last day of the period

# Scopes a figure exists for.
CENTRE = "centre"
PROJECT = "project"
ASSOCIATION = "association"
MUNICIPALITY = "municipality"
DISTRICT = "district"  # the centres of one district of a municipality
PUBLIC = "public"
VOLUNTEER = "volunteer"

# Where a value comes from.
COUNTED = "counted"
REPORTED = "reported"
BOTH = "both"

# Units.
COUNT = "count"
HOURS = "hours"
FTE = "fte"
AVERAGE = "average"
NOK = "nok"
PERCENT = "percent"


@dataclass(frozen=True)
class Figure:
    key: str
    label: StrOrPromise
    note: StrOrPromise
    unit: str
    decimals: int
    period: str
    scopes: frozenset[str]
    origin: str = COUNTED
    # The yearly target (a YearTarget field) this figure may be compared with, if any.
    target: str | None = None
    # The whole-period plan (a Project field) this figure may be compared with, if any.
    period_target: str | None = None
    # The name a ReportedFigure row gives this figure, where a project may report it.
    reported_as: str | None = None
    # Whether the figure adds up over years (the period's value is the sum of the years').
    additive: bool = True
    # Shown on the public pages and in the open API.
    public: bool = False


def _per_fte() -> dict[str, str]:
    return {"hours": formatting.number(settings.HOURS_PER_FTE)}


def _fte_note() -> str:
    return (
        gettext("Volunteer hours in total divided by %(hours)s hours (one full-time equivalent).")
        % _per_fte()
    )


def _fte_activities_note() -> str:
    return (
        gettext(
            "Volunteer hours on activities divided by %(hours)s hours (one full-time equivalent)."
        )
        % _per_fte()
    )


_ALL = frozenset({CENTRE, PROJECT, ASSOCIATION, MUNICIPALITY, DISTRICT, PUBLIC})
_CENTRE_WIDE = frozenset({CENTRE, MUNICIPALITY, DISTRICT, PUBLIC})
# The figures of a centre's year as the state grant's conditions record it (and as an
# organisation reports its own), and of the partnerships.
_YEARS = frozenset({CENTRE, ASSOCIATION, MUNICIPALITY, DISTRICT})


def _income(key: str, label, note) -> Figure:
    return Figure(key, label, note, NOK, 0, DURING, _YEARS, origin=BOTH)


CATALOGUE: dict[str, Figure] = {
    f.key: f
    for f in [
        Figure(
            "activities.held",
            _("Activities held"),
            _("Activities held on or before the day shown; cancelled activities are left out."),
            COUNT,
            0,
            DURING,
            _ALL,
            origin=BOTH,
            target="activities",
            reported_as="activities",
            public=True,
        ),
        Figure(
            "participants.total",
            _("Participants"),
            _(
                "Participants counted at the activities held, added up. People are counted, "
                "never named: one person who comes twice counts twice."
            ),
            COUNT,
            0,
            DURING,
            _ALL,
            origin=BOTH,
            reported_as="participants",
            public=True,
        ),
        Figure(
            "participants.average",
            _("Average participants per activity"),
            _("Participants divided by the activities held whose participants were counted."),
            AVERAGE,
            1,
            DURING,
            _ALL,
            origin=BOTH,
            target="average_participants",
            reported_as="average_participants",
            additive=False,
            public=True,
        ),
        Figure(
            "persons_reached.total",
            _("Persons reached"),
            _(
                "Counted: participants marked as coming for the first time, added up. "
                "Reported: the number of persons the project says it reached."
            ),
            COUNT,
            0,
            DURING,
            frozenset({CENTRE, PROJECT, MUNICIPALITY}),
            origin=BOTH,
            target="persons_reached",
            period_target="planned_reach",
            reported_as="persons_reached",
            # The same person may be reached in two years: reported reach does not add up.
            additive=False,
        ),
        Figure(
            "volunteer_hours.on_activities",
            _("Volunteer hours on activities"),
            _(
                "Hours volunteers gave at the activities held, as logged with each activity. "
                "A part of the volunteer hours in total."
            ),
            HOURS,
            1,
            DURING,
            _ALL,
            origin=BOTH,
            target="volunteer_hours",
            reported_as="activity_hours",
            public=True,
        ),
        Figure(
            "volunteer_hours.own",
            _("Volunteer hours logged by the volunteers"),
            _(
                "Approved hours volunteers logged themselves for their tasks and shifts; hours "
                "awaiting approval are not counted. A part of the volunteer hours in total."
            ),
            HOURS,
            1,
            DURING,
            frozenset({CENTRE, PROJECT, MUNICIPALITY, PUBLIC, VOLUNTEER}),
            public=True,
        ),
        Figure(
            "volunteer_hours.waiting",
            _("Volunteer hours waiting for approval"),
            _(
                "Hours volunteers logged themselves (their tasks, shifts and check-ins) that "
                "the coordinator has not yet approved or rejected, whatever their date. Not "
                "counted in any total until approved."
            ),
            HOURS,
            1,
            AT_END,
            frozenset({CENTRE}),
            additive=False,
        ),
        Figure(
            "volunteer_hours.total",
            _("Volunteer hours in total"),
            _(
                "Hours on activities plus approved hours the volunteers logged themselves. "
                "Each hour is in one of the two logs only, so none is counted twice."
            ),
            HOURS,
            1,
            DURING,
            frozenset({CENTRE, PROJECT, MUNICIPALITY, PUBLIC}),
            public=True,
        ),
        Figure(
            "fte.total",
            _("Full-time equivalents"),
            lazy(_fte_note, str)(),
            FTE,
            2,
            DURING,
            frozenset({CENTRE, PROJECT, MUNICIPALITY, PUBLIC}),
            public=True,
        ),
        Figure(
            "fte.on_activities",
            _("Full-time equivalents of the hours on activities"),
            lazy(_fte_activities_note, str)(),
            FTE,
            2,
            DURING,
            frozenset({PROJECT}),
        ),
        Figure(
            "volunteers.active",
            _("Active volunteers"),
            _(
                "Volunteers with approved hours, a shift held or a running match during the "
                "period, each counted once."
            ),
            COUNT,
            0,
            DURING,
            _CENTRE_WIDE,
            additive=False,
            public=True,
        ),
        Figure(
            "volunteers.registered",
            _("Registered volunteers"),
            _(
                "Volunteers approved by the end of the period and not ended or erased by then "
                "(applicants are not counted)."
            ),
            COUNT,
            0,
            AT_END,
            _CENTRE_WIDE,
            additive=False,
            public=True,
        ),
        Figure(
            "volunteers.new",
            _("New volunteers"),
            _("Volunteers approved during the period."),
            COUNT,
            0,
            DURING,
            _CENTRE_WIDE,
        ),
        Figure(
            "volunteers.with_own_hours",
            _("Volunteers who logged hours"),
            _("Volunteers with approved hours they logged themselves, each counted once."),
            COUNT,
            0,
            DURING,
            frozenset({CENTRE, MUNICIPALITY}),
            additive=False,
        ),
        Figure(
            "volunteers.engaged",
            _("Volunteers engaged"),
            _("Volunteers who took part in the project, as the project reports them."),
            COUNT,
            0,
            DURING,
            frozenset({PROJECT}),
            origin=REPORTED,
            reported_as="project_volunteers",
            additive=False,
        ),
        Figure(
            "matches.made",
            _("Matches made"),
            _(
                "Matches of a volunteer with a task that started during the period; proposed "
                "matches are not counted."
            ),
            COUNT,
            0,
            DURING,
            frozenset({CENTRE, MUNICIPALITY}),
        ),
        Figure(
            "associations.registered",
            _("Associations in the registry"),
            _("Associations registered by the end of the period and not archived by then."),
            COUNT,
            0,
            AT_END,
            _CENTRE_WIDE,
            additive=False,
            public=True,
        ),
        Figure(
            "associations.new",
            _("New associations"),
            _("Associations registered during the period."),
            COUNT,
            0,
            DURING,
            frozenset({CENTRE, MUNICIPALITY}),
        ),
        Figure(
            "associations.confirmed",
            _("Associations that confirmed their entry"),
            _("Associations in the registry that confirmed their entry during the period."),
            COUNT,
            0,
            DURING,
            frozenset({CENTRE, MUNICIPALITY}),
            additive=False,
        ),
        Figure(
            "grants.granted",
            _("Grants"),
            _("Amounts granted for the year, from every funder."),
            NOK,
            0,
            DURING,
            frozenset({CENTRE, PROJECT}),
        ),
        Figure(
            "local_share",
            _("Local share of operating income"),
            _(
                "Income from the municipality, private foundations and businesses and the "
                "centre's own income, as a share of all operating income. The state grant "
                "requires at least 40 %."
            ),
            PERCENT,
            1,
            DURING,
            frozenset({CENTRE, MUNICIPALITY}),
            additive=False,
        ),
        Figure(
            "staff.fte",
            _("Staff full-time equivalents"),
            _(
                "Paid staff as full-time equivalents (årsverk), as the centre records them with "
                "the state grant's conditions, or as an organisation reports them."
            ),
            FTE,
            2,
            AT_END,
            _YEARS,
            origin=BOTH,
            additive=False,
        ),
        _income(
            "income.total",
            _("Operating income in total"),
            _("The year's operating income from every source (NOK)."),
        ),
        _income(
            "income.municipality",
            _("Income from the municipality"),
            _("Operating income from the municipality (NOK)."),
        ),
        _income(
            "income.state_grant",
            _("State grant"),
            _("The state grant to volunteer centres (NOK)."),
        ),
        _income(
            "income.other_public",
            _("Other public funding"),
            _("County and other state grants (NOK)."),
        ),
        _income(
            "income.private",
            _("Private foundations and businesses"),
            _("Income from private foundations and businesses (NOK)."),
        ),
        _income(
            "income.own_income",
            _("Own income"),
            _("The centre's or organisation's own income (NOK)."),
        ),
        Figure(
            "municipal_support.partnerships",
            _("Municipal money through partnerships"),
            _(
                "Money the municipality gives in the year through the partnerships "
                "(their contributions in money from the municipality's side)."
            ),
            NOK,
            0,
            DURING,
            _YEARS,
        ),
        Figure(
            "support.lines",
            _("Activity lines with activities held"),
            _(
                "Projects (activity lines: the visiting service, the activity house) with at "
                "least one activity held in the year, or money from the municipality that "
                "year; each project once, however many weekly series and activities it has."
            ),
            COUNT,
            0,
            DURING,
            _YEARS,
            additive=False,
        ),
        Figure(
            "support.lines_supported",
            _("Activity lines the municipality supports"),
            _("Projects that get operating or activity money from the municipality in the year."),
            COUNT,
            0,
            DURING,
            _YEARS,
            additive=False,
        ),
        Figure(
            "support.lines_fully_financed",
            _("Activity lines fully financed by the municipality"),
            _("Supported projects whose money from the municipality covers their whole cost."),
            COUNT,
            0,
            DURING,
            _YEARS,
            additive=False,
        ),
        Figure(
            "support.self_financed_share",
            _("Self-financed share of the supported lines"),
            _(
                "The part of the supported projects' total cost (where it is known) that the "
                "municipality's money does not cover."
            ),
            PERCENT,
            0,
            DURING,
            _YEARS,
            additive=False,
        ),
        Figure(
            "support.operating",
            _("Operating money from the municipality"),
            _("The municipality's operating money to the projects in the year (NOK)."),
            NOK,
            0,
            DURING,
            _YEARS,
        ),
        Figure(
            "support.activity",
            _("Activity money from the municipality"),
            _("The municipality's activity money to the projects in the year (NOK)."),
            NOK,
            0,
            DURING,
            _YEARS,
        ),
        Figure(
            "partnerships.active",
            _("Partnerships in force"),
            _(
                "Partnerships whose period touches the year and that were not only planned, "
                "each counted once."
            ),
            COUNT,
            0,
            DURING,
            _YEARS,
            additive=False,
        ),
        Figure(
            "activities.monthly_target",
            _("Monthly target"),
            _("The year's target shared out by the number of days in each month."),
            COUNT,
            1,
            DURING,
            frozenset({PROJECT}),
        ),
    ]
}

# The figures the years side by side show, in the order of the page and its downloads.
YEARS_FIGURES = [
    "volunteers.active",
    "volunteers.new",
    "volunteers.registered",
    "fte.total",
    "staff.fte",
    "activities.held",
    "participants.total",
    "volunteer_hours.total",
    "income.total",
    "income.municipality",
    "income.state_grant",
    "income.other_public",
    "income.private",
    "income.own_income",
    "municipal_support.partnerships",
    "support.operating",
    "support.activity",
    "support.lines",
    "support.lines_supported",
    "support.lines_fully_financed",
    "support.self_financed_share",
    "partnerships.active",
]

# The ReportedFigure names (activities.models.ReportedFigure.Figure) of the catalogue's keys.
REPORTED_KEYS: dict[str, str] = {f.reported_as: f.key for f in CATALOGUE.values() if f.reported_as}

# The figures a project may have counted and/or reported, in the order reports print them.
PROJECT_FIGURES = [
    "activities.held",
    "participants.total",
    "participants.average",
    "persons_reached.total",
    "volunteers.engaged",
    "volunteer_hours.on_activities",
]


def definition(key: str) -> Figure:
    """The catalogue's definition of a figure (KeyError for a key it does not hold)."""
    return CATALOGUE[key]


def published() -> list[Figure]:
    """The figures a centre publishes (public pages, the open API), in catalogue order."""
    return [figure for figure in CATALOGUE.values() if figure.public]


def fte(hours: Decimal | int | float | None) -> Decimal:
    """Hours as årsverk (full-time equivalents): hours / settings.HOURS_PER_FTE, two decimals.

    The one conversion every page, export and report uses (1 695 hours by default).
    """
    return formatting.quantize(Decimal(str(hours or 0)) / Decimal(settings.HOURS_PER_FTE), 2)


def format_value(key: str, value, language: str | None = None) -> str:
    """A catalogued figure's value in its unit's format and decimals (core.formatting)."""
    figure = definition(key)
    if figure.unit == NOK:
        return formatting.money(value, language)
    if figure.unit == PERCENT:
        return formatting.percent(value, figure.decimals, language)
    return formatting.number(value, figure.decimals, language)


# A total shown with its parts beside it (the catalogue's notes say which figure is a part).
PARTS: dict[str, tuple[str, ...]] = {
    "volunteer_hours.total": ("volunteer_hours.on_activities", "volunteer_hours.own"),
}

PERIOD_LABELS = {
    DURING: _("During the year"),
    AT_END: _("At the end of the year"),
}

UNIT_LABELS = {
    COUNT: _("Number"),
    HOURS: _("Hours"),
    FTE: _("Full-time equivalents (årsverk)"),
    AVERAGE: _("Average"),
    NOK: _("NOK"),
    PERCENT: _("Per cent"),
}


def period_label(figure: Figure) -> str:
    """When a figure is counted: during the year, or at its end (in the active language)."""
    return str(PERIOD_LABELS[figure.period])


def unit_label(figure: Figure) -> str:
    """A figure's unit and decimals: "Hours, 1 decimal" (in the active language)."""
    unit = UNIT_LABELS[figure.unit]
    if not figure.decimals:
        return gettext("%(unit)s, no decimals") % {"unit": unit}
    return ngettext(
        "%(unit)s, %(decimals)s decimal", "%(unit)s, %(decimals)s decimals", figure.decimals
    ) % {"unit": unit, "decimals": figure.decimals}
