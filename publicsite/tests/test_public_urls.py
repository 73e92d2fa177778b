"""Every public URL, discovered from the resolver, with private data present: none of it shows."""

import pytest
from django.urls import reverse

from tests.test_url_permissions import PATTERNS, PUBLIC, _url_name

from .conftest import PRIVATE
from .conftest import PUBLIC as PUBLIC_TEXT


def _kwargs(name: str, world) -> dict:
    centre = world.centre.slug
    return {
        "organisations:invitation_accept": {"token": "unknown-token"},
        "notifications:answer": {"action": "confirm", "token": "unknown-token"},
        "public:self_count": {"token": "unknown-token"},
        "volunteers:shift_feed": {"token": "unknown-token"},
        "volunteers:signup": {"slug": centre},
        "volunteers:signup_done": {"slug": centre},
        "public:association_feed": {"slug": centre, "pk": world.listed.pk},
        "public:association": {"slug": centre, "pk": world.listed.pk},
        "public:project_feed": {"slug": centre, "project": world.project.slug},
        "organisations:directory_export": {"fmt": "json"},
        "samarbeid:story": {"slug": centre, "pk": world.story.pk},
        "samarbeid:municipality": {"slug": world.centre.municipality.slug},
    }.get(name, {"slug": centre})


def public_urls(world) -> list[str]:
    urls = []
    for namespace, pattern, _route in PATTERNS:
        name = _url_name(namespace, pattern)
        # The SMS gateway's webhook takes signed POSTs only (notifications/tests).
        if name not in PUBLIC or name in {"healthz", "notifications:sms_inbound"}:
            continue
        kwargs = _kwargs(name, world) if pattern.pattern.regex.groupindex else {}
        urls.append(reverse(name, kwargs=kwargs))
    urls.append(reverse("organisations:directory_export", kwargs={"fmt": "csv"}))
    urls.append(reverse("public:calendar", kwargs={"slug": world.centre.slug}) + "?view=list")
    return urls


def test_it_discovers_the_public_pages_feeds_and_api(public_world):
    urls = public_urls(public_world)
    assert len(urls) >= 18
    assert any(url.startswith("/api/v1/") for url in urls)
    assert any(url.endswith(".ics") for url in urls)


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_it_shows_no_private_data_on_any_public_url(client, public_world, settings, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    seen = ""
    for url in public_urls(public_world):
        response = client.get(url)
        assert response.status_code in {200, 302, 404, 410}, url
        body = response.content.decode()
        for text in PRIVATE:
            assert text not in body, f"{text!r} on {url}"
        seen += body
    for text in PUBLIC_TEXT:
        assert text in seen, f"{text!r} on no public page"


def test_it_needs_no_login_for_the_public_pages(client, public_world):
    for url in public_urls(public_world):
        response = client.get(url)
        assert response.status_code in {200, 302, 404, 410}, url
        if response.status_code == 302:
            assert not response.url.startswith(reverse("account_login")), url
