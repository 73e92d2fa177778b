"""The cooperation app's place in the menu (registered in apps.py)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from core.permissions import Access
from core.startpage import NavItem


def nav(request: HttpRequest, access: Access) -> list[NavItem]:
    if access.is_coordinator or access.is_association or access.is_municipality:
        return [NavItem(_("Cooperation"), reverse("cooperation:partnerships"), 50, "/cooperation/")]
    return []
