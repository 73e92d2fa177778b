from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import selectors, services
from .forms import CentrePublicForm
from .http import AuthenticatedHttpRequest
from .models import Municipality, Role
from .permissions import get_access, own_centre, role_required, signed_in_required
from .startpage import cards_for, panels_for, user_centres, work_for


@signed_in_required
def account(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's own account: password, two-factor sign-in, and signing out everywhere."""
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount

    from .mfa import mfa_required_for
    from .sessions import SESSION_AUTH_AT, SESSION_STAFF, session_limits

    idle, absolute = session_limits(bool(request.session.get(SESSION_STAFF)))
    linked = set(SocialAccount.objects.filter(user=request.user).values_list("provider", flat=True))
    role = request.user.role
    eids = [
        {**app, "linked": app["provider_id"] in linked}
        for app in settings.SOCIALACCOUNT_PROVIDERS.get("eid", {}).get("APPS", [])
        if role in app["settings"].get("roles", [])
    ]
    return render(
        request,
        "core/account.html",
        {
            "factors": list(
                Authenticator.objects.filter(user=request.user).values_list("type", flat=True)
            ),
            "mfa_required": mfa_required_for(request.user),
            "idle_hours": round(idle / 3600, 1),
            "absolute_hours": round(absolute / 3600, 1),
            "signed_in_at": request.session.get(SESSION_AUTH_AT),
            "eids": eids,
        },
    )


@signed_in_required
@require_http_methods(["POST"])
def sign_out_everywhere(request: AuthenticatedHttpRequest) -> HttpResponse:
    """End every session of the user, on every device (this one too), then the login page."""
    count = services.user_sign_out_everywhere(actor=get_access(request))
    logout(request)
    messages.success(
        request,
        ngettext(
            "You were logged out of %(count)d session, on every device.",
            "You were logged out of %(count)d sessions, on every device.",
            count,
        )
        % {"count": count},
    )
    return redirect("account_login")


@signed_in_required
def home(request: HttpRequest) -> HttpResponse:
    """The start page: what the user's role can do, with figures and links."""
    access = get_access(request)
    context = {
        "cards": cards_for(request, access),
        "work": work_for(request, access),
        "panels": panels_for(request, access),
        "centres": user_centres(request, access),
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
        # One attempt: a broker that refuses the connection is down now, and the health check
        # answers at once rather than after a retry's pause (load balancers wait 2-5 s).
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=0, timeout=2)
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


@role_required(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def centre_public(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The centre's public face: whether new activities start public, and its description."""
    centre = own_centre(request)
    form = CentrePublicForm(request.POST or None, instance=centre)
    if request.method == "POST" and form.is_valid():
        services.centre_public_update(
            actor=get_access(request),
            centre=centre,
            **{name: form.cleaned_data[name] for name in form.changed_data},
        )
        messages.success(request, _("The centre's public settings were saved."))
        return redirect("core:centre_public")
    return render(request, "core/centre_public.html", {"form": form, "centre": centre})


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
