from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import selectors, services
from .forms import CentreIncomeFormSet, CentrePublicForm, CentreYearForm
from .http import AuthenticatedHttpRequest
from .models import FIRST_YEAR, LAST_YEAR, Centre, Municipality, Role
from .permissions import Access, get_access, own_centre, role_required, signed_in_required
from .startpage import cards_for, panels_for, work_for


@signed_in_required
def home(request: HttpRequest) -> HttpResponse:
    """The start page: what the user's role can do, with figures and links."""
    access = get_access(request)
    context = {
        "cards": cards_for(request, access),
        "work": work_for(request, access),
        "panels": panels_for(request, access),
        "centres": Centre.objects.filter(id__in=access.centre_ids).select_related("municipality"),
    }
    if access.is_site_admin and not access.role:
        context["all_municipalities"] = Municipality.objects.prefetch_related("centres")
    return render(request, "core/home.html", context)


def _check_database() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "down"; the type is reported, not raised
        return type(exc).__name__
    return None


def _check_broker() -> str | None:
    from kombu import Connection

    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return type(exc).__name__
    return None


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, served from the root so that it may keep the door pages (an app
    page's worker must sit at or above the pages it serves)."""
    body = (Path(settings.BASE_DIR) / "static" / "js" / "sw.js").read_text()
    response = HttpResponse(body, content_type="application/javascript")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest: Frivillig installs on a phone's home screen (the door mode)."""
    return JsonResponse(
        {
            "name": "Frivillig",
            "short_name": "Frivillig",
            "start_url": reverse("core:home"),
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#0b4a5e",
            "icons": [
                {
                    "src": static("img/manifest-icon.svg"),
                    "sizes": "any",
                    "type": "image/svg+xml",
                    "purpose": "any",
                }
            ],
        },
        content_type="application/manifest+json",
    )


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database (and the broker, if configured) answer; 503 otherwise."""
    checks: dict[str, dict[str, str]] = {}
    error = _check_database()
    checks["database"] = {"status": "down", "error": error} if error else {"status": "ok"}
    if settings.CELERY_BROKER_URL:
        error = _check_broker()
        checks["broker"] = {"status": "down", "error": error} if error else {"status": "ok"}
    else:
        checks["broker"] = {"status": "not configured (tasks run in-process)"}
    healthy = all(check["status"] != "down" for check in checks.values())
    body = {
        "status": "ok" if healthy else "unavailable",
        "checks": checks,
        "time": timezone.now().isoformat(),
    }
    return JsonResponse(body, status=200 if healthy else 503)


# --- The state grant's conditions per centre and year --------------------------------------------

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


@role_required(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def centre_public(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The centre's public face: whether new activities start public, and its description."""
    centre = own_centre(request)
    form = CentrePublicForm(request.POST or None, instance=centre)
    if request.method == "POST" and form.is_valid():
        services.centre_public_update(
            actor=request.user,
            centre=centre,
            **{name: form.cleaned_data[name] for name in form.changed_data},
        )
        messages.success(request, _("The centre's public settings were saved."))
        return redirect("core:centre_public")
    return render(request, "core/centre_public.html", {"form": form, "centre": centre})


@role_required(*CENTRE_YEAR_ROLES)
@require_GET
def centre_year_current(request: HttpRequest) -> HttpResponse:
    url = reverse("core:centre_year", kwargs={"year": timezone.localdate().year})
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
            "core/centre_year_choose.html",
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
        return render(request, "core/centre_year.html", context)

    # Computed before the form is bound: binding writes the posted values onto the instance.
    context["figures"] = selectors.figures_for(centre_year, selectors.amounts_of(incomes))
    data = request.POST if request.method == "POST" else None
    form = CentreYearForm(data, instance=centre_year)
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
                return redirect("core:centre_year", year=year)
        elif form_valid and form.cleaned_data["version"] != centre_year.version:
            form.add_error(None, services.centre_year_conflict())
    context.update(form=form, formset=formset)
    return render(request, "core/centre_year.html", context)


def _year_links(year: int) -> dict[str, int | None]:
    return {
        "previous_year": year - 1 if year > FIRST_YEAR else None,
        "next_year": year + 1 if year < LAST_YEAR else None,
    }


# --- E-mails the mail server did not take ---------------------------------------------------------


@role_required(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def mail_failed(request: HttpRequest) -> HttpResponse:
    """The centre's e-mails that failed for good, with "send again" (one or all)."""
    from .mail import mail_retry

    failed = selectors.mail_failed(access=get_access(request))
    if request.method == "POST":
        chosen = failed
        if request.POST.get("mail", "").isdigit():
            chosen = failed.filter(pk=int(request.POST["mail"]))
        count = 0
        for mail in chosen:
            mail_retry(mail=mail)
            count += 1
        messages.success(request, _("%(count)s e-mails will be sent again.") % {"count": count})
        return redirect("core:mail_failed")
    return render(request, "core/mail_failed.html", {"mails": failed[:200]})
