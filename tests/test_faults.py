"""Faults: a database failure mid-request shows a friendly page, not a traceback."""

from unittest import mock

from django.db import OperationalError
from django.urls import reverse


def test_a_database_failure_shows_a_friendly_error_page(world, client):
    client.force_login(world.coordinator)
    client.raise_request_exception = False
    with mock.patch("core.views.cards_for", side_effect=OperationalError("server closed")):
        response = client.get(reverse("core:home"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Noe gikk galt" in page
    assert "Something went wrong" in page
    assert "OperationalError" not in page
