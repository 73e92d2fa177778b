"""WCAG 2.1 2.4.4 and 3.2.4: on each role's start page one link text leads to one place (two
different pages both called "Frivillige timer" were one of the audit's findings)."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from django.urls import reverse

LINK = re.compile(r'<a\b[^>]*\bhref="([^"]*)"[^>]*>(.*?)</a>', re.S)


def _links(html: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for href, inner in LINK.findall(html):
        name = " ".join(re.sub(r"<[^>]+>", " ", inner).split())
        # The same page with a different year or filter is the same place.
        found[name].add(href.split("#")[0].split("?")[0])
    return found


@pytest.mark.parametrize("role", ["coordinator", "association", "municipality_viewer"])
def test_one_link_name_leads_to_one_place(world, login, role):
    html = login(getattr(world, role)).get(reverse("core:home")).content.decode()
    links = _links(html)
    assert links, "no links on the start page"
    shared = {name: hrefs for name, hrefs in links.items() if name and len(hrefs) > 1}
    assert not shared, shared
