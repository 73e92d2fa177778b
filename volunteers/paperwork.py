"""The volunteer's paperwork as PDFs (WeasyPrint, as reports.rendering does): the police
certificate purpose letter ("bekreftelse på formål"), and `print_pdf`, which the volunteer
certificate uses too (reports.paperwork: it reads the volunteer's hours from the figures engine,
which sits above this app)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.pdf import html_to_pdf

from .models import Volunteer

STATIC_DIR = Path(settings.BASE_DIR) / "static"
PRINT_CSS = STATIC_DIR / "css" / "paperwork.css"

# The legal bases a volunteer centre's tasks most often rest on; the coordinator may also write
# another.
LEGAL_BASES = {
    "children": _(
        "The Police Registers Act section 39 (1), cf. the Police Registers Regulations section "
        "34-1: tasks that involve children or young people under 18 in a voluntary organisation."
    ),
    "care": _(
        "The Health and Care Services Act section 5-4 a: tasks in the municipal health and care "
        "services with children or people with intellectual disabilities."
    ),
}


def print_pdf(template: str, context: dict[str, Any]) -> bytes:
    """A paperwork print template with the paperwork's own CSS, as the reports are printed
    (core.pdf: tagged PDF/A-2a and PDF/UA-1)."""
    html = render_to_string(
        template,
        {
            "LANGUAGE_CODE": (get_language() or "nb")[:2],
            **context,
            "print_css": PRINT_CSS.as_uri(),
        },
    )
    return html_to_pdf(html, base_url=str(STATIC_DIR))


@dataclass(frozen=True)
class PurposeLetter:
    volunteer: Volunteer
    task: str
    legal_basis: str
    signer_name: str
    signer_title: str


def police_letter_pdf(letter: PurposeLetter) -> bytes:
    return print_pdf(
        "volunteers/pdf/police_letter.html",
        {
            "letter": letter,
            "volunteer": letter.volunteer,
            "centre": letter.volunteer.centre,
            "today": timezone.localdate(),
        },
    )
