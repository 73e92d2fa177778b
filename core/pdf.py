"""The one PDF renderer (WeasyPrint) for every document Frivillig prints: the annual evaluation
and the final report (reports.rendering), the volunteer certificate and the police certificate
purpose letter (volunteers.paperwork).

Each file is written once for both its uses: tagged PDF/A-2a for the municipality's archive
(Noark takes PDF/A; level "a" means tagged, with the text in Unicode) that also claims PDF/UA-1
for publishing. WeasyPrint writes one `pdf_variant`, so the PDF/UA identification
(`pdfuaid:part`) is added to the same XMP packet, with the PDF/A extension schema that
declares it (ISO 19005-2, 6.6.2.3). Fonts are embedded (the shipped DejaVu Sans), colours are
given an sRGB output intent, and nothing is loaded from outside the project's static files.
`core/tests/test_pdf.py` and the PDF tests of each document check the claims and the tags.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from xml.etree.ElementTree import Element, SubElement, fromstring, register_namespace, tostring

PDF_VARIANT = "pdf/a-2a"
PDFUA_PART = "1"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
PDFA_EXTENSION = "http://www.aiim.org/pdfa/ns/extension/"
PDFA_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PDFA_PROPERTY = "http://www.aiim.org/pdfa/ns/property#"
# PDF/A fixes the prefixes of the extension schema's description (ISO 19005-2, 6.6.2.3.2).
for _prefix, _uri in (
    ("pdfuaid", PDFUAID),
    ("pdfaExtension", PDFA_EXTENSION),
    ("pdfaSchema", PDFA_SCHEMA),
    ("pdfaProperty", PDFA_PROPERTY),
):
    register_namespace(_prefix, _uri)


def _pdfua_extension_schema() -> Element:
    """The PDF/A extension schema that declares `pdfuaid:part`, so that the PDF/UA claim is
    itself valid PDF/A metadata."""
    description = Element(f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
    schemas = SubElement(description, f"{{{PDFA_EXTENSION}}}schemas")
    bag = SubElement(schemas, f"{{{RDF}}}Bag")
    schema = SubElement(bag, f"{{{RDF}}}li", {f"{{{RDF}}}parseType": "Resource"})
    for name, text in (
        ("schema", "PDF/UA Universal Accessibility Schema"),
        ("namespaceURI", PDFUAID),
        ("prefix", "pdfuaid"),
    ):
        SubElement(schema, f"{{{PDFA_SCHEMA}}}{name}").text = text
    properties = SubElement(schema, f"{{{PDFA_SCHEMA}}}property")
    seq = SubElement(properties, f"{{{RDF}}}Seq")
    item = SubElement(seq, f"{{{RDF}}}li", {f"{{{RDF}}}parseType": "Resource"})
    for name, text in (
        ("name", "part"),
        ("valueType", "Integer"),
        ("category", "internal"),
        ("description", "Indicates which part of ISO 14289 standard is followed"),
    ):
        SubElement(item, f"{{{PDFA_PROPERTY}}}{name}").text = text
    return description


def _with_pdfua_claim(rdf_bytes: bytes) -> bytes:
    rdf = fromstring(rdf_bytes)
    claim = Element(f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
    claim.set(f"{{{PDFUAID}}}part", PDFUA_PART)
    rdf.append(claim)
    rdf.append(_pdfua_extension_schema())
    return tostring(rdf, encoding="utf-8")


def html_to_pdf(
    html: str, *, base_url: str, progress: Callable[[int], None] | None = None
) -> bytes:
    """An HTML print template as a tagged PDF/A-2a file that also claims PDF/UA-1.

    The template gives the language (`<html lang>`), the title (`<title>`, shown as the
    window title), headings, tables with header cells and a text alternative for each
    figure; `progress(per_cent)` is told when the layout is done."""
    from weasyprint import HTML
    from weasyprint.pdf.metadata import DocumentMetadata

    class ArchivalMetadata(DocumentMetadata):
        def generate_rdf_metadata(self, variant: Any, version: Any, conformance: Any) -> bytes:
            return _with_pdfua_claim(super().generate_rdf_metadata(variant, version, conformance))

    document = HTML(string=html, base_url=base_url).render(pdf_tags=True, pdf_variant=PDF_VARIANT)
    if progress is not None:
        progress(80)
    document.metadata.__class__ = ArchivalMetadata
    return bytes(document.write_pdf(pdf_tags=True, pdf_variant=PDF_VARIANT))


# WeasyPrint reports every layout step at INFO; the worker log only needs its warnings.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
