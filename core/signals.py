"""Record logins, logouts and failed logins (Django's auth signals are the supported hook)."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from .http import client_ip
from .models import AuthEvent


def _client(request: HttpRequest | None) -> dict[str, Any]:
    if request is None:
        return {}
    return {
        "ip_address": client_ip(request),
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200],
    }


@receiver(user_logged_in)
def record_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    AuthEvent.objects.create(
        user=user, email=user.email, kind=AuthEvent.Kind.LOGIN, **_client(request)
    )


@receiver(user_logged_out)
def record_logout(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        AuthEvent.objects.create(
            user=user, email=user.email, kind=AuthEvent.Kind.LOGOUT, **_client(request)
        )


@receiver(user_login_failed)
def record_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    email = str(credentials.get("email") or credentials.get("username") or "")[:254]
    AuthEvent.objects.create(email=email, kind=AuthEvent.Kind.LOGIN_FAILED, **_client(request))
