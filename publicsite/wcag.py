"""How Frivillig meets each WCAG 2.1 level A and AA success criterion (50 in all; the Norwegian
regulation requires them of a public body's web solution). Rendered on the accessibility page.

Keep it true: a status says what the product does today, and `checked_by` says what keeps it
so (the axe-core checks in the browser journeys, a unit test, or a manual review). A criterion
about media that Frivillig does not have is "not applicable", not "meets".
"""

from __future__ import annotations

from dataclasses import dataclass

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

AXE = _("automated axe-core checks in the browser tests")
MANUAL = _("manual review")
TESTS = _("automated tests")

NO_MEDIA = _("Frivillig has no audio or video.")

PRINCIPLES = {
    "1": _("Perceivable"),
    "2": _("Operable"),
    "3": _("Understandable"),
    "4": _("Robust"),
}


@dataclass(frozen=True)
class Criterion:
    number: str
    title: Promise
    level: str
    status: str
    how: Promise
    checked_by: Promise | None = None

    @property
    def status_label(self) -> Promise:
        return STATUS_LABELS[self.status]

    @property
    def principle(self) -> str:
        return self.number.split(".")[0]


def criteria() -> list[Criterion]:
    C = Criterion
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
            AXE,
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
            AXE,
        ),
        C(
            "1.3.2",
            _("Meaningful sequence"),
            "A",
            MEETS,
            _("The reading order of the markup is the visual order."),
            MANUAL,
        ),
        C(
            "1.3.3",
            _("Sensory characteristics"),
            "A",
            MEETS,
            _("Instructions name fields and buttons, never only their shape, place or colour."),
            MANUAL,
        ),
        C(
            "1.3.4",
            _("Orientation"),
            "AA",
            MEETS,
            _("Pages work in portrait and landscape."),
            MANUAL,
        ),
        C(
            "1.3.5",
            _("Identify input purpose"),
            "AA",
            PARTLY,
            _(
                "Fields about the user (name, e-mail, phone, address) carry autocomplete; some "
                "forms about associations do not yet."
            ),
            MANUAL,
        ),
        C(
            "1.4.1",
            _("Use of colour"),
            "A",
            MEETS,
            _("Status and errors are written in words, not shown by colour alone."),
            MANUAL,
        ),
        C("1.4.2", _("Audio control"), "A", NOT_APPLICABLE, NO_MEDIA),
        C(
            "1.4.3",
            _("Contrast (minimum)"),
            "AA",
            MEETS,
            _("Text has a contrast of at least 4.5:1."),
            AXE,
        ),
        C(
            "1.4.4",
            _("Resize text"),
            "AA",
            MEETS,
            _("Text can be enlarged to 200 % without loss of content."),
            MANUAL,
        ),
        C(
            "1.4.5",
            _("Images of text"),
            "AA",
            MEETS,
            _("Text is text; the logo is the only image with letters."),
            MANUAL,
        ),
        C(
            "1.4.10",
            _("Reflow"),
            "AA",
            PARTLY,
            _(
                "Wide tables scroll within their own box; the browser tests check that no page "
                "scrolls sideways at 390 pixels, and 320 pixels is checked by hand on some pages "
                "only."
            ),
            TESTS,
        ),
        C(
            "1.4.11",
            _("Non-text contrast"),
            "AA",
            PARTLY,
            _(
                "Field borders and focus rings have 3:1 contrast; the bar charts' lighter bars "
                "have not been measured."
            ),
            MANUAL,
        ),
        C(
            "1.4.12",
            _("Text spacing"),
            "AA",
            MEETS,
            _("No fixed heights on text, so larger spacing does not cut text off."),
            MANUAL,
        ),
        C(
            "1.4.13",
            _("Content on hover or focus"),
            "AA",
            MEETS,
            _("No content appears on hover or focus only."),
            MANUAL,
        ),
        C(
            "2.1.1",
            _("Keyboard"),
            "A",
            MEETS,
            _("Everything is links, buttons and form fields that work with the keyboard."),
            MANUAL,
        ),
        C(
            "2.1.2",
            _("No keyboard trap"),
            "A",
            MEETS,
            _("No widget captures the keyboard."),
            MANUAL,
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
            MANUAL,
        ),
        C(
            "2.2.2",
            _("Pause, stop, hide"),
            "A",
            NOT_APPLICABLE,
            _("Nothing moves, blinks or updates by itself."),
        ),
        C(
            "2.3.1",
            _("Three flashes or below threshold"),
            "A",
            MEETS,
            _("Nothing flashes."),
            MANUAL,
        ),
        C(
            "2.4.1",
            _("Bypass blocks"),
            "A",
            MEETS,
            _('A "skip to content" link is the first link of every page.'),
            AXE,
        ),
        C("2.4.2", _("Page titled"), "A", MEETS, _("Every page has a title that names it."), AXE),
        C("2.4.3", _("Focus order"), "A", MEETS, _("The focus follows the reading order."), MANUAL),
        C(
            "2.4.4",
            _("Link purpose (in context)"),
            "A",
            MEETS,
            _("Link texts say where they lead."),
            AXE,
        ),
        C(
            "2.4.5",
            _("Multiple ways"),
            "AA",
            MEETS,
            _("The main menu, the start page's links and search lead to each page."),
            MANUAL,
        ),
        C(
            "2.4.6",
            _("Headings and labels"),
            "AA",
            MEETS,
            _("Headings and labels describe their content."),
            MANUAL,
        ),
        C(
            "2.4.7",
            _("Focus visible"),
            "AA",
            MEETS,
            _("Every link, button and field shows a focus ring."),
            MANUAL,
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
            MANUAL,
        ),
        C(
            "2.5.3",
            _("Label in name"),
            "A",
            MEETS,
            _("The accessible name of a control contains its visible text."),
            AXE,
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
            TESTS,
        ),
        C(
            "3.1.2",
            _("Language of parts"),
            "AA",
            MEETS,
            _("The language switch marks each language's name with its language."),
            TESTS,
        ),
        C("3.2.1", _("On focus"), "A", MEETS, _("Focus never changes the page."), MANUAL),
        C(
            "3.2.2",
            _("On input"),
            "A",
            MEETS,
            _("Filters and forms change the page only when their button is pressed."),
            MANUAL,
        ),
        C(
            "3.2.3",
            _("Consistent navigation"),
            "AA",
            MEETS,
            _("The same header, menu and footer on every page."),
            MANUAL,
        ),
        C(
            "3.2.4",
            _("Consistent identification"),
            "AA",
            MEETS,
            _("The same function has the same name everywhere."),
            MANUAL,
        ),
        C(
            "3.3.1",
            _("Error identification"),
            "A",
            MEETS,
            _("Errors are listed at the top of the form and written next to each field."),
            TESTS,
        ),
        C(
            "3.3.2",
            _("Labels or instructions"),
            "A",
            MEETS,
            _("Every field has a label, and help text where the format matters."),
            AXE,
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
            TESTS,
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
            TESTS,
        ),
        C(
            "4.1.1",
            _("Parsing"),
            "A",
            MEETS,
            _("Valid HTML from templates (obsolete in WCAG 2.2, still required here)."),
            MANUAL,
        ),
        C(
            "4.1.2",
            _("Name, role, value"),
            "A",
            MEETS,
            _("Native HTML controls only, so each has its name, role and value."),
            AXE,
        ),
        C(
            "4.1.3",
            _("Status messages"),
            "AA",
            MEETS,
            _("Messages after saving are in a live region that screen readers announce."),
            MANUAL,
        ),
    ]


def by_principle(items: list[Criterion]) -> list[tuple[Promise, list[Criterion]]]:
    return [(label, [c for c in items if c.principle == key]) for key, label in PRINCIPLES.items()]


def summary(items: list[Criterion]) -> dict[str, int]:
    counts = {MEETS: 0, PARTLY: 0, NOT_APPLICABLE: 0}
    for item in items:
        counts[item.status] += 1
    return {"total": len(items), **counts}
