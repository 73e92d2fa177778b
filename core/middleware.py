import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control

# Public URLs that name a centre by its short name (`slug`): their pages speak the centre's
# default language to a visitor who has not chosen one.
CENTRE_NAMESPACES = frozenset({"public", "volunteers"})
CENTRE_QUERY_VIEWS = frozenset({"organisations:directory", "organisations:directory_export"})
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,50}")


def centre_language(request: HttpRequest) -> str | None:
    """The default language of the centre a public URL names (one query), else None."""
    from django.urls import Resolver404, resolve

    from .models import Centre

    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.namespace in CENTRE_NAMESPACES:
        slug = match.kwargs.get("slug")
    elif match.view_name in CENTRE_QUERY_VIEWS:
        # The directory of one centre (linked from its front page) names it in `?centre=`.
        slug = request.GET.get("centre")
    else:
        return None
    # Only a short name can name a centre (and PostgreSQL refuses a NUL in a query).
    if not isinstance(slug, str) or not SLUG.fullmatch(slug):
        return None
    return Centre.objects.filter(slug=slug).values_list("default_language", flat=True).first()


class LanguageCookieMiddleware:
    """Activate the language chosen with the language switch, else the default language of
    the centre a public page belongs to (a nynorsk municipality's centre speaks nynorsk),
    else Norwegian bokmål.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language header on
    purpose: the product is Norwegian first, and English is a choice the user makes.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported:
            language = centre_language(request)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
        return response


class PrivateCacheMiddleware:
    """Mark every response to a signed-in user `Cache-Control: private, no-store`.

    Pages behind the login hold personal data (volunteers, contact people): no browser cache,
    proxy or back-button history may keep a copy after the user signs out.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class ScopeMiddleware:
    """Enter the request's scope once: while the view runs, a query of a centre-owned model that
    is not scoped raises (see `core.scopes` and `core.permissions`). The user's centres are
    read from their Access only when `for_centre` needs them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from .permissions import get_access
        from .scopes import request_scope

        if settings.SCOPE_GUARD == "off":
            return self.get_response(request)

        def centre_ids() -> frozenset[int] | None:
            # Users with a centre role are held to their centres. Public pages (sign-up at a
            # centre named in the URL), a person accepting an invitation before they have a
            # role, and the site admin act in the centre their checked row names.
            access = get_access(request)
            return access.centre_ids if access.centre_ids and not access.is_site_admin else None

        with request_scope(centre_ids):
            return self.get_response(request)


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """`{"camera": [], "publickey-credentials-get": ["self"]}` as the header's text:
    `camera=(), publickey-credentials-get=(self)`."""

    def allowlist(origins: list[str]) -> str:
        return " ".join(origin if origin in {"self", "*"} else f'"{origin}"' for origin in origins)

    return ", ".join(f"{feature}=({allowlist(origins)})" for feature, origins in policy.items())


class PermissionsPolicyMiddleware:
    """Send `Permissions-Policy` on every response: the browser features Frivillig does not
    use are denied to every page and every frame (settings.PERMISSIONS_POLICY)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = permissions_policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
