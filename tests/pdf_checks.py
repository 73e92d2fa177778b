"""What every PDF Frivillig prints must be (core.pdf): a tagged PDF/A-2a file that also claims
PDF/UA-1, read back with pypdf. `faults(pdf, lang=...)` lists what is wrong, empty when nothing."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pypdf
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

NS = {
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}


def _resolve(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value


def structure_elements(root: Any) -> Iterator[DictionaryObject]:
    """Every structure element under the structure tree root, depth first."""
    stack = [_resolve(root)]
    seen: set[int] = set()
    while stack:
        node = _resolve(stack.pop())
        if isinstance(node, ArrayObject):
            stack.extend(node)
            continue
        if not isinstance(node, DictionaryObject) or id(node) in seen:
            continue
        seen.add(id(node))
        if "/S" in node:
            yield node
        kids = node.get("/K")
        if kids is not None:
            stack.append(kids)


def _xmp_attribute(xml: str, namespace: str, name: str) -> str | None:
    """A property of the XMP packet, written as an attribute or as an element."""
    from xml.etree.ElementTree import fromstring

    root = fromstring(xml)
    key = f"{{{NS[namespace]}}}{name}"
    for element in root.iter():
        if key in element.attrib:
            return element.attrib[key]
        if element.tag == key:
            return (element.text or "").strip()
    return None


def faults(pdf: bytes, *, lang: str) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    found: list[str] = []
    if not root.get("/MarkInfo", {}).get("/Marked"):
        found.append("not marked (/MarkInfo /Marked)")
    if "/StructTreeRoot" not in root:
        found.append("no structure tree")
        return found
    if str(root.get("/Lang", "")) != lang:
        found.append(f"/Lang is {root.get('/Lang')!r}, not {lang!r}")
    if not root.get("/ViewerPreferences", {}).get("/DisplayDocTitle"):
        found.append("the title is not shown as the window title (DisplayDocTitle)")
    if "/OutputIntents" not in root:
        found.append("no output intent (PDF/A)")
    metadata = root.get("/Metadata")
    if metadata is None:
        found.append("no XMP metadata")
        return found
    xml = _resolve(metadata).get_data().decode("utf-8")
    start, end = xml.index("<x:xmpmeta"), xml.rindex("</x:xmpmeta>") + len("</x:xmpmeta>")
    xmp = xml[start:end]
    if "<dc:title>" not in xmp and "dc:title" not in xmp:
        found.append("no dc:title in the XMP metadata")
    claims = (
        _xmp_attribute(xmp, "pdfaid", "part"),
        _xmp_attribute(xmp, "pdfaid", "conformance"),
        _xmp_attribute(xmp, "pdfuaid", "part"),
    )
    if claims != ("2", "A", "1"):
        found.append(f"claims (pdfaid:part, pdfaid:conformance, pdfuaid:part) are {claims}")
    title = (reader.metadata or {}).get("/Title")
    if not title or not str(title).strip():
        found.append("no title")
    elements = list(structure_elements(root["/StructTreeRoot"]))
    kinds = [str(element["/S"]) for element in elements]
    if not any(kind in {"/H1", "/H2", "/H"} for kind in kinds):
        found.append("no heading")
    for element in elements:
        if element["/S"] == "/Figure" and not str(element.get("/Alt", "")).strip():
            found.append("a figure without alternative text")
        if element["/S"] == "/Table":
            cells = [str(inner["/S"]) for inner in structure_elements(element.get("/K", []))]
            if "/TH" not in cells:
                found.append("a table without header cells")
    for page in reader.pages:
        for font in _resolve(page["/Resources"]).get("/Font", {}).values():
            font = _resolve(font)
            descendants = font.get("/DescendantFonts")
            described = _resolve(descendants[0]) if descendants else font
            descriptor = _resolve(described.get("/FontDescriptor", {}))
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                found.append(f"font {font.get('/BaseFont')} is not embedded")
    return found


def figures_with_alt(pdf: bytes) -> list[str]:
    """The alternative texts of the figures, in order."""
    root = pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    return [
        str(element.get("/Alt", ""))
        for element in structure_elements(root["/StructTreeRoot"])
        if element["/S"] == "/Figure"
    ]
