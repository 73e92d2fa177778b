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
from django.utils.translation import gettext_lazy as _

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
    """A paperwork print template as a tagged PDF (PDF/UA-1) with the paperwork's own CSS."""
    from weasyprint import HTML

    html = render_to_string(template, {**context, "print_css": PRINT_CSS.as_uri()})
    document = HTML(string=html, base_url=str(STATIC_DIR)).render(
        pdf_tags=True, pdf_variant="pdf/ua-1"
    )
    return document.write_pdf(pdf_tags=True, pdf_variant="pdf/ua-1")


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
