import datetime as dt

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.permissions import Access
from core.startpage import Action, Card, NavItem, Panel, WorkItem, once, user_centres
from figures.presenters import OVERVIEW_KEYS
from figures.startpage import this_year

from . import figures, selectors


def _figures_card(access: Access) -> Card:
    return Card(
        title=_("Key figures"),
        description=(
            _("Every centre of the municipality side by side, and volunteer hours per year.")
            if access.is_municipality
            else _("The centre's year as the municipality sees it, and volunteer hours per year.")
        ),
        url=reverse("reports:overview"),
        order=55,
        actions=[
            Action(_("See the overview"), reverse("reports:overview"), True),
            Action(_("Volunteer hours per year"), reverse("reports:hours")),
        ],
    )


def _counts(request: HttpRequest, access: Access) -> tuple[int, int]:
    """Finished reports and those finished in the last two weeks, one query for both."""
    since = timezone.now() - dt.timedelta(days=14)
    return once(
        request, "reports.counts", lambda: selectors.report_counts(access=access, since=since)
    )


def _annual_states(request: HttpRequest, access: Access, year: int) -> list:
    """Each centre's annual report state for `year`, read once for the card and the panel."""
    centres = user_centres(request, access)
    return once(
        request,
        f"reports.annual.{year}",
        lambda: selectors.annual_report_states(centres=centres, year=year),
    )


def cards(request: HttpRequest, access: Access) -> list[Card]:
    if access.is_coordinator:
        count = _counts(request, access)[0]
        return [
            _figures_card(access),
            Card(
                title=_("Reports"),
                description=_(
                    "The annual evaluation and projects' final reports as PDF, for the "
                    "municipality and the funders."
                ),
                url=reverse("reports:list"),
                order=60,
                figure=count,
                figure_label=_("finished reports"),
                empty_hint="" if count else _("No reports yet. Request the first one."),
                actions=[
                    Action(_("Request a report"), reverse("reports:create"), True),
                    Action(_("See the reports"), reverse("reports:list")),
                ],
            ),
        ]
    if access.is_municipality:
        count = selectors.report_job_count(access=access)
        year = timezone.localdate().year - 1
        states = _annual_states(request, access, year)
        ready = sum(1 for s in states if s.state == selectors.READY)
        return [
            _figures_card(access),
            Card(
                title=_("Reports"),
                description=_("Annual evaluations and final reports of your centres, as PDF.")
                + " "
                + _("Annual evaluations %(year)s: %(ready)s of %(total)s ready.")
                % {"year": year, "ready": ready, "total": len(states)},
                url=reverse("reports:list"),
                order=60,
                figure=count,
                figure_label=_("finished reports"),
                actions=[Action(_("See the reports"), reverse("reports:list"), True)],
            ),
            _privacy_card(),
        ]
    if access.is_site_admin:
        return [_privacy_card()]
    return []


def _privacy_card() -> Card:
    return Card(
        title=_("Record of processing"),
        description=_(
            "What is stored about whom, why and for how long, for the data protection officer."
        ),
        url=reverse("reports:privacy_record"),
        order=90,
        actions=[Action(_("See the record"), reverse("reports:privacy_record"), True)],
    )


def nav(request: HttpRequest, access: Access) -> list[NavItem]:
    if access.is_coordinator or access.is_municipality:
        return [
            NavItem(_("Overview"), reverse("reports:overview"), 55, "/reports/overview/"),
            NavItem(_("Years"), reverse("reports:years"), 56, "/reports/years/"),
            NavItem(_("Reports"), reverse("reports:list"), 60, "/reports/"),
        ]
    if access.is_association:
        return [NavItem(_("Our years"), reverse("reports:years"), 56, "/reports/years/")]
    return []


def work(request: HttpRequest, access: Access) -> list[WorkItem]:
    """Reports made in the last two weeks, ready to download (coordinator). One query."""
    if not access.is_coordinator:
        return []
    ready = _counts(request, access)[1]
    return [
        WorkItem(
            ready,
            ngettext(
                "report was made in the last two weeks and is ready to download.",
                "reports were made in the last two weeks and are ready to download.",
                ready,
            ),
            reverse("reports:list"),
            _("Download reports"),
            order=40,
        )
    ]


def panels(request: HttpRequest, access: Access) -> list[Panel]:
    """The municipality viewer's start: this year's key figures of each of its centres, from
    the overview's selector (`figures.municipality_overview`), so both pages agree, on the
    figures the cards read (`figures.startpage.this_year`: one engine read for the page)."""
    if not access.is_municipality:
        return []
    read = this_year(request, access, OVERVIEW_KEYS)
    today = read.today  # the day the read was made for (the cards' year, also at midnight)
    rows = figures.municipality_overview(
        access=access,
        year=today.year,
        today=today,
        centres=user_centres(request, access),
        figures=read,
    )
    year = today.year - 1
    annual = {"year": year, "rows": _annual_states(request, access, year)}
    return [
        Panel("reports/partials/annual_panel.html", {"annual": annual}, order=20),
        Panel("reports/partials/centre_figures.html", {"rows": rows, "year": today.year}),
    ]
