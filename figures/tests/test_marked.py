"""Every number in a figure block carries its figure's key.

A figure block is an element marked `data-figures`: the key-figure lists, the tables of
figures, the dashboard's cards. Inside one, every value cell (`td.num`, `dd`) whose text has a
digit must hold it in an element marked `data-figure="<key>"`, and each key must be a figure
of the catalogue (or a figure's target, percentage of target, part or reported value:
`<key>.<suffix>`). So any number on a figures page can be traced to its definition, and a new
column without a key fails here.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from figures.catalogue import CATALOGUE
from hours.models import HourEntry
from tests.factories import ActivityFactory, ProjectFactory, YearTargetFactory
from volunteers.models import Volunteer

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
DIGIT = re.compile(r"\d")


class _Node:
    def __init__(self, tag: str, attrs: dict, parent: _Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[_Node | str] = []

    def text(self, *, unmarked: bool = False) -> str:
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif not (unmarked and "data-figure" in child.attrs):
                parts.append(child.text(unmarked=unmarked))
        return "".join(parts)

    def walk(self):
        for child in self.children:
            if isinstance(child, _Node):
                yield child
                yield from child.walk()


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.current = _Node("root", {}, None)

    def handle_starttag(self, tag, attrs) -> None:
        node = _Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag) -> None:
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data) -> None:
        self.current.children.append(data)


def _known(key: str) -> bool:
    parts = key.split(".")
    return any(".".join(parts[:n]) in CATALOGUE for n in range(len(parts), 0, -1))


def unmarked_numbers(html: str) -> tuple[list[str], list[str], int]:
    """(cells with a number outside a data-figure element, unknown keys, blocks found)."""
    tree = _Tree()
    tree.feed(html)
    problems, unknown, blocks = [], [], 0
    for block in tree.root.walk():
        if "data-figures" not in block.attrs:
            continue
        blocks += 1
        for node in block.walk():
            if "data-figure" in node.attrs and not _known(node.attrs["data-figure"]):
                unknown.append(node.attrs["data-figure"])
            is_value = node.tag == "dd" or (
                node.tag == "td" and "num" in node.attrs.get("class", "").split()
            )
            if is_value and DIGIT.search(node.text(unmarked=True)):
                problems.append(" ".join(node.text().split()))
    return problems, unknown, blocks


@pytest.fixture
def figures_world(world):
    today = timezone.localdate()
    project = ProjectFactory(centre=world.centre, name="Steg for Steg")
    YearTargetFactory(
        centre=world.centre, project=project, year=today.year, activities=220, volunteer_hours=300
    )
    for n in range(6):
        ActivityFactory(
            centre=world.centre,
            project=project,
            date=today - dt.timedelta(days=20 * n),
            participants=8 + n,
            volunteer_hours=Decimal("3.50"),
        )
    volunteer = Volunteer.objects.system().create(
        centre=world.centre, first_name="Kari", last_name="Nordmann", email="kari@example.org"
    )
    HourEntry.objects.system().create(
        centre=world.centre,
        volunteer=volunteer,
        description="Kafé",
        date=today,
        hours=Decimal("2.25"),
        status=HourEntry.Status.APPROVED,
    )
    return world, project


PAGES = [
    ("coordinator", lambda p: f"{reverse('activities:dashboard')}?project={p.pk}"),
    ("coordinator", lambda p: reverse("activities:project_detail", args=[p.pk])),
    ("coordinator", lambda p: reverse("reports:hours")),
    ("coordinator", lambda p: reverse("reports:overview")),
    ("municipality_viewer", lambda p: reverse("core:home")),
    ("municipality_viewer", lambda p: reverse("reports:overview")),
    ("coordinator", lambda p: reverse("reports:years")),
    ("municipality_viewer", lambda p: reverse("reports:years")),
    (None, lambda p: reverse("public:centre", args=[p.centre.slug])),
    (None, lambda p: reverse("public:figures", args=[p.centre.slug])),
]


@pytest.mark.parametrize(("role", "path"), PAGES)
def test_every_number_in_a_figure_block_carries_its_key(client, figures_world, role, path):
    world, project = figures_world
    if role:
        client.force_login(getattr(world, role))
    response = client.get(path(project), follow=True)
    assert response.status_code == 200
    problems, unknown, blocks = unmarked_numbers(response.content.decode())
    assert blocks, "no figure block on the page"
    assert problems == []
    assert unknown == []


def test_the_check_finds_an_unmarked_number():
    html = (
        '<table data-figures><tr><th>2025</th><td class="num"><span data-figure="'
        'activities.held">12</span></td><td class="num">7</td></tr></table>'
        '<dl data-figures><dt>x</dt><dd><span data-figure="nope.key">3</span></dd></dl>'
    )
    assert unmarked_numbers(html) == (["7"], ["nope.key"], 2)
