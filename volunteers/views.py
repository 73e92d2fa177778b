"""Pages for volunteers, tasks, matching and hours. Thin: scope, form, service, redirect."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from allauth.account.decorators import reauthentication_required
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.concurrency import VersionedFormMixin, edit_with_conflict
from core.exports import csv_response, xlsx_response
from core.http import AuthenticatedHttpRequest, client_ip, over_rate
from core.models import Centre, Role
from core.permissions import (
    get_access,
    get_object_for_user,
    get_shared_row_for_user,
    own_centre,
    role_required,
    shared_rows,
)
from organisations.selectors import organisation_list, organisations_of_user

from . import exports, selectors, services
from .feeds import shift_calendar
from .filters import VolunteerFilter
from .forms import (
    ConsentTextForm,
    CuratedNameForm,
    HourEntryForm,
    MatchCreateForm,
    MatchForm,
    ProfileForm,
    SignUpForm,
    TaskForm,
    VolunteerForm,
)
from .gdpr import volunteer_data
from .models import BackgroundGroup, HourEntry, Interest, Language, Match, Task, Volunteer

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The data lists the coordinator curates, by the name used in their URLs.
CURATED_LISTS: dict[str, tuple[type[Interest | BackgroundGroup | Language], StrOrPromise]] = {
    "interests": (Interest, gettext_lazy("Interests and skills")),
    "background-groups": (BackgroundGroup, gettext_lazy("Background groups")),
    "languages": (Language, gettext_lazy("Languages")),
}

COORDINATOR = Role.COORDINATOR


def _form_error(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, next to the field when it names one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _form_values(form) -> dict:
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


def _update_page(
    request: AuthenticatedHttpRequest,
    *,
    form: forms.BaseForm,
    row: Volunteer | Task,
    update: Callable[..., object],
    **kwargs: Any,
) -> HttpResponse:
    """The edit page of a versioned row of the registry: on a valid POST the service `update`
    (`volunteer_update`, `task_update`: it names the row by its model) gets the row afresh
    from its centre with the form's values; `kwargs` are `edit_with_conflict`'s."""

    def save() -> object:
        fresh = type(row).objects.for_centre(row.centre_id).get(pk=row.pk)
        return update(
            actor=request.user,
            expected_version=cast(VersionedFormMixin, form).loaded_version,
            **{str(row._meta.model_name): fresh},
            **_form_values(form),
        )

    return edit_with_conflict(
        request, form=form, save=save, on_validation_error=_form_error, **kwargs
    )


# --- Coordinator: the registry ------------------------------------------------------------------


@role_required(COORDINATOR)
def volunteer_list(request: HttpRequest) -> HttpResponse:
    access = get_access(request)
    volunteers = selectors.volunteer_list(access=access).filter(erased_at__isnull=True)
    municipality_ids = [c.municipality_id for c in Centre.objects.filter(id__in=access.centre_ids)]
    filterset = VolunteerFilter(
        request.GET,
        queryset=volunteers,
        municipality_ids=municipality_ids,
        centre_ids=access.centre_ids,
    )
    qs = filterset.qs
    export = request.GET.get("export")
    if export in {"csv", "xlsx"}:
        header, rows = exports.volunteer_rows(qs)
        writer = csv_response if export == "csv" else xlsx_response
        return writer(f"frivillige-{timezone.localdate():%Y-%m-%d}", header, rows)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "volunteers/volunteer_list.html",
        {"page": page, "filter": filterset, "query": query.urlencode()},
    )


@role_required(COORDINATOR)
def volunteer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_access(request)
    volunteer = get_object_for_user(request, selectors.volunteer_detail_qs(access=access), pk=pk)
    return render(
        request,
        "volunteers/volunteer_detail.html",
        {
            "volunteer": volunteer,
            "hours": selectors.volunteer_hours(volunteer=volunteer)[:20],
            "hour_form": HourEntryForm(
                tasks=Task.objects.for_centre(volunteer.centre_id).filter(
                    matches__volunteer=volunteer
                ),
                initial={"date": timezone.localdate()},
            ),
        },
    )


@role_required(COORDINATOR)
def volunteer_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    centre = own_centre(request)
    organisations = organisation_list(access=get_access(request))
    form = VolunteerForm(
        request.POST or None,
        centre=centre,
        organisations=organisations,
        initial={"status": Volunteer.Status.ACTIVE},
    )
    if request.method == "POST" and form.is_valid():
        try:
            volunteer = services.volunteer_create(
                actor=request.user,
                centre=centre,
                consent_channel=form.cleaned_data.get("consent_channel", ""),
                **_form_values(form),
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The volunteer was registered."))
            return redirect("volunteers:detail", volunteer.pk)
    return render(request, "volunteers/volunteer_form.html", {"form": form})


@role_required(COORDINATOR)
def volunteer_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access = get_access(request)
    volunteer = get_object_for_user(request, Volunteer, edit=True, pk=pk)
    if volunteer.is_erased:
        raise Http404
    form = VolunteerForm(
        request.POST or None,
        instance=volunteer,
        centre=own_centre(request),
        organisations=organisation_list(access=access),
    )
    return _update_page(
        request,
        form=form,
        row=volunteer,
        update=services.volunteer_update,
        message=_("The changes were saved."),
        success_url=reverse("volunteers:detail", args=[volunteer.pk]),
        template="volunteers/volunteer_form.html",
        context={"volunteer": volunteer},
    )


@require_POST
@role_required(COORDINATOR)
def volunteer_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    volunteer = get_object_for_user(request, Volunteer, edit=True, pk=pk)
    try:
        services.volunteer_approve(actor=request.user, volunteer=volunteer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s is now an active volunteer.") % {"name": volunteer})
    return redirect("volunteers:detail", volunteer.pk)


@require_POST
@role_required(COORDINATOR)
def volunteer_invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    volunteer = get_object_for_user(request, Volunteer, edit=True, pk=pk)
    try:
        services.volunteer_invite_login(actor=request.user, volunteer=volunteer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("A link to set a password is on its way to %(email)s.") % {"email": volunteer.email},
        )
    return redirect("volunteers:detail", volunteer.pk)


@require_POST
@role_required(COORDINATOR)
def consent_withdraw(request: AuthenticatedHttpRequest, pk: int, consent_pk: int) -> HttpResponse:
    volunteer = get_object_for_user(request, Volunteer, edit=True, pk=pk)
    consent = get_object_or_404(volunteer.consents, pk=consent_pk)
    try:
        services.consent_withdraw(actor=request.user, consent=consent)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The consent is marked as withdrawn. Pause the volunteer or erase their data."),
        )
    return redirect("volunteers:detail", volunteer.pk)


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
            services.hours_log(
                actor=request.user, access=access, volunteer=volunteer, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The hours were logged."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("volunteers:detail", volunteer.pk)


# --- Coordinator: privacy -----------------------------------------------------------------------


@role_required(COORDINATOR)
@reauthentication_required
def volunteer_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """All data held about one person: a readable page, or JSON with ?format=json."""
    access = get_access(request)
    qs = selectors.volunteer_detail_qs(access=access).select_related("centre")
    volunteer = get_object_for_user(request, qs, edit=True, pk=pk)
    data = volunteer_data(volunteer)
    if request.GET.get("format") == "json":
        services.volunteer_export_record(actor=request.user, volunteer=volunteer)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="person-{volunteer.pk}.json"'
        return response
    services.volunteer_export_record(actor=request.user, volunteer=volunteer)
    return render(
        request,
        "volunteers/volunteer_export.html",
        {
            "volunteer": volunteer,
            "data": data,
            "hours": selectors.volunteer_hours(volunteer=volunteer),
            "signups": volunteer.shift_signups.select_related("shift__rota", "hour_entry"),
            "certificates": volunteer.certificates.all(),
            "now": timezone.now(),
        },
    )


@role_required(COORDINATOR)
@reauthentication_required
def volunteer_erase(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    volunteer = get_object_for_user(request, Volunteer, edit=True, pk=pk)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm the erasure."))
            return redirect("volunteers:erase", volunteer.pk)
        try:
            services.volunteer_erase(actor=request.user, volunteer=volunteer)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("volunteers:list")
        messages.success(
            request,
            _("The person's data was erased. Their hours and matches remain, without a name."),
        )
        return redirect("volunteers:list")
    return render(request, "volunteers/volunteer_erase.html", {"volunteer": volunteer})


@role_required(COORDINATOR)
def volunteer_inactive(request: HttpRequest) -> HttpResponse:
    access = get_access(request)
    months = settings.VOLUNTEER_INACTIVE_MONTHS
    volunteers = selectors.volunteers_inactive(access=access, months=months)
    page = Paginator(volunteers, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "volunteers/volunteer_inactive.html",
        {"page": page, "months": months, "events": selectors.privacy_events(access=access)[:20]},
    )


@role_required(COORDINATOR)
def consent_texts(request: AuthenticatedHttpRequest) -> HttpResponse:
    access = get_access(request)
    centre = own_centre(request)
    current = services.consent_text_current(centre=centre)
    form = ConsentTextForm(
        request.POST or None,
        initial={"text": current.text, "text_en": current.text_en} if current else None,
    )
    if request.method == "POST" and form.is_valid():
        consent_text = services.consent_text_publish(
            actor=request.user, centre=centre, **form.cleaned_data
        )
        messages.success(
            request,
            _("Version %(version)s of the consent text is published.")
            % {"version": consent_text.version},
        )
        return redirect("volunteers:consent_texts")
    return render(
        request,
        "volunteers/consent_text_list.html",
        {
            "form": form,
            "texts": selectors.consent_text_list(access=access),
            "signup_url": request.build_absolute_uri(
                reverse("volunteers:signup", args=[centre.slug])
            ),
        },
    )


@role_required(COORDINATOR)
def curated_lists_home(request: HttpRequest) -> HttpResponse:
    """The data lists start with the first one: one address per list, one title per page."""
    return redirect("volunteers:lists", kind=next(iter(CURATED_LISTS)))


@role_required(COORDINATOR)
def curated_lists(
    request: AuthenticatedHttpRequest, kind: str = "interests", pk: int | None = None
) -> HttpResponse:
    """The data lists volunteers and tasks choose from: add an entry, or rename one."""
    if kind not in CURATED_LISTS:
        raise Http404
    model, title = CURATED_LISTS[kind]
    access = get_access(request)
    if pk:
        instance = get_shared_row_for_user(request, model, pk=pk, edit=True)
    else:
        instance = model(centre=own_centre(request))
    form = CuratedNameForm(
        request.POST or None,
        initial={
            "name": instance.name,
            "name_nn": instance.name_nn,
            "name_en": instance.name_en,
            "position": instance.position,
        }
        if pk
        else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.curated_name_save(actor=request.user, instance=instance, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The list was saved."))
            return redirect("volunteers:lists", kind=kind)
    return render(
        request,
        "volunteers/curated_list.html",
        {
            "form": form,
            "kind": kind,
            "title": title,
            "entries": shared_rows(access, model),
            "editing": instance if pk else None,
            "lists": [(key, label) for key, (_m, label) in CURATED_LISTS.items()],
        },
    )


# --- Hours --------------------------------------------------------------------------------------


@role_required(COORDINATOR)
def hours_pending(request: HttpRequest) -> HttpResponse:
    entries = selectors.hours_pending(access=get_access(request))
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "volunteers/hours_pending.html", {"page": page})


@require_POST
@role_required(COORDINATOR)
def hours_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = get_object_for_user(request, HourEntry, edit=True, pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        services.hours_decide(actor=request.user, entry=entry, approve=approve)
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
    count = services.hours_approve_many(actor=request.user, entries=entries)
    if count:
        messages.success(request, _("%(count)s entries approved.") % {"count": count})
    else:
        messages.error(request, _("Tick the entries you want to approve."))
    return redirect("volunteers:hours_pending")


# --- Tasks and matching -------------------------------------------------------------------------


def _task_organisations(request: HttpRequest) -> QuerySet:
    access = get_access(request)
    if access.is_association:
        return organisations_of_user(access=access)
    return organisation_list(access=access).filter(is_archived=False)


@role_required(COORDINATOR, Role.ASSOCIATION)
def task_list(request: HttpRequest) -> HttpResponse:
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
        "volunteers/task_list.html",
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
            task = services.task_create(
                actor=request.user, access=access, centre=centre, **_form_values(form)
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The task was posted."))
            return redirect("volunteers:task_detail", task.pk)
    return render(request, "volunteers/task_form.html", {"form": form})


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
        "volunteers/task_detail.html",
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
    return _update_page(
        request,
        form=form,
        row=task,
        update=services.task_update,
        message=_("The changes were saved."),
        success_url=reverse("volunteers:task_detail", args=[task.pk]),
        template="volunteers/task_form.html",
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
        services.match_create(actor=request.user, task=task, volunteer=volunteer)
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
                actor=request.user,
                match=Match.objects.for_centre(match.centre_id).get(pk=match.pk),
                **form.cleaned_data,
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The match was updated."))
            return redirect("volunteers:task_detail", match.task_id)
    return render(request, "volunteers/match_form.html", {"form": form, "match": match})


# --- The volunteer's own pages ------------------------------------------------------------------


def _me(request: HttpRequest) -> Volunteer:
    volunteer = selectors.volunteer_of_user(access=get_access(request))
    if volunteer is None:
        raise Http404
    return volunteer


@role_required(Role.VOLUNTEER)
def me(request: HttpRequest) -> HttpResponse:
    volunteer = _me(request)
    return render(
        request,
        "volunteers/me_detail.html",
        {
            "volunteer": volunteer,
            "matches": selectors.own_matches(access=get_access(request)),
        },
    )


def shift_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The volunteer's own shifts as a calendar feed (public: the secret address is the key)."""
    volunteer = get_object_or_404(Volunteer.objects.by_calendar_token(token))
    body = shift_calendar(volunteer, host=request.get_host().split(":")[0])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="my-shifts.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_POST
@role_required(Role.VOLUNTEER)
def me_calendar_reset(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Make (or remake) the secret address of the volunteer's shift calendar."""
    volunteer = _me(request)
    had_one = bool(volunteer.calendar_token)
    services.volunteer_calendar_reset(actor=request.user, volunteer=volunteer)
    messages.success(
        request,
        _("Your calendar has a new address; the old one no longer works.")
        if had_one
        else _("Your calendar address is ready. Add it to your phone's calendar."),
    )
    return redirect("volunteers:me")


@role_required(Role.VOLUNTEER)
def me_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    volunteer = _me(request)
    form = ProfileForm(request.POST or None, instance=volunteer, centre=volunteer.centre)
    return _update_page(
        request,
        form=form,
        row=volunteer,
        update=services.volunteer_update,
        message=_("Your profile was saved."),
        success_url=reverse("volunteers:me"),
        template="volunteers/me_form.html",
    )


@role_required(Role.VOLUNTEER)
def my_hours(request: AuthenticatedHttpRequest) -> HttpResponse:
    access = get_access(request)
    volunteer = _me(request)
    tasks = Task.objects.visible_to(access)
    form = HourEntryForm(request.POST or None, tasks=tasks, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.hours_log(
                actor=request.user, access=access, volunteer=volunteer, **form.cleaned_data
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Your hours were logged and await approval."))
            return redirect("volunteers:my_hours")
    entries = selectors.own_hours(access=access)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "volunteers/my_hours.html",
        {
            "form": form,
            "page": page,
            # Its hours per year: {% volunteer_year_hours %} (the figures app's template tag).
            "volunteer": volunteer,
        },
    )


# --- Public sign-up -----------------------------------------------------------------------------


def _rate_limited(request: HttpRequest, centre: Centre) -> bool:
    """Count sign-up attempts per IP address and hour in the cache; True when over the limit."""
    key = f"volunteer-signup:{centre.pk}:{client_ip(request) or 'unknown'}"
    return over_rate(key, limit=settings.VOLUNTEER_SIGNUP_RATE_PER_HOUR, window=60 * 60)


def signup(request: HttpRequest, slug: str) -> HttpResponse:
    """The public sign-up form: no login. New volunteers arrive as applicants."""
    centre = get_object_or_404(Centre.objects.select_related("municipality"), slug=slug)
    consent_text = services.consent_text_current(centre=centre)
    form = SignUpForm(request.POST or None, centre=centre)
    status = 200
    if request.method == "POST":
        if _rate_limited(request, centre):
            form.add_error(
                None, _("Too many sign-ups from your network. Please try again in an hour.")
            )
            status = 429
        elif form.is_bot:
            # Pretend it worked, so the script learns nothing; nothing is stored.
            return redirect("volunteers:signup_done", slug=centre.slug)
        elif consent_text is None:
            form.add_error(None, _("Sign-up is not open yet: the centre has no consent text."))
        elif form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k not in {"consent", "website"}}
            try:
                services.volunteer_sign_up(centre=centre, consent_text=consent_text, **data)
            except ValidationError as error:
                _form_error(form, error)
            else:
                return redirect("volunteers:signup_done", slug=centre.slug)
    return render(
        request,
        "volunteers/signup_form.html",
        {"form": form, "centre": centre, "consent_text": consent_text},
        status=status,
    )


def signup_done(request: HttpRequest, slug: str) -> HttpResponse:
    centre = get_object_or_404(Centre, slug=slug)
    return render(request, "volunteers/signup_done.html", {"centre": centre})
