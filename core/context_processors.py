from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import lazy
from django.utils.html import format_html

from .models import District
from .permissions import Access, get_access
from .startpage import nav_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    access = get_access(request)
    return {
        "access": access,
        # The district filter every municipality page carries (base.html).
        "municipality_districts": municipality_districts(access),
        # The district a municipality viewer reads, for the page's own forms and downloads to
        # keep (`{{ district_input }}` in a GET form, `{{ district_query }}` after a link's ?).
        **district_kept(access),
        "nav_items": nav_for(request, access) if access.user_id else [],
        "accessibility_statement_url": settings.ACCESSIBILITY_STATEMENT_URL,
        # How often a part that updates itself (a running report or import) asks again.
        "live_update_ms": settings.LIVE_UPDATE_MS,
        # ID-porten and Ansattporten, where configured (core.eid).
        "eid_providers": settings.SOCIALACCOUNT_PROVIDERS.get("eid", {}).get("APPS", []),
        # The language switch names each language in itself.
        "language_choices": [(code, LANGUAGE_NAMES.get(code, code)) for code in LANGUAGE_CODES],
    }


LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def municipality_districts(access: Access) -> list[District]:
    """The districts a municipality viewer's pages can be narrowed to (those of its centres;
    none for other roles), for the district filter on every page the viewer reads: one query,
    only when the municipality's centres belong to districts."""
    if not access.is_municipality or not access.district_ids:
        return []
    return list(District.objects.filter(pk__in=access.district_ids))


def district_kept(access: Access) -> dict[str, Any]:
    """`district_input` (a hidden field) and `district_query` ("district=<id>", with
    `district_amp`: "&district=<id>") while a municipality viewer reads one district; empty
    otherwise."""
    if not access.is_municipality or access.district_id is None:
        return {"district_input": "", "district_query": "", "district_amp": ""}
    query = f"district={int(access.district_id)}"
    return {
        "district_input": format_html(
            '<input type="hidden" name="district" value="{}">', access.district_id
        ),
        "district_query": query,
        "district_amp": f"&{query}",
    }


def _user_content_language(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.centre_id:
        return "nb"
    # The login backends load the centre with the user (core/backends.py): no query.
    return str(user.centre.content_language)


# Made once: `lazy()` builds a proxy class on each call, which costs more than the rest of
# the context processors together.
_lazy_user_content_language = lazy(_user_content_language, str)


def content_language(request: HttpRequest) -> dict[str, Any]:
    """`content_language`: the language the signed-in user's centre writes its texts in (see
    `Centre.content_language`); a municipality viewer's centres and the public pages (which
    put their `centre` in the context) are read by `{% written %}` itself. Lazy: a page that
    shows no written text asks nothing."""
    return {"content_language": _lazy_user_content_language(request)}
