"""The pages of a centre's year (the state grant's figures)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import jobs
from core.jobs import JobStatus
from core.models import FIRST_YEAR, LAST_YEAR, Centre, Role
from core.permissions import Access, get_access, role_required

from . import selectors, services
from .forms import CentreIncomeFormSet, CentreYearForm
from .grant import current_round, deadline_for, evidence_year, report_year
from .models import CentreYear, GrantApplication, GrantDecision
from .permissions import may_decide

# Coordinators enter their centre's year; municipality viewers read their centres' years.
CENTRE_YEAR_ROLES = (Role.COORDINATOR, Role.MUNICIPALITY)


def _centre_of(request: HttpRequest, access: Access) -> Centre | None:
    """The centre whose year is shown: `?centre=` (one the user may see, else 404), or the
    user's only centre; None when a municipality viewer of several centres must choose."""
    raw = request.GET.get("centre", "")
    if raw:
        if not raw.isdigit() or int(raw) not in access.centre_ids:
            raise Http404
        centre_id = int(raw)
    elif access.centre_id is None:
        return None
    else:
        centre_id = access.centre_id
    return Centre.objects.get(pk=centre_id)


@role_required(*CENTRE_YEAR_ROLES)
@require_GET
def centre_year_current(request: HttpRequest) -> HttpResponse:
    url = reverse("centreyear:centre_year", kwargs={"year": timezone.localdate().year})
    query = request.GET.urlencode()
    return redirect(f"{url}?{query}" if query else url)


@role_required(*CENTRE_YEAR_ROLES)
@require_http_methods(["GET", "POST"])
def centre_year(request: HttpRequest, year: int) -> HttpResponse:
    """A centre's figures for the state grant's conditions in one year: the coordinator
    enters them (a draft carried forward from the year before, until saved); municipality
    viewers read what is saved."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    access = get_access(request)
    if request.method == "POST" and not access.is_coordinator:
        raise PermissionDenied
    centre = _centre_of(request, access)
    if centre is None:
        centres = list(Centre.objects.filter(id__in=access.centre_ids))
        overview = selectors.centre_year_overview(centres=centres, year=year)
        rows = [(c, overview.get(c.pk)) for c in centres]
        return render(
            request,
            "centreyear/centre_year_choose.html",
            {"year": year, "rows": rows, **_year_links(year)},
        )

    centre_year, incomes, carried_from = services.centre_year_start(centre=centre, year=year)
    can_edit = centre_year.is_editable_by(access)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    context: dict[str, Any] = {
        "centre": centre,
        "year": year,
        "centre_year": centre_year,
        "is_saved": centre_year.pk is not None,
        "can_edit": can_edit,
        "incomes": incomes,
        "carried_from": carried_from,
        **_year_links(year),
    }
    if not can_edit:
        # Readers see what the coordinator has saved, never an unsaved carried-forward copy.
        if centre_year.pk is not None:
            context["figures"] = selectors.figures_for(centre_year, selectors.amounts_of(incomes))
        return render(request, "centreyear/centre_year.html", context)

    # Computed before the form is bound: binding writes the posted values onto the instance.
    context["figures"] = selectors.figures_for(centre_year, selectors.amounts_of(incomes))
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = CentreYearForm(data, files, instance=centre_year)
    formset = CentreIncomeFormSet(
        data,
        instance=centre_year,
        prefix="incomes",
        carried=incomes if carried_from else None,
    )
    if data is not None:
        form_valid = form.is_valid()
        if form_valid and formset.is_valid():
            try:
                services.centre_year_save(
                    actor=access,
                    centre_year=form.save(commit=False),
                    incomes=formset.save(commit=False),
                    deleted=formset.deleted_objects,
                    expected_version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                if centre_year.is_draft:
                    text = _("The figures for %(year)s were saved as a draft.")
                else:
                    text = _("The figures for %(year)s were saved as final.")
                messages.success(request, text % {"year": year})
                return redirect("centreyear:centre_year", year=year)
        elif form_valid and form.cleaned_data["version"] != centre_year.version:
            form.add_error(None, services.centre_year_conflict())
    context.update(form=form, formset=formset)
    return render(request, "centreyear/centre_year.html", context)


def _year_links(year: int) -> dict[str, int | None]:
    return {
        "previous_year": year - 1 if year > FIRST_YEAR else None,
        "next_year": year + 1 if year < LAST_YEAR else None,
    }


# --- The grant round ------------------------------------------------------------------------------

GRANT_ROLES = (Role.COORDINATOR, Role.MUNICIPALITY)


@role_required(*GRANT_ROLES)
@require_GET
def grant_round_current(request: HttpRequest) -> HttpResponse:
    return redirect("centreyear:grant_round", year=current_round())


@role_required(*GRANT_ROLES)
@require_http_methods(["GET", "POST"])
def grant_round(request: HttpRequest, year: int) -> HttpResponse:
    """The grant round for operating `year`: each centre of the municipality (a coordinator:
    their own) with its eight conditions, what is missing and who must fix it, and the
    municipality's decision. Municipality viewers confirm or decide not to apply (POST)."""
    if not FIRST_YEAR < year <= LAST_YEAR:
        raise Http404
    access = get_access(request)
    centres = list(
        Centre.objects.filter(id__in=access.centre_ids)
        .select_related("municipality")
        .order_by("name")
    )
    errors: dict[int, list[str]] = {}
    posted: dict[str, str] = {}
    if request.method == "POST":
        raw = request.POST.get("centre", "")
        if not raw.isdigit() or int(raw) not in access.centre_ids:
            raise Http404
        centre = next(c for c in centres if c.pk == int(raw))
        if not may_decide(access, centre.pk):
            raise PermissionDenied
        posted = {
            "centre": raw,
            "decision": request.POST.get("decision", ""),
            "reason": request.POST.get("reason", ""),
        }
        try:
            services.grant_decide(
                actor=access,
                centre=centre,
                year=year,
                decision=posted["decision"],
                reason=posted["reason"],
            )
        except ValidationError as error:
            errors[centre.pk] = error.messages
        else:
            if posted["decision"] == GrantDecision.Decision.CONFIRMED:
                text = _("%(centre)s is confirmed for %(year)s.")
            else:
                text = _("The decision not to apply for %(centre)s in %(year)s is recorded.")
            messages.success(request, text % {"centre": centre.name, "year": year})
            return redirect("centreyear:grant_round", year=year)

    rounds = selectors.grant_round(centres=centres, year=year)
    for entry in rounds:
        entry.errors = errors.get(entry.centre.pk, [])
    decided = sum(1 for r in rounds if r.decision)
    confirmed = sum(
        1 for r in rounds if r.decision and r.decision.decision == GrantDecision.Decision.CONFIRMED
    )
    applications = (
        selectors.grant_applications(municipality_id=access.municipality_id, year=year)
        if access.is_municipality
        else []
    )
    jobs.jobs_sweep_if_due(applications)
    context: dict[str, Any] = {
        "year": year,
        "evidence_year": evidence_year(year),
        "report_year": report_year(year),
        "deadline": deadline_for(year),
        "deadline_passed": timezone.now() >= deadline_for(year),
        "rounds": rounds,
        "decided": decided,
        "confirmed": confirmed,
        "total": len(rounds),
        "all_decided": bool(rounds) and decided == len(rounds),
        # Conditions whose evidence is only what the centre wrote (marked with its language).
        "written_conditions": (1, 5),
        "may_decide": access.is_municipality,
        "applications": applications,
        "errors": errors,
        "posted": posted,
        "previous_year": year - 1 if year - 1 > FIRST_YEAR else None,
        "next_year": year + 1 if year < current_round() else None,
    }
    status = 400 if errors else 200
    return render(request, "centreyear/grant_round.html", context, status=status)


@role_required(Role.MUNICIPALITY)
@require_POST
def grant_application_create(request: HttpRequest, year: int) -> HttpResponse:
    """Make the application summary (PDF and CSV) once every centre is decided."""
    if not FIRST_YEAR < year <= LAST_YEAR:
        raise Http404
    access = get_access(request)
    try:
        services.grant_application_request(
            actor=access, year=year, language=translation.get_language() or "nb"
        )
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    except jobs.JobQueueUnavailable:
        messages.error(
            request,
            _("The application could not be queued. Please try again in a few minutes."),
        )
    else:
        messages.success(
            request, _("The application summary is being made. It is listed below when ready.")
        )
    return redirect("centreyear:grant_round", year=year)


@role_required(Role.MUNICIPALITY)
def grant_application_download(request: HttpRequest, pk: int, fmt: str) -> FileResponse:
    """The application's PDF or CSV, for the municipality's viewers only (404 otherwise)."""
    if fmt not in ("pdf", "csv"):
        raise Http404
    access = get_access(request)
    job = (
        GrantApplication.objects.of_municipality(access.municipality_id)
        .filter(pk=pk, status=JobStatus.DONE)
        .first()
    )
    file = getattr(job, fmt, None) if job is not None else None
    if job is None or not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = "application/pdf" if fmt == "pdf" else "text/csv; charset=utf-8"
    return FileResponse(
        handle, as_attachment=True, filename=job.download_name(fmt), content_type=content_type
    )


@role_required(*CENTRE_YEAR_ROLES)
@require_GET
def accounts_file(request: HttpRequest, year: int) -> FileResponse:
    """The centre's uploaded accounts and annual report of `year` (`?centre=` for the
    municipality's viewers), through the app's permission check; 404 where none is to be seen."""
    access = get_access(request)
    centre = _centre_of(request, access)
    if centre is None:
        raise Http404
    row = CentreYear.objects.for_centre(centre).filter(year=year).first()
    if row is None or not row.accounts_file:
        raise Http404
    try:
        handle = row.accounts_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = f"{centre.slug}-regnskap-og-arsmelding-{year}.pdf"
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/pdf")
