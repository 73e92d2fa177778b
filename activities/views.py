from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.concurrency import edit_with_conflict
from core.models import Role
from core.permissions import (
    get_access,
    get_object_for_user,
    role_required,
)

from . import selectors, services
from .export import export_csv, export_xlsx
from .forms import (
    ActivityForm,
    CountsFormSet,
    QuickActivityForm,
    SeriesForm,
)
from .models import Activity

LAST_CHOICE_KEY = "activities_last_choice"
WRITERS = (Role.COORDINATOR, Role.ASSOCIATION)


def _warn_outside_period(request: HttpRequest, activity: Activity) -> None:
    if activity.outside_project_period:
        messages.warning(
            request,
            _("Note: %(date)s is outside the period of the project %(project)s.")
            % {"date": activity.date.strftime("%d.%m.%Y"), "project": activity.project.name},
        )


@role_required(Role.COORDINATOR, Role.ASSOCIATION, Role.MUNICIPALITY)
def index(request: HttpRequest) -> HttpResponse:
    return redirect("activities:list")


# --- Projects ------------------------------------------------------------------------------------


# --- Activities ----------------------------------------------------------------------------------


@role_required(Role.COORDINATOR, Role.ASSOCIATION, Role.MUNICIPALITY)
def activity_list(request: HttpRequest) -> HttpResponse:
    access = get_access(request)
    filterset = selectors.filtered_activities(access=access, params=request.GET)
    activities = filterset.qs
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        name = f"aktiviteter-{timezone.localdate():%Y-%m-%d}"
        rows = activities.iterator(chunk_size=1000)
        # The municipality gets the figures, not the free-text notes (core.permissions).
        notes = access.reads_free_text
        if export == "csv":
            return export_csv(rows, name, with_notes=notes)
        return export_xlsx(rows, name, with_notes=notes)
    page = Paginator(activities, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    return render(
        request,
        "activities/activity_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "can_write": access.can_write,
        },
    )


def _activity_add(request: HttpRequest, form_class: type[ActivityForm], template: str):
    access = get_access(request)
    last = request.session.get(LAST_CHOICE_KEY, {})
    if request.method == "POST":
        form = form_class(request.POST, access=access)
        if form.is_valid():
            activity = services.activity_create(
                actor=access,
                centre_id=form.cleaned_data["project"].centre_id,
                fields=form.cleaned_data,
            )
            request.session[LAST_CHOICE_KEY] = {
                "project": activity.project_id,
                "category": activity.category_id,
            }
            messages.success(
                request,
                _("Logged: %(activity)s. Add the next one below.") % {"activity": activity},
            )
            _warn_outside_period(request, activity)
            return redirect(request.path)
    else:
        form = form_class(
            access=access,
            initial={
                "project": last.get("project"),
                "category": last.get("category"),
                "date": timezone.localdate(),
            },
        )
    return render(request, template, {"form": form})


@role_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def activity_quick_add(request: HttpRequest) -> HttpResponse:
    """The fast form: it remembers the last project and category in the session."""
    return _activity_add(request, QuickActivityForm, "activities/activity_quick_add.html")


@role_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest) -> HttpResponse:
    """Every field (place, note, new/returning and age groups), with the same memory."""
    return _activity_add(request, ActivityForm, "activities/activity_create.html")


@role_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_access(request)
    activity = get_object_for_user(
        request, selectors.activity_list(access=access), edit=True, pk=pk
    )
    form = ActivityForm(request.POST or None, instance=activity, access=access)
    return edit_with_conflict(
        request,
        form=form,
        save=lambda: services.activity_update(
            actor=access,
            activity=activity,
            fields=form.changed_values,
            expected_version=form.loaded_version,
        ),
        template="activities/activity_form.html",
        context={"activity": activity},
        message=_("The activity was saved."),
        after_message=lambda saved: _warn_outside_period(request, saved),
        success_url=reverse("activities:list"),
    )


@role_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def series_create(request: HttpRequest) -> HttpResponse:
    """Create a weekly series, or extend one: `?series=<id>` fills the form from it."""
    access = get_access(request)
    initial = {}
    if request.method == "GET" and request.GET.get("series", "").isdigit():
        existing = get_object_for_user(
            request, selectors.series_list(access=access), edit=True, pk=request.GET["series"]
        )
        initial = {field: getattr(existing, field) for field in SeriesForm.Meta.fields}
        initial.update(
            project=existing.project_id,
            category=existing.category_id,
            organiser=existing.organiser_id,
        )
    form = SeriesForm(request.POST or None, access=access, initial=initial)
    if request.method == "POST" and form.is_valid():
        series, created = services.series_save(
            actor=access,
            centre_id=form.cleaned_data["project"].centre_id,
            fields=form.cleaned_data,
        )
        messages.success(
            request,
            _("The series %(series)s has %(total)s dates; %(created)s were created now.")
            % {"series": series, "total": len(series.dates()), "created": created},
        )
        project = series.project
        if any(not project.covers(day) for day in series.dates()):
            messages.warning(request, _("Some dates are outside the project's period."))
        return redirect(f"{reverse('activities:list')}?project={project.pk}")
    series_list = selectors.series_list(access=access).order_by("-last_date", "title")[:50]
    return render(
        request, "activities/series_form.html", {"form": form, "series_list": series_list}
    )


@role_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def activity_counts(request: HttpRequest) -> HttpResponse:
    """Fill in participant counts of many past activities on one page."""
    access = get_access(request)
    if request.method == "POST":
        ids = [
            value
            for key, value in request.POST.items()
            if key.startswith("form-")
            and key.endswith("-id")
            and isinstance(value, str)  # one value per key, as QueryDict.items() gives
            and value.isdigit()
        ]
        queryset = selectors.activity_list(access=access).filter(pk__in=ids)
        formset = CountsFormSet(request.POST, queryset=queryset)
        if formset.is_valid():
            instances = formset.save(commit=False)
            saved = services.activity_counts_update(actor=access, activities=instances)
            messages.success(
                request,
                _("Counts saved for %(count)s activities.") % {"count": saved},
            )
            return redirect("activities:counts")
    else:
        queryset = selectors.activities_missing_counts(access=access, today=timezone.localdate())
        formset = CountsFormSet(queryset=queryset)
    return render(request, "activities/activity_counts.html", {"formset": formset})
