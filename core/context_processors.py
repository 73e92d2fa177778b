from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import lazy

from .permissions import get_access
from .startpage import nav_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    access = get_access(request)
    return {
        "access": access,
        "nav_items": nav_for(request, access) if access.user_id else [],
        "accessibility_statement_url": settings.ACCESSIBILITY_STATEMENT_URL,
        # The language switch names each language in itself.
        "language_choices": [(code, LANGUAGE_NAMES.get(code, code)) for code in LANGUAGE_CODES],
    }


LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def content_language(request: HttpRequest) -> dict[str, Any]:
    """`content_language`: the language the signed-in user's centre writes its texts in (see
    `Centre.content_language`); a municipality viewer's centres and the public pages (which
    put their `centre` in the context) are read by `{% written %}` itself. Lazy: a page that
    shows no written text asks nothing."""

    def language() -> str:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.centre_id:
            return "nb"
        # The login backends load the centre with the user (core/backends.py): no query.
        return str(user.centre.content_language)

    return {"content_language": lazy(language, str)()}
