"""Small rules over every template, from the universal design audit (#27): a form never says
`action=""` (an empty URL is invalid HTML; leave it out to post to the page itself), and a
`tel:` link is written with `|tel_href`, so the number shown with spaces is dialled without."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def _templates() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html"))


def test_no_form_has_an_empty_action():
    bad = [str(p.relative_to(TEMPLATES)) for p in _templates() if 'action=""' in p.read_text()]
    assert not bad, bad


def test_tel_links_go_through_tel_href():
    bad = [
        str(p.relative_to(TEMPLATES))
        for p in _templates()
        if re.search(r'href="tel:\{\{', p.read_text())
    ]
    assert not bad, bad
