"""Reports rendered by a worker on one host are downloaded through the app on another: files go
to a shared S3-compatible object store (a local server started by the test run)."""

from __future__ import annotations

from django.urls import reverse

from reports import services
from reports.models import ReportJob
from tests.factories import access_of

from .conftest import YEAR


def test_a_rendered_report_lands_in_the_object_store_and_downloads_through_the_app(
    world, login, project_231, object_store, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job, _created = services.report_request(
            actor=access_of(world.coordinator), centre=world.centre, kind="annual", year=YEAR
        )
    job.refresh_from_db()
    assert job.status == ReportJob.Status.DONE, job.error

    keys = [
        item["Key"] for item in object_store.list_objects_v2(Bucket=object_store.bucket)["Contents"]
    ]
    assert keys == [job.file.name]
    stored = object_store.get_object(Bucket=object_store.bucket, Key=job.file.name)["Body"].read()

    response = login(world.coordinator).get(reverse("reports:download", args=[job.pk]))
    assert response.status_code == 200
    downloaded = b"".join(response.streaming_content)
    assert downloaded == stored and downloaded.startswith(b"%PDF-")
    # Another centre's coordinator cannot reach it: the store is never public.
    assert (
        login(world.other_coordinator).get(reverse("reports:download", args=[job.pk])).status_code
        == 404
    )


def test_deleting_a_report_deletes_its_object(
    world, login, project_231, object_store, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job, _created = services.report_request(
            actor=access_of(world.coordinator), centre=world.centre, kind="annual", year=YEAR
        )
    job.refresh_from_db()
    assert job.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.report_delete(actor=access_of(world.coordinator), job=job)
    listing = object_store.list_objects_v2(Bucket=object_store.bucket)
    assert listing.get("KeyCount", 0) == 0


def test_the_object_store_is_configured_from_the_environment(monkeypatch):
    import importlib

    monkeypatch.setenv("STORAGE_BUCKET", "frivillig-prod")
    monkeypatch.setenv("STORAGE_ENDPOINT_URL", "https://s3.kommune.example")
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    from frivillig import settings as module

    try:
        reloaded = importlib.reload(module)
        default = reloaded.STORAGES["default"]
        assert default["BACKEND"] == "storages.backends.s3.S3Storage"
        assert default["OPTIONS"]["bucket_name"] == "frivillig-prod"
        assert default["OPTIONS"]["endpoint_url"] == "https://s3.kommune.example"
        assert default["OPTIONS"]["default_acl"] is None
    finally:
        monkeypatch.delenv("STORAGE_BUCKET")
        importlib.reload(module)
