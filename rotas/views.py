"""Pages for rotas and shifts, and the volunteer's open needs. Thin: scope, form, service,
redirect. (A module of its own beside views.py: the rota pages are a feature of their own.)"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from core import formatting
from core.http import AuthenticatedHttpRequest
from core.models import Role
from core.permissions import (
    get_access,
    get_object_for_user,
    own_centre,
    require_edit,
    role_required,
)
from projects.models import Project
from tasks import services as task_services
from tasks.models import Task
from tasks.selectors import OpenTaskFilters, open_task_choices
from volunteers.models import Volunteer
from volunteers.views import current_volunteer, form_error

from . import selectors, services
from .feeds import shift_calendar
from .forms import (
    RotaForm,
    ShiftAddVolunteerForm,
    ShiftCapacityForm,
    ShiftHoldForm,
    ShiftsAddForm,
)
from .models import Rota, Shift, ShiftSignup

COORDINATOR = Role.COORDINATOR


def _error_message(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


# --- Coordinator: rotas and shifts ---------------------------------------------------------------


@role_required(COORDINATOR)
def rota_list(request: HttpRequest) -> HttpResponse:
    rotas = selectors.rota_list(access=get_access(request))
    return render(request, "rotas/rota_list.html", {"rotas": rotas})


def _rota_form(request: HttpRequest, rota: Rota | None) -> RotaForm:
    centre = own_centre(request)
    return RotaForm(
        request.POST or None,
        instance=rota,
        centre=centre,
        projects=Project.objects.visible_to(get_access(request)).filter(centre=centre),
    )


def _rota_save(request: AuthenticatedHttpRequest, rota: Rota | None) -> HttpResponse:
    form = _rota_form(request, rota)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.rota_save(
                actor=get_access(request),
                centre=own_centre(request),
                rota=Rota.objects.for_centre(rota.centre_id).get(pk=rota.pk) if rota else None,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The rota was saved."))
            return redirect("volunteers:rota_detail", saved.pk)
    return render(request, "rotas/rota_form.html", {"form": form, "rota": rota})


@role_required(COORDINATOR)
def rota_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _rota_save(request, None)


@role_required(COORDINATOR)
def rota_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _rota_save(request, get_object_for_user(request, Rota, edit=True, pk=pk))


@role_required(COORDINATOR)
def rota_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access = get_access(request)
    rota = get_object_for_user(request, selectors.rota_detail_qs(access=access), pk=pk)
    form = ShiftsAddForm(request.POST or None)
    if request.method == "POST":
        require_edit(request, rota)
        if form.is_valid():
            try:
                shifts = services.shifts_add(actor=access, rota=rota, **form.cleaned_data)
            except ValidationError as error:
                form_error(form, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s shift was added.", "%(count)s shifts were added.", len(shifts)
                    )
                    % {"count": len(shifts)},
                )
                return redirect("volunteers:rota_detail", rota.pk)
    since = timezone.now() - dt.timedelta(days=14)
    upcoming = selectors.rota_shifts(rota=rota, since=since)
    return render(
        request,
        "rotas/rota_detail.html",
        {"rota": rota, "shifts": upcoming, "form": form, "now": timezone.now()},
    )


@role_required(COORDINATOR)
def shift_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_access(request)
    shift = get_object_for_user(request, selectors.shift_detail_qs(access=access), pk=pk)
    coming = [s for s in shift.all_signups if s.status == ShiftSignup.Status.CONFIRMED]
    taken = {s.volunteer_id for s in shift.all_signups if s.status != "cancelled"}
    volunteers = (
        Volunteer.objects.for_centre(shift.centre_id)
        .filter(status=Volunteer.Status.ACTIVE, erased_at__isnull=True)
        .exclude(pk__in=taken)
    )
    return render(
        request,
        "rotas/shift_detail.html",
        {
            "shift": shift,
            "coming": coming,
            "waiting": [s for s in shift.all_signups if s.status == ShiftSignup.Status.WAITING],
            "add_form": ShiftAddVolunteerForm(volunteers=volunteers),
            "hold_form": ShiftHoldForm(signups=coming),
            "capacity_form": ShiftCapacityForm(initial={"capacity": shift.capacity}),
            "has_started": shift.starts_at <= timezone.now(),
        },
    )


@role_required(COORDINATOR)
@require_POST
def shift_add_volunteer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access = get_access(request)
    shift = get_object_for_user(request, Shift, edit=True, pk=pk)
    form = ShiftAddVolunteerForm(
        request.POST, volunteers=Volunteer.objects.for_centre(shift.centre_id)
    )
    if not form.is_valid():
        messages.error(request, _("Choose a volunteer."))
        return redirect("volunteers:shift_detail", shift.pk)
    volunteer = form.cleaned_data["volunteer"]
    try:
        signup = services.shift_sign_up(actor=access, shift=shift, volunteer=volunteer)
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(request, _signed_up_message(signup, volunteer))
    return redirect("volunteers:shift_detail", shift.pk)


@role_required(COORDINATOR)
@require_POST
def shift_capacity(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    shift = get_object_for_user(request, Shift, edit=True, pk=pk)
    form = ShiftCapacityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the number of places, from 1 to 500."))
        return redirect("volunteers:shift_detail", shift.pk)
    try:
        moved = services.shift_update(
            actor=get_access(request), shift=shift, capacity=form.cleaned_data["capacity"]
        )
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "The places were changed; %(count)s volunteer moved up from the waiting list.",
                "The places were changed; %(count)s volunteers moved up from the waiting list.",
                len(moved),
            )
            % {"count": len(moved)},
        )
    return redirect("volunteers:shift_detail", shift.pk)


@role_required(COORDINATOR)
@require_POST
def shift_hold(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access = get_access(request)
    shift = get_object_for_user(request, selectors.shift_detail_qs(access=access), pk=pk)
    require_edit(request, shift)
    coming = [s for s in shift.all_signups if s.status == ShiftSignup.Status.CONFIRMED]
    form = ShiftHoldForm(request.POST, signups=coming)
    if not form.is_valid():
        messages.error(request, _("Tick only the volunteers on this shift."))
        return redirect("volunteers:shift_detail", shift.pk)
    try:
        entries = services.shift_hold(actor=access, shift=shift, absent=form.cleaned_data["absent"])
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "The shift is held: hours were logged for %(count)s volunteer.",
                "The shift is held: hours were logged for %(count)s volunteers.",
                len(entries),
            )
            % {"count": len(entries)},
        )
    return redirect("volunteers:shift_detail", shift.pk)


# --- Both: cancel a sign-up ----------------------------------------------------------------------


@role_required(COORDINATOR, Role.VOLUNTEER)
@require_POST
def signup_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access = get_access(request)
    signup = get_object_for_user(request, selectors.shift_signup_qs(access=access), pk=pk)
    try:
        services.shift_cancel(actor=access, signup=signup)
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(request, _("The sign-up was cancelled."))
    if access.is_coordinator:
        return redirect("volunteers:shift_detail", signup.shift_id)
    return redirect("volunteers:open_needs")


@role_required(Role.VOLUNTEER)
@require_http_methods(["GET", "POST"])
def shift_check(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Check in and out of a shift at the place: the address the shift's QR code carries (and
    the button on the volunteer's own shifts). One tap each; check-out logs the hours, waiting
    for the coordinator's approval."""
    access = get_access(request)
    shift = get_object_for_user(request, Shift, pk=pk)
    volunteer = current_volunteer(request)
    signup = shift.signups.filter(volunteer=volunteer).first()
    if request.method == "POST" and signup is not None:
        try:
            entry = services.shift_check(actor=access, signup=signup)
        except ValidationError as error:
            _error_message(request, error)
        else:
            if entry is None:
                messages.success(request, _("You are checked in. Check out when you leave."))
            else:
                messages.success(
                    request,
                    _("You are checked out: %(hours)s hours wait for the coordinator's approval.")
                    % {"hours": formatting.number(entry.hours, 2)},
                )
        return redirect("volunteers:shift_check", shift.pk)
    return render(request, "rotas/shift_check.html", {"shift": shift, "signup": signup})


# --- Volunteers: open shifts and tasks -----------------------------------------------------------


def _signed_up_message(signup: ShiftSignup, volunteer: Volunteer) -> str:
    if signup.status == ShiftSignup.Status.WAITING:
        return _("The shift is full: %(name)s is on the waiting list.") % {"name": volunteer}
    return _("%(name)s is on the shift.") % {"name": volunteer}


@role_required(Role.VOLUNTEER)
def open_needs(request: HttpRequest) -> HttpResponse:
    access = get_access(request)
    volunteer = current_volunteer(request)
    now = timezone.now()
    task_filters = OpenTaskFilters.from_params(request.GET)
    needs = selectors.open_for_volunteer(volunteer=volunteer, now=now, task_filters=task_filters)
    return render(
        request,
        "rotas/open_needs.html",
        {
            "volunteer": volunteer,
            "shifts": needs.shifts,
            "tasks": needs.tasks,
            "task_filters": task_filters,
            "task_choices": open_task_choices(volunteer=volunteer),
            "signups": selectors.own_signups(access=access, since=now),
            "is_approved": volunteer.status == Volunteer.Status.ACTIVE,
        },
    )


@role_required(Role.VOLUNTEER)
@require_POST
def shift_sign_up(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access = get_access(request)
    shift = get_object_for_user(request, Shift, pk=pk)
    volunteer = current_volunteer(request)
    try:
        signup = services.shift_sign_up(actor=access, shift=shift, volunteer=volunteer)
    except ValidationError as error:
        _error_message(request, error)
    else:
        if signup.status == ShiftSignup.Status.WAITING:
            messages.success(
                request, _("The shift is full: you are on the waiting list and will be told.")
            )
        else:
            messages.success(request, _("You are on the shift. Thank you!"))
    return redirect("volunteers:open_needs")


@role_required(Role.VOLUNTEER)
@require_POST
def task_interest(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    volunteer = current_volunteer(request)
    task = get_object_or_404(Task.objects.for_centre(volunteer.centre_id), pk=pk)
    try:
        task_services.task_express_interest(
            actor=get_access(request), task=task, volunteer=volunteer
        )
    except ValidationError as error:
        _error_message(request, error)
    else:
        messages.success(
            request, _("The coordinator was told that you are interested in the task.")
        )
    return redirect("volunteers:open_needs")


def shift_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The volunteer's own shifts as a calendar feed (public: the secret address is the key)."""
    volunteer = get_object_or_404(Volunteer.objects.by_calendar_token(token))
    body = shift_calendar(volunteer, host=request.get_host().split(":")[0])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="my-shifts.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
