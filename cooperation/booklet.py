"""The booklet of a centre's published stories as a tagged, archivable PDF (the one renderer,
core.pdf: PDF/A-2a claiming PDF/UA-1, the print stylesheet and font the reports use)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.models import Centre
from core.pdf import html_to_pdf

from . import selectors

STATIC_DIR = Path(settings.BASE_DIR) / "static"
PRINT_CSS = STATIC_DIR / "css" / "print.css"


def booklet_html(centre: Centre, *, language: str = "nb") -> tuple[str, int]:
    """The booklet's HTML and the number of stories in it."""
    stories = list(selectors.published_stories(centres=[centre]))
    with translation.override(language):
        html = render_to_string(
            "cooperation/pdf/booklet.html",
            {
                "centre": centre,
                "stories": stories,
                "print_css": PRINT_CSS.as_uri(),
                "generated_at": timezone.localtime(),
                "LANGUAGE_CODE": language,
            },
        )
    return html, len(stories)


def render_booklet(centre: Centre, *, language: str = "nb") -> tuple[bytes, int]:
    html, count = booklet_html(centre, language=language)
    return html_to_pdf(html, base_url=str(STATIC_DIR)), count
