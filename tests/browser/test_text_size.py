"""WCAG 2.1 1.4.4 Resize text: the month chart's labels are sized in rem, so they grow with the
browser's text size (and text-only zoom), which sets the root font size, not only with the page
zoom. Measured on the progress page at a desktop and a small phone's width."""

from __future__ import annotations

from tests.factories import ProjectFactory

PASSWORD = "passord-123"
SIZES = (
    "Array.from(document.querySelectorAll('.chart svg text'))"
    ".filter(t => getComputedStyle(t).display !== 'none')"
    ".map(t => parseFloat(getComputedStyle(t).fontSize))"
)


def test_chart_labels_grow_with_the_text_size(visit, world):
    project = ProjectFactory(centre=world.centre, name="Steg for Steg")
    visit.login(world.coordinator.email, PASSWORD)
    page = visit.page
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        visit.go(f"/activities/progress/?project={project.pk}")
        normal = page.evaluate(SIZES)
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        doubled = page.evaluate(SIZES)
        assert normal and len(normal) == len(doubled), (width, normal, doubled)
        assert all(
            abs(big - 2 * small) < 0.5 for small, big in zip(normal, doubled, strict=True)
        ), (
            width,
            normal,
            doubled,
        )
