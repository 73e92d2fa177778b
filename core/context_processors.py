from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .permissions import get_access
from .startpage import nav_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    access = get_access(request)
    return {
        "access": access,
        "nav_items": nav_for(request, access) if access.user_id else [],
        "accessibility_statement_url": settings.ACCESSIBILITY_STATEMENT_URL,
        # ID-porten and Ansattporten, where configured (core.eid).
        "eid_providers": settings.SOCIALACCOUNT_PROVIDERS.get("eid", {}).get("APPS", []),
        # The language switch names each language in itself.
        "language_choices": [(code, LANGUAGE_NAMES.get(code, code)) for code in LANGUAGE_CODES],
    }


LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
