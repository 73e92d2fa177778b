"""The concrete faults of issue 15, each pinned by a test: titles, the empty choice of a select,
autofill on a person's own forms, the error summary and its ties to the fields, where htmx loads,
the report preview's address, the language of the narrative's preview link, the names that
makemessages must see, and a few pieces of markup."""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ActivityFactory, ProjectFactory, VolunteerFactory
from volunteers.tests.factories import ConsentTextFactory

ROOT = Path(__file__).resolve().parents[1]


class Page(HTMLParser):
    """Ids, aria references, titles, headings and a few nestings of one HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.references: list[tuple[str, str, str]] = []  # (tag, attribute, id)
        self.headings: list[int] = []
        self.stack: list[str] = []
        self.forms_in_paragraphs = 0
        self.title = ""
        self._in_title = False
        self.elements: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        for name in ("aria-describedby", "aria-labelledby"):
            for ref in (attributes.get(name) or "").split():
                self.references.append((tag, name, ref))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "form" and "p" in self.stack:
            self.forms_in_paragraphs += 1
        if tag == "title":
            self._in_title = True
        if tag not in {"input", "br", "img", "meta", "link", "hr", "source"}:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def dangling(self) -> list[tuple[str, str, str]]:
        return [ref for ref in self.references if ref[2] not in self.ids]


@pytest.fixture
def consent_text(world):
    return ConsentTextFactory(centre=world.centre)


def test_it_titles_pages_page_then_frivillig(client, db):
    page = Page(client.get(reverse("account_login")).content.decode())
    assert re.fullmatch(r"\S.* · Frivillig", page.title.strip()), page.title


def test_it_offers_choose_instead_of_dashes_in_a_select(world, login):
    page = login(world.coordinator).get(reverse("volunteers:create")).content.decode()
    assert "---------" not in page
    assert 'value="" selected>' in page


def test_the_signup_form_lets_the_browser_fill_in_the_persons_own_details(
    client, world, consent_text
):
    page = client.get(reverse("volunteers:signup", args=[world.centre.slug])).content.decode()
    elements = dict(
        (attrs["name"], attrs) for tag, attrs in Page(page).elements if attrs.get("name")
    )
    assert elements["first_name"]["autocomplete"] == "given-name"
    assert elements["last_name"]["autocomplete"] == "family-name"
    assert elements["email"]["autocomplete"] == "email"
    assert elements["phone"]["autocomplete"] == "tel"
    assert elements["phone"]["type"] == "tel"
    assert elements["postal_code"]["autocomplete"] == "postal-code"


def test_the_coordinators_form_does_not_autofill_the_coordinators_own_details(world, login):
    page = login(world.coordinator).get(reverse("volunteers:create")).content.decode()
    phone = next(a for t, a in Page(page).elements if a.get("name") == "phone")
    assert phone["type"] == "tel"
    assert phone["autocomplete"] == "off"


def test_a_failed_submit_shows_an_error_summary_linked_to_each_field(client, world, consent_text):
    response = client.post(
        reverse("volunteers:signup", args=[world.centre.slug]), {"email": "not-an-address"}
    )
    html = response.content.decode()
    page = Page(html)
    assert "data-error-summary" in html
    links = re.findall(r'<li><a href="#([^"]+)">', html)
    assert links, "the summary links to the fields"
    assert set(links) <= page.ids
    # Every error is tied to its field, and every reference points at something that exists.
    assert page.dangling() == []
    email = next(a for t, a in page.elements if a.get("name") == "email")
    assert email["aria-invalid"] == "true"
    assert "id_email_error" in email["aria-describedby"].split()


def test_the_counts_page_refers_only_to_descriptions_it_shows(world, login):
    ActivityFactory(
        project=ProjectFactory(centre=world.centre),
        date=timezone.localdate().replace(day=1),
        participants=None,
    )
    client = login(world.coordinator)
    page = Page(client.get(reverse("activities:counts")).content.decode())
    assert page.references
    assert page.dangling() == []


@pytest.mark.parametrize(
    "name",
    [
        "volunteers:create",
        "organisations:create",
        "activities:quick_add",
        "activities:project_create",
        "volunteers:task_create",
        "centreyear:centre_year_current",
    ],
)
def test_every_description_of_a_form_exists_after_a_failed_submit(world, login, name):
    client = login(world.coordinator)
    response = client.post(reverse(name), {"name": "", "title": ""}, follow=True)
    page = Page(response.content.decode())
    assert page.dangling() == []


def test_htmx_loads_only_on_the_page_that_uses_it(world, login):
    client = login(world.coordinator)
    assert "htmx.min.js" not in client.get(reverse("core:home")).content.decode()
    assert "htmx.min.js" not in client.get(reverse("volunteers:list")).content.decode()
    assert "htmx.min.js" in client.get(reverse("reports:list")).content.decode()


def test_the_report_preview_address_never_keeps_the_csrf_token(world, login):
    client = login(world.coordinator)
    query = {"kind": "annual", "year": 2025, "language": "nb", "csrfmiddlewaretoken": "abc"}
    for name in ("reports:preview", "reports:narrative"):
        response = client.get(reverse(name), query)
        assert response.status_code == 302
        assert "csrfmiddlewaretoken" not in response.url
        assert "year=2025" in response.url


def test_the_narrative_and_the_preview_are_reachable_from_the_report_pages(world, login):
    client = login(world.coordinator)
    for name in ("reports:list", "reports:create"):
        page = client.get(reverse(name)).content.decode()
        assert f'formaction="{reverse("reports:narrative")}"' in page
        assert f'formaction="{reverse("reports:preview")}"' in page


def test_the_narratives_preview_link_is_in_the_users_language(world, login):
    client = login(world.coordinator)
    url = reverse("reports:narrative") + "?kind=annual&year=2025"
    assert "language=nb" in client.get(url).content.decode()
    client.post(reverse("set_language"), {"language": "en"})
    assert "language=en" in client.get(url).content.decode()


# Names makemessages (xgettext with Django's keywords) reads as translatable.
GETTEXT_NAMES = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}


def test_every_translation_function_is_imported_under_a_name_makemessages_reads():
    """`gettext_lazy as _lazy` hid "Languages" from the catalogue: no such alias may return."""
    hidden = []
    for path in ROOT.glob("*/**/*.py"):
        if ".venv" in path.parts or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
                for alias in node.names:
                    if alias.name in GETTEXT_NAMES and (alias.asname or alias.name) not in (
                        GETTEXT_NAMES
                    ):
                        hidden.append(f"{path.relative_to(ROOT)}: {alias.name} as {alias.asname}")
    assert hidden == []


def test_availability_reads_as_a_list(world, login):
    volunteer = VolunteerFactory(
        centre=world.centre, available_weekdays=True, available_evenings=True
    )
    page = login(world.coordinator).get(reverse("volunteers:detail", args=[volunteer.pk]))
    text = re.sub(r"\s+", " ", page.content.decode())
    assert "hverdager, kvelder" in text or "weekdays, evenings" in text


def test_the_volunteer_page_has_no_form_inside_a_paragraph(world, login):
    world.volunteer.status = "applicant"
    world.volunteer.save()
    page = login(world.coordinator).get(reverse("volunteers:detail", args=[world.volunteer.pk]))
    assert Page(page.content.decode()).forms_in_paragraphs == 0


def test_the_statistics_page_never_skips_a_heading_level(world, login):
    page = Page(login(world.coordinator).get(reverse("organisations:statistics")).content.decode())
    steps = [b - a for a, b in zip(page.headings, page.headings[1:], strict=False)]
    assert page.headings[0] == 1
    assert max(steps) <= 1, page.headings


def test_the_menu_comes_after_the_header_tools_as_it_is_seen(world, login):
    html = login(world.coordinator).get(reverse("core:home")).content.decode()
    assert html.index('class="header-tools"') < html.index('class="main-nav"')
