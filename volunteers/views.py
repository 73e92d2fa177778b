"""Pages of the registry: volunteers, consent, the data lists, privacy, the volunteer's own
profile and the public sign-up. Thin: scope, form, service, redirect."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from allauth.account.decorators import reauthentication_required
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
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
from core.models import Centre, CentreScopedModel, Role
from core.permissions import (
    get_access,
    get_object_for_user,
    get_shared_row_for_user,
    own_centre,
    role_required,
    shared_rows,
)
from organisations.selectors import organisation_list

from . import exports, selectors, services
from .filters import VolunteerFilter
from .forms import (
    ConsentTextForm,
    CuratedNameForm,
    ProfileForm,
    SignUpForm,
    VolunteerForm,
)
from .gdpr import volunteer_data
from .models import BackgroundGroup, Interest, Language, Volunteer

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The data lists the coordinator curates, by the name used in their URLs.
CURATED_LISTS: dict[str, tuple[type[Interest | BackgroundGroup | Language], StrOrPromise]] = {
    "interests": (Interest, gettext_lazy("Interests and skills")),
    "background-groups": (BackgroundGroup, gettext_lazy("Background groups")),
    "languages": (Language, gettext_lazy("Languages")),
}

COORDINATOR = Role.COORDINATOR


def form_error(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, next to the field when it names one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def form_values(form) -> dict:
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


def update_page(
    request: AuthenticatedHttpRequest,
    *,
    form: forms.BaseForm,
    row: CentreScopedModel,
    update: Callable[..., object],
    **kwargs: Any,
) -> HttpResponse:
    """The edit page of a versioned row of the registry: on a valid POST the service `update`
    (`volunteer_update`, `task_update`: it names the row by its model) gets the row afresh
    from its centre with the form's values; `kwargs` are `edit_with_conflict`'s."""

    def save() -> object:
        fresh = type(row).objects.for_centre(row.centre_id).get(pk=row.pk)
        return update(
            actor=get_access(request),
            expected_version=cast(VersionedFormMixin, form).loaded_version,
            **{str(row._meta.model_name): fresh},
            **form_values(form),
        )

    return edit_with_conflict(
        request, form=form, save=save, on_validation_error=form_error, **kwargs
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
            # Its hours and the form to log more: {% volunteer_hours_panel %} (the hours app).
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
                actor=get_access(request),
                centre=centre,
                consent_channel=form.cleaned_data.get("consent_channel", ""),
                **form_values(form),
            )
        except ValidationError as error:
            form_error(form, error)
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
    return update_page(
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
        services.volunteer_approve(actor=get_access(request), volunteer=volunteer)
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
        services.volunteer_invite_login(actor=get_access(request), volunteer=volunteer)
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
        services.consent_withdraw(actor=get_access(request), consent=consent)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The consent is marked as withdrawn. Pause the volunteer or erase their data."),
        )
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
        services.volunteer_export_record(actor=access, volunteer=volunteer)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="person-{volunteer.pk}.json"'
        return response
    services.volunteer_export_record(actor=access, volunteer=volunteer)
    return render(
        request,
        "volunteers/volunteer_export.html",
        {
            "volunteer": volunteer,
            "data": data,
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
            services.volunteer_erase(actor=get_access(request), volunteer=volunteer)
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
        initial=(
            {"text": current.text, "text_nn": current.text_nn, "text_en": current.text_en}
            if current
            else None
        ),
    )
    if request.method == "POST" and form.is_valid():
        consent_text = services.consent_text_publish(
            actor=access, centre=centre, **form.cleaned_data
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
            services.curated_name_save(actor=access, instance=instance, **form.cleaned_data)
        except ValidationError as error:
            form_error(form, error)
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


# --- Tasks and matching -------------------------------------------------------------------------


# --- The volunteer's own pages ------------------------------------------------------------------


def current_volunteer(request: HttpRequest) -> Volunteer:
    volunteer = selectors.volunteer_of_user(access=get_access(request))
    if volunteer is None:
        raise Http404
    return volunteer


@role_required(Role.VOLUNTEER)
def me(request: HttpRequest) -> HttpResponse:
    volunteer = current_volunteer(request)
    return render(
        request,
        "volunteers/me_detail.html",
        {
            # Its matches: {% own_matches %} (the tasks app's template tag).
            "volunteer": volunteer,
        },
    )


@require_POST
@role_required(Role.VOLUNTEER)
def me_calendar_reset(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Make (or remake) the secret address of the volunteer's shift calendar."""
    volunteer = current_volunteer(request)
    had_one = bool(volunteer.calendar_token)
    services.volunteer_calendar_reset(actor=get_access(request), volunteer=volunteer)
    messages.success(
        request,
        _("Your calendar has a new address; the old one no longer works.")
        if had_one
        else _("Your calendar address is ready. Add it to your phone's calendar."),
    )
    return redirect("volunteers:me")


@role_required(Role.VOLUNTEER)
def me_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    volunteer = current_volunteer(request)
    form = ProfileForm(request.POST or None, instance=volunteer, centre=volunteer.centre)
    return update_page(
        request,
        form=form,
        row=volunteer,
        update=services.volunteer_update,
        message=_("Your profile was saved."),
        success_url=reverse("volunteers:me"),
        template="volunteers/me_form.html",
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
    # A public task's "sign up" link names the task (`?task=`): the form says so, and the
    # coordinator sees which task the applicant came for.
    wanted_task = selectors.public_task_title(
        centre=centre, raw=request.POST.get("task") or request.GET.get("task")
    )
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
                services.volunteer_sign_up(
                    centre=centre, consent_text=consent_text, wanted_task=wanted_task, **data
                )
            except ValidationError as error:
                form_error(form, error)
            else:
                return redirect("volunteers:signup_done", slug=centre.slug)
    return render(
        request,
        "volunteers/signup_form.html",
        {
            "form": form,
            "centre": centre,
            "consent_text": consent_text,
            "wanted_task": wanted_task,
        },
        status=status,
    )


def signup_done(request: HttpRequest, slug: str) -> HttpResponse:
    centre = get_object_or_404(Centre, slug=slug)
    return render(request, "volunteers/signup_done.html", {"centre": centre})
