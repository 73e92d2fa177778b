"""WCAG 2.1 3.1.2 Language of parts: text the centre's people wrote (activity, task and rota
titles, associations' needs and descriptions, consent texts) is Norwegian whatever language the
page is in, and a page in English or nynorsk marks it `lang="nb"` (the demo centre writes
bokmål), so a screen reader reads it as Norwegian.

The crawl reads every page of every demo role (tests/pages.py, the pages the every-page browser
test visits) in English and in nynorsk and fails on any text node holding such a text whose
language, from the nearest `lang` around it, is not bokmål.
"""

from __future__ import annotations

from html.parser import HTMLParser
from itertools import product

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation

from tests.pages import DEMO_ROLES, crawl

# The crawl finds the HTML pages by asking every URL; documents are not laid out for it
# (conftest.pdfs_not_laid_out).
pytestmark = pytest.mark.usefixtures("pdfs_not_laid_out")

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


class LanguageOfText(HTMLParser):
    """Each text node of a page with the language it is in (the nearest `lang` around it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str]] = []
        self.skip = 0

    def language(self) -> str:
        return next((lang for _tag, lang in reversed(self.stack) if lang is not None), "")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        self.stack.append((tag, dict(attrs).get("lang")))
        if tag in {"script", "style", "template", "title", "option", "textarea"}:
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.stack:
            open_tag, _lang = self.stack.pop()
            if open_tag in {"script", "style", "template", "title", "option", "textarea"}:
                self.skip -= 1
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skip and data.strip():
            self.texts.append((" ".join(data.split()), self.language()))


def written_texts() -> set[str]:
    """The demo's Norwegian texts long enough not to be mistaken for a word of the interface."""
    from activities.models import Activity
    from organisations.models import Organisation
    from rotas.models import Rota
    from tasks.models import Task
    from volunteers.models import ConsentText

    texts = {
        *Activity.objects.system().values_list("title", flat=True),
        *Task.objects.system().values_list("title", flat=True),
        *Rota.objects.system().values_list("title", flat=True),
        *Organisation.objects.system().values_list("volunteer_needs", flat=True),
        *ConsentText.objects.system().values_list("text", flat=True),
    }
    return {" ".join(text.split()) for text in texts if len(text) >= 12}


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True  # seed_demo refuses to run otherwise; pages are rendered the same.
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.DEBUG = False


@pytest.mark.heavy
def test_norwegian_text_is_marked_on_pages_in_english_and_nynorsk(demo):
    from core.models import User

    texts = written_texts()
    assert len(texts) >= 5, texts
    faults: list[str] = []
    shown = 0
    for language, (role, email) in product(("en", "nn"), DEMO_ROLES.items()):
        user = User.objects.get(email=email) if email else None
        # The pages are found and read in the same pass, in the language of the crawl.
        for name, path, response in crawl(user, language):
            parser = LanguageOfText()
            parser.feed(response.content.decode())
            for text, lang in parser.texts:
                for written in texts:
                    if written in text:
                        shown += 1
                        if lang != "nb":
                            faults.append(
                                f"{language} {role} {path} ({name}): {written!r} is in {lang!r}"
                            )
    assert shown >= 20, "the crawl found too few written texts to prove anything"
    assert not faults, "\n".join(sorted(set(faults)))


@pytest.mark.parametrize(
    ("page", "content", "expected"),
    [
        ("nb", "nb", "<bdi>Strikkekafé</bdi>"),
        ("en", "nb", '<bdi lang="nb">Strikkekafé</bdi>'),
        ("nn", "nb", '<bdi lang="nb">Strikkekafé</bdi>'),
        ("nb", "nn", '<bdi lang="nn">Strikkekafé</bdi>'),
        ("nn", "nn", "<bdi>Strikkekafé</bdi>"),
    ],
)
def test_written_marks_the_language_only_where_the_page_speaks_another(page, content, expected):
    template = Template("{% load frivillig %}{% written title %}")
    with translation.override(page):
        html = template.render(Context({"title": "Strikkekafé", "content_language": content}))
    assert html == expected


def test_a_centre_in_nynorsk_writes_in_nynorsk(world):
    world.centre.default_language = "nn"
    assert world.centre.content_language == "nn"
    world.centre.default_language = "en"  # its pages speak English; its staff write bokmål
    assert world.centre.content_language == "nb"
