"""The public figures: the front page, the About the figures page and the open API show the
figures engine's numbers with the catalogue's words, every number marked with its key.

The regression of issue "One figures engine" (points 1 and 5): the front page said 1 185
volunteer hours (hours on activities only) and the API "1185.00", where every report said
1 771 (with the hours the volunteers logged themselves)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from figures import catalogue, engine
from hours.models import HourEntry
from tests import factories as f
from volunteers.tests.factories import HourEntryFactory

PUBLISHED = [figure.key for figure in catalogue.published()]
PARTS = ["volunteer_hours.on_activities", "volunteer_hours.own"]


class Figures(HTMLParser):
    """The numbers of a page: each `data-figure` element's key and text, and the value cells
    (a figure list's <dd>, a table's numeric <td>) that hold no data-figure element."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.marked: list[tuple[str, str]] = []
        self.unmarked_cells = 0
        self._open: list[list] = []  # [key, text, depth] of open data-figure elements
        self._cells: list[list] = []  # [tag, has a data-figure inside]
        self._depth = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "dd" or (tag == "td" and "num" in (attributes.get("class") or "").split()):
            self._cells.append([tag, False])
        if "data-figure" in attributes:
            assert not self._open, "a data-figure element inside another"
            self._open.append([attributes["data-figure"], "", self._depth])
            for cell in self._cells:
                cell[1] = True
        self._depth += 1

    def handle_endtag(self, tag):
        self._depth -= 1
        if self._open and self._open[-1][2] == self._depth:
            key, text, _depth = self._open.pop()
            self.marked.append((key, text))
        if tag in {"dd", "td"} and self._cells and self._cells[-1][0] == tag:
            _tag, marked = self._cells.pop()
            self.unmarked_cells += not marked

    def handle_data(self, data):
        for element in self._open:
            element[1] += data

    def text(self, key: str) -> list[str]:
        return [text for marked_key, text in self.marked if marked_key == key]


def _hours_world(centre, *, size: int = 1) -> None:
    """1 185 volunteer hours on activities and 586 approved own hours this year (1 771 in
    total), with hours that must not count: pending, another centre's, a cancelled activity's.
    `size` adds that many more activities, volunteers, hour entries and associations, each
    without hours, so the totals stay the same at every data size."""
    today = timezone.localdate()
    project = f.ProjectFactory(centre=centre)
    for hours in (Decimal("400.00"), Decimal("400.00"), Decimal("385.00")):
        f.ActivityFactory(project=project, date=today, volunteer_hours=hours, participants=10)
    f.ActivityFactory(project=project, date=today, volunteer_hours=99, cancelled=True)
    volunteer = f.VolunteerFactory(centre=centre, approved_on=today)
    HourEntryFactory(volunteer=volunteer, date=today, hours=Decimal("300.0"))
    HourEntryFactory(volunteer=volunteer, date=today, hours=Decimal("286.0"))
    HourEntryFactory(
        volunteer=volunteer, date=today, hours=Decimal("50.0"), status=HourEntry.Status.PENDING
    )
    elsewhere = f.VolunteerFactory(centre=f.CentreFactory(), approved_on=today)
    HourEntryFactory(volunteer=elsewhere, date=today, hours=Decimal("1000.0"))
    for n in range(size):
        f.ActivityFactory(project=project, date=today, volunteer_hours=0, participants=1)
        other = f.VolunteerFactory(centre=centre, approved_on=today)
        HourEntryFactory(volunteer=other, date=today, status=HourEntry.Status.PENDING)
        f.OrganisationFactory(centre=centre, name=f"Lag {n}")


def _official(centre, key: str):
    today = timezone.localdate()
    figures = engine.compute(engine.Scope.public(centre), years=[today.year], today=today)
    return figures.get(key, today.year)


def test_it_shows_the_engines_hours_in_total_on_every_public_surface(client, world, settings):
    settings.PUBLIC_API_RATE_PER_MINUTE = 100_000
    centre = world.centre
    _hours_world(centre)
    assert _official(centre, "volunteer_hours.total") == Decimal("1771.00")
    slug = centre.slug
    with translation.override("nb"):
        total = catalogue.format_value("volunteer_hours.total", Decimal("1771"))
    assert total == "1\xa0771,0"

    for name in ("public:centre", "public:figures"):
        page = Figures(client.get(reverse(name, args=[slug])).content.decode())
        assert page.text("volunteer_hours.total") == [total], name
        assert page.text("volunteer_hours.on_activities") == ["1\xa0185,0"], name
        assert page.text("volunteer_hours.own") == ["586,0"], name
        assert page.text("fte.total") == ["1,04"], name  # 1 771 / 1 695

    body = client.get(reverse("api:centre_figures", kwargs={"slug": slug})).json()
    assert body["volunteer_hours_total"] == 1771.0
    assert body["volunteer_hours"] == 1771.0  # the old field: no longer the activities' hours
    assert body["volunteer_hours_on_activities"] == 1185.0
    assert body["volunteer_hours_own"] == 586.0
    assert body["fte_total"] == 1.04


def test_it_has_no_figures_on_the_embeddable_list(client, world):
    _hours_world(world.centre)
    page = Figures(client.get(reverse("public:embed", args=[world.centre.slug])).content.decode())
    assert page.marked == []
    assert "1\xa0185" not in page.rawdata and "1185" not in page.rawdata


@pytest.mark.parametrize("name", ["public:centre", "public:figures"])
def test_it_marks_every_published_figure_with_its_key(client, world, name):
    _hours_world(world.centre)
    page = Figures(client.get(reverse(name, args=[world.centre.slug])).content.decode())
    assert sorted(key for key, _text in page.marked) == sorted(PUBLISHED)
    assert page.unmarked_cells == 0
    today = timezone.localdate()
    figures = engine.compute(engine.Scope.public(world.centre), years=[today.year], today=today)
    with translation.override("nb"):
        for key, text in page.marked:
            assert text == catalogue.format_value(key, figures.get(key, today.year)), key


def test_it_labels_the_hours_parts_as_parts_of_the_total(client, world, settings):
    _hours_world(world.centre)
    url = reverse("public:centre", args=[world.centre.slug])
    for language, part in (("nb", "en del av totalen"), ("nn", "ein del av totalen")):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        html = client.get(url).content.decode()
        total_at = html.index('data-figure="volunteer_hours.total"')
        with translation.override(language):
            for key in PARTS:
                label = str(catalogue.definition(key).label)
                at = html.index(f'{label} <span class="public-figures__part">({part})</span>')
                assert total_at < at < html.index(f'data-figure="{key}"')
            assert str(catalogue.definition("volunteer_hours.total").label) in html


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_it_defines_every_published_figure_on_the_about_page(client, world, language, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse("public:figures", args=[world.centre.slug])).content.decode()
    assert f'<html lang="{language}">' in html
    with translation.override(language):
        for figure in catalogue.published():
            row = html[html.index(f'<tr id="{figure.key}">') :]
            row = row[: row.index("</tr>")]
            assert f'<th scope="row">{figure.label}</th>' in row
            assert str(figure.note).replace("'", "&#x27;") in row
            period = {"during": "During the year", "end": "At the end of the year"}
            assert translation.gettext(period[figure.period]) in row
    assert html.count('<th scope="col"') == 5
    assert "<h1>" in html and "<h2 " in html


def test_it_links_the_about_page_from_the_front_page_and_the_api(client, world):
    about = reverse("public:figures", args=[world.centre.slug])
    front = client.get(reverse("public:centre", args=[world.centre.slug])).content.decode()
    assert f'href="{about}"' in front
    document = client.get("/api/v1/openapi.json").json()
    assert "/c/{slug}/figures/" in document["info"]["description"]
    body = client.get(reverse("api:centre_figures", kwargs={"slug": world.centre.slug})).json()
    assert body["about"].endswith(about)


def test_it_shows_an_earlier_year_and_ignores_a_year_not_begun(client, world):
    today = timezone.localdate()
    project = f.ProjectFactory(centre=world.centre)
    f.ActivityFactory(project=project, date=dt.date(today.year - 1, 6, 1), volunteer_hours=12)
    url = reverse("public:figures", args=[world.centre.slug])
    last_year = Figures(client.get(url, {"year": today.year - 1}).content.decode())
    assert last_year.text("volunteer_hours.total") == ["12,0"]
    for year in (today.year + 1, "x", "99999"):
        page = Figures(client.get(url, {"year": year}).content.decode())
        assert page.text("volunteer_hours.total") == ["0,0"], year


@pytest.mark.parametrize("size", [1, 25])
def test_it_reads_the_public_figures_in_fixed_queries(
    client, world, size, django_assert_num_queries, settings
):
    settings.PUBLIC_API_RATE_PER_MINUTE = 100_000
    _hours_world(world.centre, size=size)
    slug = world.centre.slug
    for url, queries in (
        (reverse("public:centre", args=[slug]), 13),
        (reverse("public:figures", args=[slug]), 8),
        (reverse("api:centre_figures", kwargs={"slug": slug}), 8),
    ):
        client.get(url)
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200, url
