"""Record logins, logouts and failed logins in the audit trail (Django's auth signals are the
supported hook)."""

from typing import Any

from allauth.account.signals import user_logged_in as allauth_logged_in
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from .audit import log_action
from .http import client_ip
from .models import AuditEvent
from .sessions import session_start


def _client(request: HttpRequest | None, email: str) -> dict[str, Any]:
    data: dict[str, Any] = {"email": email}
    if request is not None:
        data["ip"] = client_ip(request)
        data["user_agent"] = request.META.get("HTTP_USER_AGENT", "")[:200]
    return data


def _record(action: str, user: Any, request: HttpRequest | None, email: str) -> None:
    log_action(
        actor=user,
        action=action,
        obj=user,
        centre=getattr(user, "centre_id", None),
        data=_client(request, email),
        source=AuditEvent.Source.WEB,
    )


@receiver(user_logged_in)
def record_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    _record("auth.login", user, request, user.email)
    if request is not None:
        session_start(request, user)


@receiver(user_logged_out)
def record_logout(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        _record("auth.logout", user, request, user.email)


@receiver(user_login_failed)
def record_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    email = str(credentials.get("email") or credentials.get("username") or "")[:254]
    _record("auth.login_failed", None, request, email)


@receiver(allauth_logged_in)
def remember_electronic_id(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """After a sign-in through ID-porten or Ansattporten, logout must end that session too."""
    from .eid.adapter import remember_for_logout

    remember_for_logout(request, kwargs.get("sociallogin"))
