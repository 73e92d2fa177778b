"""System checks of the production settings (`manage.py check --deploy`, run by CI)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def accessibility_statement_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """A public service in Norway must link its accessibility statement (uustatus) from every
    page; without the address the footer has nothing to link, so production refuses it."""
    if settings.DEBUG or settings.ACCESSIBILITY_STATEMENT_URL:
        return []
    return [
        Error(
            "ACCESSIBILITY_STATEMENT_URL is empty.",
            hint=(
                "Set it to the municipality's accessibility statement in uustatus "
                "(https://uustatus.no/...); every page links it in the footer."
            ),
            id="frivillig.E001",
        )
    ]
