"""Demo narratives for the reports: last year's annual evaluation and the project's final
report, so the preview and the PDF show real text. Idempotent (looked up by natural key)."""

from __future__ import annotations

import datetime as dt

from core.models import Centre
from projects.models import Project
from reports.models import Narrative, ReportKind

ANNUAL = (
    "Året var preget av stor aktivitet. Felleslunsjene samlet faste deltakere hver uke, "
    "og turgruppa fikk mange nye deltakere om høsten.\n\n"
    "Vi vil særlig trekke fram:\n\n"
    "- Samarbeidet med Sanitetsforeningen om lunsjene\n"
    "- Flere unge frivillige gjennom skolene\n"
    "- Ny leksehjelp i biblioteket\n\n"
    "Målet om antall aktiviteter ble nådd. Neste år vil vi arbeide for å nå flere "
    "i målgruppen."
)

FINAL = {
    "goals": "Prosjektet skal gi voksne i rehabilitering en meningsfull hverdag gjennom faste "
    "aktiviteter og en tidgiver å møte.",
    "effect": "De fleste deltakerne sier at de har nådd hovedmålene de satte seg ved oppstart.",
    "reach": "Vi nådde færre enn planlagt, men de som kom, kom igjen.",
    "method": "1. Kartleggingssamtale\n2. Kobling med tidgiver\n3. Oppfølgingssamtaler",
    "results": "Aktivitetsmålet ble nådd begge år.",
    "summary": "Tiltaket videreføres i sentralens ordinære drift.",
}


def seed_reports(*, centre: Centre, today: dt.date) -> None:
    Narrative.objects.get_or_create(
        centre=centre,
        kind=ReportKind.ANNUAL,
        year=today.year - 1,
        project=None,
        defaults={"evaluation": ANNUAL, "is_draft": False},
    )
    project = Project.objects.filter(centre=centre, slug="steg-for-steg").first()
    if project is not None:
        Narrative.objects.get_or_create(
            centre=centre, kind=ReportKind.FINAL, year=0, project=project, defaults=FINAL
        )
