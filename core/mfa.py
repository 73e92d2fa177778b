"""Two-factor sign-in for the roles that see many persons (allauth.mfa does the factors:
authenticator apps, passkeys and security keys, recovery codes).

`settings.MFA_REQUIRED_ROLES` names the roles that must have a second factor (by default, with
DEBUG off: coordinators, municipality viewers and site admins). A user of such a role without
one is sent to enrol at their first request after it became required, and may do nothing else
(the admin included) until they have.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# Set once the user is known to have a second factor, so pages ask the database only once.
SESSION_ENROLLED = "frivillig_mfa_enrolled"


def role_key(user: Any) -> str:
    """The user's role as MFA_REQUIRED_ROLES names it ("site_admin" for the admin's users)."""
    if user.is_staff or user.is_superuser:
        return "site_admin"
    return str(user.role or "")


def mfa_required_for(user: Any) -> bool:
    """Whether `user`'s role must sign in with a second factor."""
    required = set(settings.MFA_REQUIRED_ROLES)
    return bool(required) and (
        role_key(user) in required or (bool(user.role) and user.role in required)
    )


def has_second_factor(user: Any) -> bool:
    """An authenticator app or a passkey/security key (recovery codes alone do not count)."""
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()


def _exempt(path: str) -> bool:
    """Pages a user without a second factor may still open: sign-in and enrolment themselves,
    the language switch, static files and the health check."""
    prefixes = (
        reverse("account_login").rsplit("/", 2)[0] + "/",  # /accounts/: allauth, mfa included
        "/i18n/",
        "/" + settings.STATIC_URL.lstrip("/"),
        "/healthz",
    )
    return path.startswith(prefixes)


class MFARequiredMiddleware:
    """Send a signed-in user whose role needs two-factor sign-in, and who has no second factor,
    to enrol an authenticator app before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and settings.MFA_REQUIRED_ROLES
            and not request.session.get(SESSION_ENROLLED)
            and mfa_required_for(user)
            and not _exempt(request.path_info)
        ):
            if has_second_factor(user):
                request.session[SESSION_ENROLLED] = True
            else:
                messages.warning(
                    request,
                    _(
                        "Your role needs two-factor sign-in. Set up an authenticator app to "
                        "continue (a passkey or security key can be added afterwards)."
                    ),
                )
                return redirect(f"{reverse('mfa_activate_totp')}?next={request.get_full_path()}")
        return self.get_response(request)
