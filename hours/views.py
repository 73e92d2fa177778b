"""Pages for volunteers, tasks, matching and hours. Thin: scope, form, service, redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.http import AuthenticatedHttpRequest
from core.models import Role
from core.permissions import (
    get_access,
    get_object_for_user,
    role_required,
)
from tasks.models import Task
from volunteers.models import Volunteer
from volunteers.views import current_volunteer, form_error

from . import selectors, services
from .forms import (
    HourEntryForm,
)
from .models import HourEntry

COORDINATOR = Role.COORDINATOR


@require_POST
@role_required(COORDINATOR)
def volunteer_hours_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access = get_access(request)
    volunteer = get_object_for_user(request, Volunteer, edit=True, pk=pk)
    form = HourEntryForm(
        request.POST,
        tasks=Task.objects.for_centre(volunteer.centre_id).filter(matches__volunteer=volunteer),
    )
    if form.is_valid():
        try:
            services.hours_log(actor=access, volunteer=volunteer, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The hours were logged."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("volunteers:detail", volunteer.pk)


@role_required(COORDINATOR)
def hours_pending(request: HttpRequest) -> HttpResponse:
    entries = selectors.hours_pending(access=get_access(request))
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "hours/hours_pending.html", {"page": page})


@require_POST
@role_required(COORDINATOR)
def hours_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = get_object_for_user(request, HourEntry, edit=True, pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        services.hours_decide(actor=get_access(request), entry=entry, approve=approve)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Hours approved.") if approve else _("Hours rejected."))
    return redirect("volunteers:hours_pending")


@require_POST
@role_required(COORDINATOR)
def hours_approve_selected(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Approve the ticked pending entries at once (only those the coordinator may see)."""
    ids = [int(value) for value in request.POST.getlist("entry") if value.isdigit()]
    entries = selectors.hours_pending(access=get_access(request)).filter(pk__in=ids)
    count = services.hours_approve_many(actor=get_access(request), entries=entries)
    if count:
        messages.success(request, _("%(count)s entries approved.") % {"count": count})
    else:
        messages.error(request, _("Tick the entries you want to approve."))
    return redirect("volunteers:hours_pending")


@role_required(Role.VOLUNTEER)
def my_hours(request: AuthenticatedHttpRequest) -> HttpResponse:
    access = get_access(request)
    volunteer = current_volunteer(request)
    tasks = Task.objects.visible_to(access)
    form = HourEntryForm(request.POST or None, tasks=tasks, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.hours_log(actor=access, volunteer=volunteer, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Your hours were logged and await approval."))
            return redirect("volunteers:my_hours")
    entries = selectors.own_hours(access=access)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "hours/my_hours.html",
        {
            "form": form,
            "page": page,
            # Its hours per year: {% volunteer_year_hours %} (the figures app's template tag).
            "volunteer": volunteer,
        },
    )
