from typing import Any

from django.http import HttpRequest

from .permissions import get_access
from .startpage import nav_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    access = get_access(request)
    return {"access": access, "nav_items": nav_for(request, access) if access.user_id else []}
