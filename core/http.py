"""The client's address, the same for rate limits and for what we record; the request types
views are annotated with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from core.models import User


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it."""

    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """The request of a view behind `role_required` (or `signed_in_required`): its user is
    signed in, since the gate sent everyone else to the login page."""

    user: User


def client_ip(request: HttpRequest) -> str | None:
    """The address of the visitor, or None when it cannot be told.

    Behind `TRUSTED_PROXY_COUNT` reverse proxies (settings) the address is the one that many
    places from the right in `X-Forwarded-For`, the last one added by a proxy we trust; with
    no trusted proxy the header is ignored (anybody can send it) and the address is the
    connection's. allauth decides this for its login rate limits
    (`ALLAUTH_TRUSTED_PROXY_COUNT`); asking its adapter keeps every count and record on the
    same address.
    """
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:  # no address, or one that is not an IP address
        return None


def over_rate(key: str, *, limit: int, window: int) -> bool:
    """Count one request under `key` in the cache for `window` seconds; True when the count
    is over `limit` (the sign-up form's and the open API's rate limit)."""
    from django.core.cache import cache

    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit
