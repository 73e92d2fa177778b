"""The print stylesheet keeps a table's caption and heading on the page of its first rows."""

import io

import pypdf
import pytest

from reports.rendering import PRINT_CSS, STATIC_DIR


def render(filler_lines: int, title: str) -> list[list[str]]:
    """A page of filler and then a captioned (or headed) table of 12 rows: lines per page."""
    from weasyprint import HTML

    filler = "".join(f"<p>Linje {i} med litt tekst.</p>" for i in range(filler_lines))
    rows = "".join(f"<tr><th scope='row'>Rad {i}</th><td>{i}</td></tr>" for i in range(12))
    head = "<thead><tr><th>Tall</th><th>Verdi</th></tr></thead>"
    body = f"{head}<tbody>{rows}</tbody></table>"
    if title == "caption":
        table = f"<table><caption>Personer i målgruppen</caption>{body}"
    else:
        table = f"<h3>Personer i målgruppen</h3><table>{body}"
    html = (
        f'<html><head><link rel="stylesheet" href="{PRINT_CSS.as_uri()}"></head>'
        f'<body class="report"><section>{filler}{table}</section></body></html>'
    )
    pdf = HTML(string=html, base_url=str(STATIC_DIR)).write_pdf()
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return [[line for line in page.extract_text().splitlines() if line.strip()] for page in pages]


@pytest.mark.parametrize("title", ["caption", "heading"])
def test_it_keeps_a_caption_or_heading_with_the_first_rows_of_its_table(title):
    # From a table that fits under the filler to one that starts on the next page: somewhere
    # in between the title would be the last line of a page.
    for filler_lines in range(28, 42):
        pages = render(filler_lines, title)
        page = next(lines for lines in pages if "Personer i målgruppen" in lines)
        after = page[page.index("Personer i målgruppen") + 1 :]
        rows = [line for line in after if line.startswith("Rad ")]
        assert len(rows) >= 2, (filler_lines, page[-4:])
