"""Public pages: no login. Everything they read comes through `public.selectors`."""

from __future__ import annotations

import datetime as dt
import secrets

from csp.decorators import csp_replace
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET, require_http_methods

from activities import services as activity_services
from core.http import client_ip, over_rate
from core.models import FIRST_YEAR
from organisations import services as organisation_services

from . import feeds, selectors, wcag
from .forms import HelpOfferForm

LIST_PAGE_SIZE = 50
EMBED_SIZE = 20


def _monday(params) -> dt.date:
    """The Monday of `?week=2026-W49` (ISO week), else of this week."""
    raw = str(params.get("week") or "")
    try:
        year, week = raw.split("-W")
        return dt.date.fromisocalendar(int(year), int(week), 1)
    except (ValueError, OverflowError):
        today = timezone.localdate()
        return today - dt.timedelta(days=today.weekday())


def _iso_week(day: dt.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


@require_GET
def root(request: HttpRequest) -> HttpResponse:
    """The site's root: a signed-in user's start page; for visitors the installation's
    centres, or straight to the only one."""
    if request.user.is_authenticated:
        return redirect("core:home")
    centres = list(selectors.centres())
    if len(centres) == 1:
        return redirect("public:centre", slug=centres[0].slug)
    return render(request, "public/root.html", {"centres": centres})


@require_GET
def centre_page(request: HttpRequest, slug: str) -> HttpResponse:
    """A centre's public front page: what it is, this week, the directory, becoming a
    volunteer, the open tasks it made public, and how to reach it."""
    centre = selectors.centre_by_slug(slug)
    monday = _monday({})
    week = selectors.calendar_week(centre=centre, monday=monday, filters=selectors.CalendarFilter())
    # The front page names the associations and links to them: their categories are not read.
    directory = selectors.directory_of(centre=centre, categories=False)
    return render(
        request,
        "public/centre.html",
        {
            "centre": centre,
            "week": [(day, items) for day, items in week if items],
            "associations": directory[:6],
            "association_count": directory.count(),
            "needing_volunteers": directory.filter(needs_volunteers=True)[:6],
            "tasks": selectors.public_tasks(centre=centre)[:10],
            "figures": selectors.public_figures(centre=centre, year=timezone.localdate().year),
        },
    )


def _year(params) -> int:
    """`?year=` when it is a year Frivillig holds up to this one, else this year (a year not
    begun has no figures yet)."""
    this_year = timezone.localdate().year
    raw = str(params.get("year") or "")
    if raw.isdigit() and len(raw) == 4 and FIRST_YEAR <= int(raw) <= this_year:
        return int(raw)
    return this_year


@require_GET
def figures_page(request: HttpRequest, slug: str) -> HttpResponse:
    """About the figures: every figure the centre publishes, what it is and how it is counted
    (the catalogue's words), its unit and period, and the year's value beside it."""
    centre = selectors.centre_by_slug(slug)
    year = _year(request.GET)
    this_year = timezone.localdate().year
    return render(
        request,
        "public/figures.html",
        {
            "centre": centre,
            "figures": selectors.public_figures(centre=centre, year=year),
            "previous_year": year - 1 if year > FIRST_YEAR else None,
            "next_year": year + 1 if year < this_year else None,
        },
    )


@require_GET
def calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """The public calendar: a week (default) or a list of what is coming, filtered by
    category, place and organiser with a plain form (no JavaScript needed)."""
    centre = selectors.centre_by_slug(slug)
    filters = selectors.CalendarFilter.from_params(request.GET)
    view = "list" if request.GET.get("view") == "list" else "week"
    context = {
        "centre": centre,
        "view": view,
        "filters": filters,
        "choices": selectors.calendar_choices(centre=centre),
    }
    if view == "week":
        monday = _monday(request.GET)
        context.update(
            week=selectors.calendar_week(centre=centre, monday=monday, filters=filters),
            monday=monday,
            sunday=monday + dt.timedelta(days=6),
            this_week=_iso_week(monday),
            previous_week=_iso_week(monday - dt.timedelta(days=7)),
            next_week=_iso_week(monday + dt.timedelta(days=7)),
        )
    else:
        upcoming = selectors.calendar_upcoming(centre=centre, filters=filters)
        context["page"] = Paginator(upcoming, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("week", None)
    query.pop("view", None)
    context["filter_query"] = query.urlencode()
    return render(request, "public/calendar.html", context)


@require_GET
def centre_feed(request: HttpRequest, slug: str) -> HttpResponse:
    centre = selectors.centre_by_slug(slug)
    return feeds.calendar_response(
        request,
        name=centre.name,
        activities=selectors.feed_activities(centre=centre),
        url=reverse("public:calendar", kwargs={"slug": slug}),
    )


def _help_rate_limited(request: HttpRequest, centre_id: int) -> bool:
    """Offers of help allowed per address and hour (as the volunteer sign-up's)."""
    key = f"help-offer:{centre_id}:{client_ip(request) or 'unknown'}"
    return over_rate(key, limit=settings.VOLUNTEER_SIGNUP_RATE_PER_HOUR, window=60 * 60)


@require_http_methods(["GET", "POST"])
def association_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """An association's public page: what it is, the contact details it consented to publish,
    its public activities and tasks, and "I want to help" (no account; the message goes to
    the association through the centre)."""
    centre = selectors.centre_by_slug(slug)
    association = selectors.public_association(centre=centre, pk=pk)
    form = HelpOfferForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _help_rate_limited(request, centre.pk):
            form.add_error(
                None, _("Too many messages from your network. Please try again in an hour.")
            )
            status = 429
        elif form.is_bot:
            return redirect(f"{request.path}?sent=1#help")  # the script learns nothing
        elif form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
            try:
                organisation_services.help_offer_send(organisation=association, **data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Thank you! Your message was sent to %(name)s through %(centre)s.")
                    % {"name": association.name, "centre": centre.name},
                )
                return redirect(f"{request.path}?sent=1#help")
    return render(
        request,
        "public/association.html",
        {
            "centre": centre,
            "association": association,
            "contacts": association.public_contacts,
            "activities": selectors.feed_activities(centre=centre, organiser=association).filter(
                date__gte=timezone.localdate()
            )[:20],
            "tasks": selectors.public_tasks(centre=centre).filter(organisation=association),
            "form": form,
            "sent": request.GET.get("sent") == "1",
        },
        status=status,
    )


SELF_COUNT_COOKIE = "frivillig-device"


@require_http_methods(["GET", "POST"])
def self_count(request: HttpRequest, token: str) -> HttpResponse:
    """The QR code on the door: a participant counts themselves, once per device (a random
    key in a cookie), on the activity's day. No name, no account; rate-limited."""
    activity = activity_services.self_count_activity(token)
    if activity is None:
        return render(request, "public/self_count.html", {"invalid": True}, status=410)
    device = request.COOKIES.get(SELF_COUNT_COOKIE) or ""
    if not device.isalnum() or len(device) > 40:
        device = secrets.token_hex(16)
    counted = False
    if request.method == "POST":
        key = f"self-count:{client_ip(request) or 'unknown'}"
        if over_rate(key, limit=60, window=60 * 60):
            return render(request, "public/self_count.html", {"busy": True}, status=429)
        counted = activity_services.door_self_count(activity=activity, device=device)
    response = render(
        request,
        "public/self_count.html",
        {"activity": activity, "counted": counted, "posted": request.method == "POST"},
    )
    response.set_cookie(
        SELF_COUNT_COOKIE, device, max_age=365 * 24 * 60 * 60, httponly=True, samesite="Lax"
    )
    return response


@require_GET
def association_feed(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    centre = selectors.centre_by_slug(slug)
    association = selectors.public_association(centre=centre, pk=pk)
    url = reverse("public:calendar", kwargs={"slug": slug})
    return feeds.calendar_response(
        request,
        name=f"{association.name} ({centre.name})",
        activities=selectors.feed_activities(centre=centre, organiser=association),
        url=f"{url}?view=list&organiser={association.pk}",
    )


@require_GET
def project_feed(request: HttpRequest, slug: str, project: str) -> HttpResponse:
    centre = selectors.centre_by_slug(slug)
    found = selectors.public_project(centre=centre, slug=project)
    return feeds.calendar_response(
        request,
        name=f"{found.name} ({centre.name})",
        activities=selectors.feed_activities(centre=centre, project=found),
        url=reverse("public:calendar", kwargs={"slug": slug}),
    )


@require_GET
@xframe_options_exempt
# django-csp types its decorators for views that take the request only.
@csp_replace({"frame-ancestors": settings.EMBED_FRAME_ANCESTORS})  # type: ignore[arg-type]
def embed(request: HttpRequest, slug: str) -> HttpResponse:
    """The coming public activities as a minimal page for an iframe on the municipality's
    site: the one URL that may be framed (by the origins in EMBED_FRAME_ANCESTORS)."""
    centre = selectors.centre_by_slug(slug)
    filters = selectors.CalendarFilter.from_params(request.GET)
    activities = selectors.calendar_upcoming(centre=centre, filters=filters)[:EMBED_SIZE]
    return render(request, "public/embed.html", {"centre": centre, "activities": activities})


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    """How Frivillig meets each WCAG 2.1 A and AA success criterion."""
    criteria = wcag.criteria()
    return render(
        request,
        "public/accessibility.html",
        {
            "principles": wcag.by_principle(criteria),
            "summary": wcag.summary(criteria),
            "statement_url": settings.ACCESSIBILITY_STATEMENT_URL,
            "title": _("Accessibility"),
        },
    )
