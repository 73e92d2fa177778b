"""A district filter on every page a municipality viewer reads: `?district=<id>` narrows the
viewer's centres to the district's (core.permissions.get_access), and each HTML page carries
the filter with the district chosen."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from conftest import module_rows
from core.models import District
from core.permissions import access_for_user
from tests.factories import north_and_south
from tests.test_url_permissions import KWARG_SOURCES, PATTERNS, Objects, _url_name

# Documents are not laid out here (conftest.pdfs_not_laid_out): who gets what answer is.
pytestmark = pytest.mark.usefixtures("pdfs_not_laid_out")

MUNICIPALITY_PAGES = [
    (ns, p)
    for ns, p, _route in PATTERNS
    if "municipality" in getattr(p.callback, "allowed_roles", ())
]


@pytest.fixture
def world(shared_world, db):
    """Every test of the module reads one world and its objects, written once (the two tests
    per page wrote them for each page)."""
    return shared_world


@pytest.fixture(scope="module")
def objects(shared_world, django_db_blocker) -> Objects:
    with module_rows(django_db_blocker):
        return Objects(shared_world)


@pytest.fixture(scope="module")
def districts(shared_world, django_db_blocker):
    with module_rows(django_db_blocker):
        return north_and_south(shared_world)


def test_there_are_municipality_pages_to_filter():
    assert len(MUNICIPALITY_PAGES) >= 10


def test_a_district_narrows_the_viewers_centres_to_the_districts(world, districts):
    whole = access_for_user(world.municipality_viewer)
    north = access_for_user(world.municipality_viewer, district=districts["north"].pk)
    assert whole.centre_ids == {world.centre.pk, world.sibling_centre.pk}
    assert north.centre_ids == {world.sibling_centre.pk}
    assert north.district_id == districts["north"].pk
    # Another municipality's district narrows nothing.
    foreign = District.objects.create(municipality=world.other_municipality, name="Annen")
    assert access_for_user(world.municipality_viewer, district=foreign.pk) == whole
    assert whole.district_ids == {districts["north"].pk, districts["south"].pk}
    # Other roles are never narrowed by the parameter.
    assert access_for_user(world.coordinator, district=None).centre_ids == {world.centre.pk}


def test_the_overview_of_a_district_shows_only_its_centres(world, login, districts):
    client = login(world.municipality_viewer)
    url = reverse("reports:overview")
    whole = client.get(url).content.decode()
    assert world.centre.name in whole and world.sibling_centre.name in whole
    north = client.get(url, {"district": districts["north"].pk}).content.decode()
    assert world.sibling_centre.name in north
    assert world.centre.name not in north.replace("Nordbyen", "")


class _FormsAndDownloads(HTMLParser):
    """The GET forms of a page (their field names) and its download links."""

    DOWNLOAD = re.compile(r"(export|download|\.csv|\.xlsx|\.pdf|/pdf/|/csv/)", re.IGNORECASE)

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self.downloads: list[str] = []
        self._form: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self._form = {
                "method": (attributes.get("method") or "get").lower(),
                "action": attributes.get("action") or "",
                "names": set(),
                "aria": attributes.get("aria-label", ""),
            }
            self.forms.append(self._form)
        elif tag in {"input", "select", "textarea", "button"} and self._form is not None:
            if attributes.get("name"):
                self._form["names"].add(attributes["name"])
        elif tag == "a":
            href = attributes.get("href") or ""
            if href.startswith("/") and self.DOWNLOAD.search(href.split("?")[0]):
                self.downloads.append(href)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


@pytest.mark.parametrize(
    ("namespace", "pattern"), MUNICIPALITY_PAGES, ids=[_url_name(*p) for p in MUNICIPALITY_PAGES]
)
def test_every_municipality_page_has_the_district_filter_and_keeps_the_district(
    world, objects, login, districts, namespace, pattern
):
    """Reading one district, the page carries the filter with that district chosen, and the
    page's own forms (year, search, filters) and its downloads (CSV, Excel, PDF) stay in that
    district: each GET form sends `district`, each download link carries it."""
    name = _url_name(namespace, pattern)
    own = KWARG_SOURCES[name](objects)[0] if name in KWARG_SOURCES else {}
    client = login(world.municipality_viewer)
    district = districts["north"]
    response = client.get(reverse(name, kwargs=own), {"district": district.pk})
    # 404: an object of the other district; 302: a page that sends on to another (its own row).
    assert response.status_code in {200, 302, 404, 405}, name  # 405: a POST-only view
    if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
        return
    html = response.content.decode()
    assert 'name="district"' in html, name
    assert f'<option value="{district.pk}" selected>' in html, name
    page = _FormsAndDownloads()
    page.feed(html)
    for form in page.forms:
        if form["method"] == "get":
            assert "district" in form["names"], (name, form)
        else:
            # A form that posts to the page itself comes back to the same district (an empty
            # action posts to the page's own address, its query included).
            action = form["action"]
            if action and action.split("?")[0] == response.request["PATH_INFO"]:
                assert f"district={district.pk}" in action, (name, form)
    for href in page.downloads:
        assert f"district={district.pk}" in href, (name, href)
