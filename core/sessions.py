"""How long a sign-in lasts: staff (coordinators, municipality viewers, site admins) are signed
out after an idle time and an absolute time; volunteers and association contacts get longer
limits. The limits are read from the settings (README: "Configuration")."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from .models import Role

SESSION_AUTH_AT = "frivillig_auth_at"  # when the user signed in (epoch seconds)
SESSION_SEEN_AT = "frivillig_seen_at"  # the last request, to the minute
SESSION_STAFF = "frivillig_staff"  # the staff limits apply
# The last-seen time is written at most this often, so a page view rarely writes the session.
TOUCH_SECONDS = 60

STAFF_ROLES = frozenset({Role.COORDINATOR, Role.MUNICIPALITY})


def is_staff_user(user: Any) -> bool:
    """Coordinators, municipality viewers and site admins: the people who see many persons."""
    return bool(user.role in STAFF_ROLES or user.is_staff or user.is_superuser)


def session_limits(staff: bool) -> tuple[int, int]:
    """(idle seconds, absolute seconds) of a sign-in."""
    if staff:
        return (
            int(settings.STAFF_SESSION_IDLE_HOURS * 3600),
            int(settings.STAFF_SESSION_MAX_HOURS * 3600),
        )
    return (
        int(settings.SESSION_IDLE_DAYS * 86400),
        int(settings.SESSION_MAX_DAYS * 86400),
    )


def session_start(request: HttpRequest, user: Any) -> None:
    """Mark a fresh sign-in (called on Django's user_logged_in signal)."""
    session = getattr(request, "session", None)
    if session is None:
        return
    now = int(time.time())
    staff = is_staff_user(user)
    session[SESSION_AUTH_AT] = now
    session[SESSION_SEEN_AT] = now
    session[SESSION_STAFF] = staff
    session.set_expiry(session_limits(staff)[0])
    mark_recent_sign_in(request)


def mark_recent_sign_in(request: HttpRequest) -> None:
    """A sign-in just completed (password, and the second factor if the user has one) counts as
    a re-authentication for ACCOUNT_REAUTHENTICATION_TIMEOUT: a coordinator is not asked for the
    password again a minute after giving it. allauth keeps its records of this session's
    authentication steps in the session; the latest, made by this sign-in, is marked."""
    from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY

    records = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY)
    if isinstance(records, list) and records and time.time() - records[-1].get("at", 0) < 60:
        records[-1] = {**records[-1], "reauthenticated": True}
        request.session[AUTHENTICATION_METHODS_SESSION_KEY] = records


class SessionLimitsMiddleware:
    """Sign a user out when their sign-in has been idle too long or is older than the absolute
    limit; otherwise slide the idle window (the cookie's and the stored session's expiry)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        session = request.session
        now = int(time.time())
        auth_at = session.get(SESSION_AUTH_AT)
        if auth_at is None:
            # A sign-in from before the limits existed: it starts now.
            session_start(request, user)
            return self.get_response(request)
        idle, absolute = session_limits(bool(session.get(SESSION_STAFF)))
        seen_at = session.get(SESSION_SEEN_AT, auth_at)
        if now - seen_at > idle or now - auth_at > absolute:
            logout(request)
            messages.info(request, _("You were logged out after a while. Please log in again."))
            return redirect_to_login(request.get_full_path())
        if now - seen_at >= TOUCH_SECONDS:
            session[SESSION_SEEN_AT] = now
            if not session.get_expire_at_browser_close():
                session.set_expiry(max(1, min(idle, absolute - (now - auth_at))))
        return self.get_response(request)
