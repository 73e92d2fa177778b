"""The accessibility page claims nothing it cannot show (publicsite/wcag.py): every WCAG 2.1 A
and AA criterion is listed once; one that meets or partly meets names the tests that show it or
the date a person last checked it; a criterion that needs a person's judgement says when it was
checked; each named test exists; and the page shows the evidence beside the status."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from publicsite import wcag

ROOT = Path(settings.BASE_DIR)

# WCAG 2.1's level A and AA success criteria.
WCAG_21_A_AA = """
1.1.1 1.2.1 1.2.2 1.2.3 1.2.4 1.2.5 1.3.1 1.3.2 1.3.3 1.3.4 1.3.5 1.4.1 1.4.2 1.4.3 1.4.4 1.4.5
1.4.10 1.4.11 1.4.12 1.4.13 2.1.1 2.1.2 2.1.4 2.2.1 2.2.2 2.3.1 2.4.1 2.4.2 2.4.3 2.4.4 2.4.5
2.4.6 2.4.7 2.5.1 2.5.2 2.5.3 2.5.4 3.1.1 3.1.2 3.2.1 3.2.2 3.2.3 3.2.4 3.3.1 3.3.2 3.3.3 3.3.4
4.1.1 4.1.2 4.1.3
""".split()


def test_it_lists_each_a_and_aa_criterion_once():
    numbers = [c.number for c in wcag.criteria()]
    assert sorted(numbers) == sorted(WCAG_21_A_AA)
    assert len(numbers) == len(set(numbers)) == 50


def test_nothing_is_claimed_without_a_test_or_a_dated_check():
    for criterion in wcag.criteria():
        if criterion.status == wcag.NOT_APPLICABLE:
            assert not criterion.tests, criterion.number
            continue
        assert criterion.tests or criterion.checked_on, criterion.number
        if criterion.judgement:
            assert criterion.checked_on, criterion.number


def test_every_named_test_exists():
    for criterion in wcag.criteria():
        for node in criterion.tests:
            path, name = node.split("::")
            source = ROOT / path
            assert source.exists(), f"{criterion.number}: {path}"
            assert re.search(rf"^def {name}\(", source.read_text(), re.M), (
                f"{criterion.number}: {node}"
            )


def test_the_page_shows_the_evidence_beside_each_status(client, db):
    page = client.get(reverse("public:accessibility")).content.decode()
    assert "test_every_page.py · test_it_shows_every_page_at_a_desktop_and_a_phone" in page
    assert "Kontrollert av en person" in page
    assert "Trenger en persons skjønn" in page
