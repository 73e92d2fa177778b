from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from core import exports, formatting, jobs
from core.concurrency import edit_with_conflict
from core.http import AuthenticatedHttpRequest
from core.models import FIRST_YEAR, LAST_YEAR, Centre, Role
from core.permissions import get_access, get_object_for_user, role_required
from volunteers import selectors as volunteer_selectors
from volunteers.paperwork_views import pdf_response

from . import figures, paperwork, selectors, services
from .forms import NarrativeForm, ReportRequestForm
from .models import Narrative, ReportJob, ReportKind
from .rendering import ReportParams, narrative_for, report_context


def _own_centre(request: HttpRequest):
    centre = figures.centre_for(get_access(request))
    if centre is None:
        raise PermissionDenied
    return centre


def _without_csrf_token(request: HttpRequest) -> HttpResponse | None:
    """The report form's preview and narrative buttons submit its fields by GET, which carries
    the form's CSRF token along: send the browser on to the same address without it, so the
    token is never shown, bookmarked or shared in a link."""
    if "csrfmiddlewaretoken" not in request.GET:
        return None
    query = request.GET.copy()
    del query["csrfmiddlewaretoken"]
    return redirect(f"{request.path}?{query.urlencode()}")


def _jobs_context(request: HttpRequest) -> dict:
    access = get_access(request)
    page = Paginator(selectors.report_job_list(access=access), 30).get_page(request.GET.get("page"))
    if jobs.jobs_sweep_if_due(page.object_list):  # a killed worker's job, shown as it is now
        page = Paginator(selectors.report_job_list(access=access), 30).get_page(
            request.GET.get("page")
        )
    return {
        "page": page,
        "polling": any(job.is_active for job in page.object_list),
        "can_edit": access.is_coordinator,
        "show_centre": len(access.centre_ids) > 1,
    }


@role_required(Role.COORDINATOR, Role.MUNICIPALITY)
def report_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = _jobs_context(request)
    if request.htmx:
        return render(request, "reports/partials/job_table.html", context)
    access = get_access(request)
    if access.is_municipality:
        context["annual"] = annual_states_context(access)
    if context["can_edit"]:
        context["form"] = ReportRequestForm(centre=_own_centre(request))
    return render(request, "reports/report_list.html", context)


@role_required(Role.COORDINATOR)
def report_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    centre = _own_centre(request)
    form = ReportRequestForm(request.POST or None, centre=centre)
    if request.method == "POST" and form.is_valid():
        try:
            job, created = services.report_request(
                actor=get_access(request),
                centre=centre,
                kind=form.cleaned_data["kind"],
                year=form.cleaned_data["year"],
                project=form.cleaned_data["project"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        except services.ReportQueueUnavailable:
            messages.error(
                request,
                _(
                    "The report queue is not available right now, so the report could not be "
                    "ordered. Please try again in a few minutes; the rest of Frivillig works "
                    "as usual."
                ),
            )
            return redirect("reports:list")
        else:
            if created:
                messages.success(
                    request, _("The report is being made. It appears below when ready.")
                )
            else:
                messages.info(
                    request, _("This report is already being made; you will find it below.")
                )
            return redirect("reports:list")
    return render(request, "reports/report_form.html", {"form": form})


@role_required(Role.COORDINATOR)
def report_preview(request: HttpRequest) -> HttpResponse:
    """The report as an HTML page, from the same figures and templates as the PDF."""
    if clean := _without_csrf_token(request):
        return clean
    centre = _own_centre(request)
    form = ReportRequestForm(request.GET, centre=centre)
    if not form.is_valid():
        return render(request, "reports/report_form.html", {"form": form}, status=400)
    params = ReportParams(
        centre=centre,
        kind=form.cleaned_data["kind"],
        year=form.cleaned_data["year"],
        project=form.cleaned_data["project"],
        language=form.cleaned_data["language"],
    )
    try:
        with translation.override(params.language):
            context = report_context(params)
            body = render(request, "reports/pdf/_body.html", context).content.decode()
    except figures.ReportError as exc:
        form.add_error(None, str(exc))
        return render(request, "reports/report_form.html", {"form": form}, status=400)
    return render(
        request,
        "reports/report_preview.html",
        {"form": form, "params": params, "body": body, "title": context["title"]},
    )


@role_required(Role.COORDINATOR, Role.MUNICIPALITY)
def report_download(request: HttpRequest, pk: int) -> FileResponse:
    job = get_object_for_user(
        request, selectors.report_job_list(access=get_access(request)), pk=pk, status="done"
    )
    if not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle, as_attachment=True, filename=job.download_name, content_type="application/pdf"
    )


@require_POST
@role_required(Role.COORDINATOR)
def report_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = get_object_for_user(request, ReportJob, edit=True, pk=pk)
    services.report_delete(actor=get_access(request), job=job)
    messages.success(request, _("The report was deleted."))
    return redirect("reports:list")


@role_required(Role.COORDINATOR)
def narrative_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Write the narrative of a report: kind, year and project come from the query string."""
    if clean := _without_csrf_token(request):
        return clean
    centre = _own_centre(request)
    kind = request.GET.get("kind", ReportKind.ANNUAL)
    if kind not in ReportKind.values:
        raise Http404
    try:
        year = int(request.GET.get("year", ""))
    except ValueError as exc:
        raise Http404 from exc
    if not FIRST_YEAR <= year <= LAST_YEAR:  # no report is written for such a year
        raise Http404
    project = None
    if request.GET.get("project"):
        try:
            project = figures.projects_of(centre).get(pk=request.GET["project"])
        except (ObjectDoesNotExist, ValueError) as exc:
            raise Http404 from exc
    if kind == ReportKind.FINAL and project is None:
        raise Http404
    params = ReportParams(centre=centre, kind=kind, year=year, project=project)
    narrative = narrative_for(params)
    initial = (
        {name: getattr(narrative, name) for name in Narrative.section_names(kind)}
        if narrative
        else {}
    )
    form = NarrativeForm(request.POST or None, kind=kind, initial=initial, instance=narrative)
    return edit_with_conflict(
        request,
        form=form,
        save=lambda: services.narrative_save(
            actor=get_access(request),
            centre=centre,
            kind=kind,
            year=year,
            project=project,
            texts=form.changed_values,
            is_draft="final" not in request.POST,
            expected_version=form.loaded_version if "version" in form.fields else None,
        ),
        message=_("The narrative was saved as a draft.")
        if "final" not in request.POST
        else _("The narrative was saved and marked as final."),
        success_url=request.get_full_path(),
        template="reports/narrative_form.html",
        context={
            "narrative": narrative,
            "params": params,
            "kind_label": ReportKind(kind).label,
            "query": request.GET.urlencode(),
        },
    )


# --- Figures across the centre and the municipality -------------------------------------------


def _year_param(request: HttpRequest) -> int:
    """The ?year= asked for; this year when it is absent or no year a date can hold."""
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        return today.year
    return year if 1990 <= year <= 2100 else today.year


@role_required(Role.COORDINATOR, Role.MUNICIPALITY)
def hours(request: HttpRequest) -> HttpResponse:
    """Volunteer hours per year from both logs, with the total and årsverk; per volunteer for
    the coordinator (names never reach municipality viewers)."""
    access = get_access(request)
    year = _year_param(request)
    today = timezone.localdate()
    per_volunteer = (
        figures.hours_per_volunteer(access=access, year=year) if access.is_coordinator else []
    )
    # Each row links to the volunteer: one reverse for the whole table (hundreds of rows).
    detail = reverse("volunteers:detail", args=[0]).removesuffix("0/")
    return render(
        request,
        "reports/hours.html",
        {
            "years": figures.hours_by_year(access=access, today=today),
            "year": year,
            "per_volunteer": [(f"{detail}{row.volunteer_id}/", row) for row in per_volunteer],
            "hours_per_fte": settings.HOURS_PER_FTE,
        },
    )


# The overview's columns: (figure key, label, decimals). The CSV and Excel headers carry the key,
# so each column can be traced to its definition in figures.catalogue.
OVERVIEW_COLUMNS = [
    ("centre", gettext_lazy("Volunteer centre"), None),
    ("activities.held", gettext_lazy("Activities held"), 0),
    ("activities.held.target", gettext_lazy("Target: activities of projects with a target"), 0),
    ("activities.held.percent_of_target", gettext_lazy("Of target (%)"), 0),
    ("participants.total", gettext_lazy("Participants"), 0),
    ("participants.average", gettext_lazy("Average participants per activity"), 1),
    ("volunteers.registered", gettext_lazy("Registered volunteers"), 0),
    ("volunteers.active", gettext_lazy("Active volunteers"), 0),
    ("volunteer_hours.on_activities", gettext_lazy("Volunteer hours on activities"), 1),
    ("volunteer_hours.own", gettext_lazy("Volunteer hours logged by the volunteers"), 1),
    ("volunteer_hours.total", gettext_lazy("Volunteer hours in total"), 1),
    ("fte.total", gettext_lazy("Full-time equivalents"), 2),
    ("local_share", gettext_lazy("Local share of operating income (%)"), 1),
]


def _overview_cells(row: figures.CentreKeyFigures) -> list:
    state = row.state
    values = [
        row.centre.name,
        row.activities.held,
        row.target_activities,
        row.percent_of_target,
        row.activities.participants,
        row.activities.average,
        row.volunteers,
        row.active_volunteers,
        row.hours.activity_hours,
        row.hours.own_hours,
        row.hours.total,
        row.hours.fte,
        state.local_share if state is not None else None,
    ]
    return [
        value if decimals is None else formatting.as_number(value, decimals)
        for value, (_key, _label, decimals) in zip(values, OVERVIEW_COLUMNS, strict=True)
    ]


@role_required(Role.COORDINATOR, Role.MUNICIPALITY)
def overview(request: HttpRequest, fmt: str = "") -> HttpResponse:
    """Every centre of the municipality side by side for a year (a coordinator: its own),
    each figure as that centre's annual report prints it; exportable as CSV and Excel."""
    access = get_access(request)
    year = _year_param(request)
    rows = figures.municipality_overview(access=access, year=year, today=timezone.localdate())
    if fmt:
        header = [
            str(label) if key == "centre" else f"{label} [{key}]"
            for key, label, _decimals in OVERVIEW_COLUMNS
        ]
        cells = [_overview_cells(row) for row in rows]
        filename = f"frivillig-oversikt-{year}"
        if fmt == "csv":
            return exports.csv_response(filename, header, cells)
        if fmt == "xlsx":
            return exports.xlsx_response(filename, header, cells, sheet_title=str(year))
        raise Http404
    today = timezone.localdate()
    return render(
        request,
        "reports/overview.html",
        {
            "rows": rows,
            "year": year,
            "years": range(today.year, today.year - 6, -1),
            "hours_per_fte": settings.HOURS_PER_FTE,
        },
    )


# --- The volunteer certificate (in the volunteers namespace: reports.urls.volunteers_pages) ----


@role_required(Role.COORDINATOR, Role.VOLUNTEER)
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The certificate as PDF: for the volunteer it is about and their centre's coordinator."""
    certificate = get_object_for_user(
        request, volunteer_selectors.certificate_qs(access=get_access(request)), pk=pk
    )
    return pdf_response(
        paperwork.certificate_pdf(certificate),
        _("certificate %(name)s") % {"name": certificate.volunteer},
    )


def annual_states_context(access) -> dict:
    """Last year's annual evaluation of each of the municipality's centres, with its state."""
    year = timezone.localdate().year - 1
    centres = list(Centre.objects.filter(id__in=access.centre_ids).order_by("name"))
    return {"year": year, "rows": selectors.annual_report_states(centres=centres, year=year)}


@require_POST
@role_required(Role.MUNICIPALITY)
def annual_finish_request(request: AuthenticatedHttpRequest, year: int, centre_pk: int):
    """The municipality asks a centre's coordinators to finish its annual evaluation."""
    access = get_access(request)
    if centre_pk not in access.centre_ids or not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    centre = Centre.objects.get(pk=centre_pk)
    told = services.report_finish_request(actor=access, centre=centre, year=year)
    if told:
        messages.success(
            request,
            ngettext(
                "%(count)s coordinator of %(centre)s was asked to finish the annual evaluation.",
                "%(count)s coordinators of %(centre)s were asked to finish the annual evaluation.",
                told,
            )
            % {"count": told, "centre": centre.name},
        )
    else:
        messages.warning(
            request,
            _("%(centre)s has no coordinator with a login to ask.") % {"centre": centre.name},
        )
    # Back to where the button was: the start page or the report list (never a posted address).
    return redirect("core:home" if request.POST.get("next") == "home" else "reports:list")


# --- The record of processing (GDPR art. 30), for the site admin and the municipality's DPO ----


def _privacy_record_context(request: AuthenticatedHttpRequest) -> dict:
    from core.models import Centre

    from .privacy_record import record

    access = get_access(request)
    if not (access.is_site_admin or access.role == Role.MUNICIPALITY):
        raise PermissionDenied
    centres = Centre.objects.select_related("municipality").order_by("name")
    if not access.is_site_admin:
        centres = centres.filter(id__in=access.centre_ids)
    return {"record": record(), "centres": list(centres), "today": timezone.localdate()}


@role_required(Role.MUNICIPALITY, "")
def privacy_record(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What is stored about whom, why and how long: generated from the apps' declarations."""
    return render(request, "reports/privacy_record.html", _privacy_record_context(request))


@role_required(Role.MUNICIPALITY, "")
def privacy_record_pdf(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The same record as a tagged PDF."""
    from volunteers.paperwork import print_pdf

    context = {**_privacy_record_context(request), "LANGUAGE_CODE": translation.get_language()}
    return pdf_response(print_pdf("reports/pdf/privacy_record.html", context), "frivillig-record")
