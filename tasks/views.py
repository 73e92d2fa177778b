"""Pages for volunteers, tasks, matching and hours. Thin: scope, form, service, redirect."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.http import AuthenticatedHttpRequest
from core.models import Role
from core.permissions import (
    get_access,
    get_object_for_user,
    own_centre,
    role_required,
)
from organisations.selectors import organisation_list, organisations_of_user
from volunteers.models import Volunteer
from volunteers.views import form_error, form_values, update_page

from . import selectors, services
from .forms import (
    MatchCreateForm,
    MatchForm,
    TaskForm,
)
from .models import Match, Task

COORDINATOR = Role.COORDINATOR


def _task_organisations(request: HttpRequest) -> QuerySet:
    access = get_access(request)
    if access.is_association:
        return organisations_of_user(access=access)
    return organisation_list(access=access).filter(is_archived=False)


@role_required(COORDINATOR, Role.ASSOCIATION, Role.VOLUNTEER)
def task_list(request: HttpRequest) -> HttpResponse:
    if get_access(request).is_volunteer:
        # A volunteer's list of tasks is every open task of their centre, on their own page.
        return redirect(reverse("volunteers:open_needs") + "#tasks-heading")
    tasks = selectors.task_list(access=get_access(request))
    status = request.GET.get("status", "open")
    tasks = selectors.tasks_with_status(tasks, status)
    page = Paginator(tasks, 50).get_page(request.GET.get("page"))
    access = get_access(request)
    follow_ups = (
        selectors.matches_due_for_follow_up(
            access=access, on_or_before=timezone.localdate() + dt.timedelta(days=7)
        ).order_by("next_follow_up_on")[:50]
        if access.is_coordinator
        else []
    )
    return render(
        request,
        "tasks/task_list.html",
        {
            "page": page,
            "status": status,
            "statuses": Task.Status.choices,
            "follow_ups": follow_ups,
        },
    )


@role_required(COORDINATOR, Role.ASSOCIATION)
def task_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    access = get_access(request)
    centre = own_centre(request)
    form = TaskForm(
        request.POST or None,
        centre=centre,
        organisations=_task_organisations(request),
        association_only=access.is_association,
    )
    if request.method == "POST" and form.is_valid():
        try:
            task = services.task_create(actor=access, centre=centre, **form_values(form))
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The task was posted."))
            return redirect("volunteers:task_detail", task.pk)
    return render(request, "tasks/task_form.html", {"form": form})


@role_required(COORDINATOR, Role.ASSOCIATION)
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_access(request)
    task = get_object_for_user(request, selectors.task_detail_qs(access=access), pk=pk)
    suggestions = (
        selectors.match_suggestions(access=access, task=task) if access.is_coordinator else []
    )
    matched = sum(
        1 for m in task.matches.all() if m.status in (Match.Status.PROPOSED, Match.Status.ACTIVE)
    )
    return render(
        request,
        "tasks/task_detail.html",
        {
            "task": task,
            # Ranked candidates first; those with nothing in common wait behind a disclosure.
            "suggestions": [s for s in suggestions if s.score > 0],
            "reserves": [s for s in suggestions if s.score <= 0],
            "is_filled": matched >= task.volunteers_needed,
            "can_edit": task.is_editable_by(access),
        },
    )


@role_required(COORDINATOR, Role.ASSOCIATION)
def task_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access = get_access(request)
    task = get_object_for_user(request, Task, edit=True, pk=pk)
    form = TaskForm(
        request.POST or None,
        instance=task,
        centre=own_centre(request),
        organisations=_task_organisations(request),
        association_only=access.is_association,
    )
    return update_page(
        request,
        form=form,
        row=task,
        update=services.task_update,
        message=_("The changes were saved."),
        success_url=reverse("volunteers:task_detail", args=[task.pk]),
        template="tasks/task_form.html",
        context={"task": task},
    )


@require_POST
@role_required(COORDINATOR)
def match_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access = get_access(request)
    task = get_object_for_user(request, Task, edit=True, pk=pk)
    form = MatchCreateForm(request.POST)
    if not form.is_valid():
        raise Http404
    volunteer = get_object_or_404(
        Volunteer.objects.visible_to(access), pk=form.cleaned_data["volunteer"]
    )
    if not form.cleaned_data["confirm"]:
        # The match e-mails the volunteer at once: it is made only when confirmed.
        messages.warning(
            request,
            _("Nothing was sent: confirm the match of %(name)s first.") % {"name": volunteer},
        )
        return redirect("volunteers:task_detail", task.pk)
    try:
        services.match_create(actor=access, task=task, volunteer=volunteer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s was matched to the task; an e-mail telling them is on its way.")
            % {"name": volunteer},
        )
    return redirect("volunteers:task_detail", task.pk)


@role_required(COORDINATOR)
def match_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    match = get_object_for_user(
        request, selectors.match_qs(access=get_access(request)), edit=True, pk=pk
    )
    form = MatchForm(request.POST or None, instance=match)
    if request.method == "POST" and form.is_valid():
        try:
            services.match_update(
                actor=get_access(request),
                match=Match.objects.for_centre(match.centre_id).get(pk=match.pk),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The match was updated."))
            return redirect("volunteers:task_detail", match.task_id)
    return render(request, "tasks/match_form.html", {"form": form, "match": match})
