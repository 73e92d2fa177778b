"""How Frivillig meets each WCAG 2.1 level A and AA success criterion (50 in all; the Norwegian
regulation requires them of a public body's web solution). Rendered on the accessibility page,
from which a municipality fills in its accessibility statement in uustatus (README).

Keep it true: a status says what the product does today, and beside it is what shows it: the
tests that fail when it stops being true (`tests`, pytest node ids that
`publicsite/tests/test_wcag.py` checks exist) and, where a tool cannot decide, the date of the
last check by a person (`checked_on`; `judgement` says that the criterion needs one). A
criterion may be "meets" only with a test or a dated check beside it. A criterion about media
that Frivillig does not have is "not applicable", not "meets".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MEETS = "meets"
PARTLY = "partly"
NOT_APPLICABLE = "not_applicable"

STATUS_LABELS = {
    MEETS: _("Meets"),
    PARTLY: _("Partly meets"),
    NOT_APPLICABLE: _("Not applicable"),
}

NO_MEDIA = _("Frivillig has no audio or video.")

PRINCIPLES = {
    "1": _("Perceivable"),
    "2": _("Operable"),
    "3": _("Understandable"),
    "4": _("Robust"),
}

# The audit of issue #27: 158 page visits in five roles (axe-core at 320 and 1280 px,
# Lighthouse, the Nu HTML checker), keyboard-only journeys, text spacing and 200 % zoom, and the
# criteria that need a person's judgement read page by page; its findings are fixed.
AUDIT = dt.date(2026, 12, 7)

# The tests that show a criterion (pytest node ids, without parameters).
EVERY_PAGE = "tests/browser/test_every_page.py::test_it_shows_every_page_at_a_desktop_and_a_phone"
LIVE = (
    "tests/browser/test_live_updates.py::"
    "test_a_job_that_finishes_is_announced_once_and_the_updates_pause_and_stop"
)
MESSAGES = "tests/browser/test_live_updates.py::test_a_message_after_saving_is_announced"
ERROR_SUMMARY = (
    "tests/browser/test_daily_jobs.py::"
    "test_a_failed_submit_moves_focus_to_the_error_summary_and_on_to_the_field"
)
LANGUAGE_CRAWL = (
    "tests/test_language_of_parts.py::test_norwegian_text_is_marked_on_pages_in_english_and_nynorsk"
)
ONE_LANGUAGE = "tests/browser/test_language_journey.py::test_every_page_speaks_one_language"
PDFS = "reports/tests/test_pdf_archival.py::test_it_is_tagged_pdf_a_and_pdf_ua"
EMBED = (
    "publicsite/tests/test_pages.py::"
    "test_the_embeddable_list_has_a_main_landmark_and_phone_links_without_spaces"
)
PDF_CHARTS = (
    "reports/tests/test_pdf_archival.py::"
    "test_the_annual_report_is_tagged_and_each_chart_names_the_table_with_its_figures"
)
CONTRAST = "tests/test_design_contrast.py::test_borders_and_chart_marks_have_3_to_1_contrast"
TEXT_SIZE = "tests/browser/test_text_size.py::test_chart_labels_grow_with_the_text_size"
LINK_NAMES = "tests/test_start_page_links.py::test_one_link_name_leads_to_one_place"
INPUT_PURPOSE = (
    "tests/test_input_purpose.py::test_the_association_s_own_contact_fields_name_their_purpose",
    "tests/test_input_purpose.py::test_the_volunteer_sign_up_and_the_login_name_their_purpose",
)


@dataclass(frozen=True)
class Criterion:
    number: str
    title: Promise
    level: str
    status: str
    how: Promise
    tests: tuple[str, ...] = ()
    checked_on: dt.date | None = None
    judgement: bool = False

    @property
    def status_label(self) -> Promise:
        return STATUS_LABELS[self.status]

    @property
    def principle(self) -> str:
        return self.number.split(".")[0]

    @property
    def test_names(self) -> list[str]:
        """The tests as shown on the page: file and test name."""
        return [name.replace("::", " · ") for name in self.tests]


def criteria() -> list[Criterion]:
    C = Criterion
    seen: dict[str, Any] = {"checked_on": AUDIT, "judgement": True}  # read in the audit
    return [
        C(
            "1.1.1",
            _("Non-text content"),
            "A",
            MEETS,
            _(
                "Images carry a text alternative or are marked decorative; charts have a table "
                "or text with the same figures."
            ),
            (EVERY_PAGE, PDF_CHARTS),
        ),
        C("1.2.1", _("Audio-only and video-only (prerecorded)"), "A", NOT_APPLICABLE, NO_MEDIA),
        C("1.2.2", _("Captions (prerecorded)"), "A", NOT_APPLICABLE, NO_MEDIA),
        C(
            "1.2.3",
            _("Audio description or media alternative (prerecorded)"),
            "A",
            NOT_APPLICABLE,
            NO_MEDIA,
        ),
        C("1.2.4", _("Captions (live)"), "AA", NOT_APPLICABLE, NO_MEDIA),
        C("1.2.5", _("Audio description (prerecorded)"), "AA", NOT_APPLICABLE, NO_MEDIA),
        C(
            "1.3.1",
            _("Info and relationships"),
            "A",
            MEETS,
            _(
                "Headings, lists, tables with header cells, and form fields with labels in the "
                "markup."
            ),
            (EVERY_PAGE, PDFS, EMBED),
        ),
        C(
            "1.3.2",
            _("Meaningful sequence"),
            "A",
            MEETS,
            _("The reading order of the markup is the visual order."),
            **seen,
        ),
        C(
            "1.3.3",
            _("Sensory characteristics"),
            "A",
            MEETS,
            _("Instructions name fields and buttons, never only their shape, place or colour."),
            **seen,
        ),
        C(
            "1.3.4",
            _("Orientation"),
            "AA",
            MEETS,
            _("Pages work in portrait and landscape."),
            (EVERY_PAGE,),
            checked_on=AUDIT,
        ),
        C(
            "1.3.5",
            _("Identify input purpose"),
            "AA",
            MEETS,
            _(
                "Fields about the user or their own association (name, e-mail, phone, address) "
                "name their purpose with autocomplete; forms about somebody else do not autofill."
            ),
            INPUT_PURPOSE,
        ),
        C(
            "1.4.1",
            _("Use of colour"),
            "A",
            MEETS,
            _("Status and errors are written in words, not shown by colour alone."),
            **seen,
        ),
        C("1.4.2", _("Audio control"), "A", NOT_APPLICABLE, NO_MEDIA),
        C(
            "1.4.3",
            _("Contrast (minimum)"),
            "AA",
            MEETS,
            _("Text has a contrast of at least 4.5:1."),
            (EVERY_PAGE,),
        ),
        C(
            "1.4.4",
            _("Resize text"),
            "AA",
            MEETS,
            _(
                "Text can be enlarged to 200 % without loss of content; chart labels are sized "
                "in rem, so they grow with the browser's text size too."
            ),
            (TEXT_SIZE,),
            checked_on=AUDIT,
        ),
        C(
            "1.4.5",
            _("Images of text"),
            "AA",
            MEETS,
            _("Text is text; the logo is the only image with letters."),
            **seen,
        ),
        C(
            "1.4.10",
            _("Reflow"),
            "AA",
            MEETS,
            _(
                "No page scrolls sideways at 320 pixels, also when a page loaded on a wide "
                "screen is narrowed; wide tables scroll within their own box."
            ),
            (EVERY_PAGE,),
        ),
        C(
            "1.4.11",
            _("Non-text contrast"),
            "AA",
            MEETS,
            _(
                "Field borders, focus rings and chart bars have at least 3:1 contrast against "
                "every background they are drawn on."
            ),
            (CONTRAST, EVERY_PAGE),
        ),
        C(
            "1.4.12",
            _("Text spacing"),
            "AA",
            MEETS,
            _("No fixed heights on text, so larger spacing does not cut text off."),
            checked_on=AUDIT,
        ),
        C(
            "1.4.13",
            _("Content on hover or focus"),
            "AA",
            MEETS,
            _("No content appears on hover or focus only."),
            **seen,
        ),
        C(
            "2.1.1",
            _("Keyboard"),
            "A",
            MEETS,
            _(
                "Everything is links, buttons and form fields that work with the keyboard; a "
                "box that scrolls can be reached by keyboard, also after the window narrows."
            ),
            (EVERY_PAGE, ERROR_SUMMARY),
            checked_on=AUDIT,
        ),
        C(
            "2.1.2",
            _("No keyboard trap"),
            "A",
            MEETS,
            _("No widget captures the keyboard."),
            checked_on=AUDIT,
        ),
        C(
            "2.1.4",
            _("Character key shortcuts"),
            "A",
            NOT_APPLICABLE,
            _("Frivillig has no keyboard shortcuts."),
        ),
        C(
            "2.2.1",
            _("Timing adjustable"),
            "A",
            MEETS,
            _("No time limits except the login session, which a new login resumes."),
            **seen,
        ),
        C(
            "2.2.2",
            _("Pause, stop, hide"),
            "A",
            MEETS,
            _(
                "The report list and the import status update themselves only while a job "
                "runs; a button pauses the updates, and they stop when the job ends."
            ),
            (LIVE,),
        ),
        C(
            "2.3.1",
            _("Three flashes or below threshold"),
            "A",
            MEETS,
            _("Nothing flashes."),
            **seen,
        ),
        C(
            "2.4.1",
            _("Bypass blocks"),
            "A",
            MEETS,
            _('A "skip to content" link is the first link of every page.'),
            (EVERY_PAGE,),
        ),
        C(
            "2.4.2",
            _("Page titled"),
            "A",
            MEETS,
            _("Every page has a title that names it."),
            (EVERY_PAGE, PDFS),
        ),
        C(
            "2.4.3",
            _("Focus order"),
            "A",
            MEETS,
            _("The focus follows the reading order."),
            (ERROR_SUMMARY, LIVE),
            **seen,
        ),
        C(
            "2.4.4",
            _("Link purpose (in context)"),
            "A",
            MEETS,
            _("Link texts say where they lead."),
            (EVERY_PAGE, LINK_NAMES),
            **seen,
        ),
        C(
            "2.4.5",
            _("Multiple ways"),
            "AA",
            MEETS,
            _("The main menu, the start page's links and search lead to each page."),
            **seen,
        ),
        C(
            "2.4.6",
            _("Headings and labels"),
            "AA",
            MEETS,
            _("Headings and labels describe their content."),
            **seen,
        ),
        C(
            "2.4.7",
            _("Focus visible"),
            "AA",
            MEETS,
            _("Every link, button and field shows a focus ring."),
            checked_on=AUDIT,
        ),
        C(
            "2.5.1",
            _("Pointer gestures"),
            "A",
            NOT_APPLICABLE,
            _("No gestures with several fingers or paths."),
        ),
        C(
            "2.5.2",
            _("Pointer cancellation"),
            "A",
            MEETS,
            _("Buttons act on release (the browser's own buttons)."),
            **seen,
        ),
        C(
            "2.5.3",
            _("Label in name"),
            "A",
            MEETS,
            _("The accessible name of a control contains its visible text."),
            (EVERY_PAGE,),
            **seen,
        ),
        C(
            "2.5.4",
            _("Motion actuation"),
            "A",
            NOT_APPLICABLE,
            _("Nothing reacts to moving the device."),
        ),
        C(
            "3.1.1",
            _("Language of page"),
            "A",
            MEETS,
            _("Each page states its language (bokmål, nynorsk or English)."),
            (EVERY_PAGE, ONE_LANGUAGE, PDFS),
        ),
        C(
            "3.1.2",
            _("Language of parts"),
            "AA",
            MEETS,
            _(
                "Text written into Frivillig (titles, needs, consent texts) is marked with the "
                "language it was written in on pages in another language; the language switch "
                "marks each language's name with its language."
            ),
            (LANGUAGE_CRAWL, ONE_LANGUAGE),
        ),
        C("3.2.1", _("On focus"), "A", MEETS, _("Focus never changes the page."), **seen),
        C(
            "3.2.2",
            _("On input"),
            "A",
            MEETS,
            _("Filters and forms change the page only when their button is pressed."),
            **seen,
        ),
        C(
            "3.2.3",
            _("Consistent navigation"),
            "AA",
            MEETS,
            _("The same header, menu and footer on every page."),
            **seen,
        ),
        C(
            "3.2.4",
            _("Consistent identification"),
            "AA",
            MEETS,
            _("The same function has the same name everywhere."),
            (LINK_NAMES,),
            **seen,
        ),
        C(
            "3.3.1",
            _("Error identification"),
            "A",
            MEETS,
            _("Errors are listed at the top of the form and written next to each field."),
            (ERROR_SUMMARY,),
        ),
        C(
            "3.3.2",
            _("Labels or instructions"),
            "A",
            MEETS,
            _(
                "Every field has a label, help text where the format matters, and each form "
                "says what the * of a required field means."
            ),
            (EVERY_PAGE,),
        ),
        C(
            "3.3.3",
            _("Error suggestion"),
            "AA",
            MEETS,
            _(
                "Error messages say how to correct the input (e.g. an organisation number's nine "
                "digits)."
            ),
            (
                "organisations/tests/test_validation.py::test_it_rejects_invalid_organisation_numbers",
            ),
            **seen,
        ),
        C(
            "3.3.4",
            _("Error prevention (legal, financial, data)"),
            "AA",
            MEETS,
            _(
                "Deleting and erasing ask for confirmation; two people cannot overwrite each "
                "other's changes."
            ),
            (
                "tests/test_edit_conflicts.py::test_the_second_stale_save_is_refused_and_the_first_is_kept",
            ),
            **seen,
        ),
        C(
            "4.1.1",
            _("Parsing"),
            "A",
            MEETS,
            _("Valid HTML from templates (obsolete in WCAG 2.2, still required here)."),
            ("tests/test_template_rules.py::test_no_form_has_an_empty_action",),
            checked_on=AUDIT,
        ),
        C(
            "4.1.2",
            _("Name, role, value"),
            "A",
            MEETS,
            _("Native HTML controls only, so each has its name, role and value."),
            (EVERY_PAGE,),
        ),
        C(
            "4.1.3",
            _("Status messages"),
            "AA",
            MEETS,
            _(
                "One live region on every page announces messages after saving and a job's "
                "change of state, never the whole refreshed table."
            ),
            (LIVE, MESSAGES),
        ),
    ]


def by_principle(items: list[Criterion]) -> list[tuple[Promise, list[Criterion]]]:
    return [(label, [c for c in items if c.principle == key]) for key, label in PRINCIPLES.items()]


def summary(items: list[Criterion]) -> dict[str, int]:
    counts = {MEETS: 0, PARTLY: 0, NOT_APPLICABLE: 0}
    for item in items:
        counts[item.status] += 1
    return {"total": len(items), **counts}
