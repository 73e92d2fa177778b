from unittest import mock

import pytest
from django.urls import reverse


def test_it_reports_ok_when_the_database_answers(client, db, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"status": "ok"}


def test_it_reports_503_when_the_database_is_down(client, db):
    with mock.patch("core.views.connection") as connection:
        connection.cursor.side_effect = RuntimeError("connection refused")
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"]["status"] == "down"


def test_it_reports_503_when_the_configured_broker_is_unreachable(client, db, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["status"] == "down"


@pytest.mark.worker
def test_it_reports_ok_with_the_real_broker(client, db, settings):
    if not settings.CELERY_BROKER_URL:
        pytest.skip("no broker configured")
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == {"status": "ok"}
