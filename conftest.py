"""Shared fixtures: a small two-municipality world with a user of every role, and a real
Celery worker for the job tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from http.cookies import SimpleCookie
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings

from tests import factories as f

ROOT = Path(__file__).resolve().parent
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@dataclass
class World:
    """Municipality A has centres A and A2; municipality B has centre B.

    Each centre has associations; `organisation` belongs to the association user, and
    `other_organisation` is a second association of the same centre.
    """

    municipality: object
    other_municipality: object
    centre: object
    sibling_centre: object
    other_centre: object
    organisation: object
    other_organisation: object
    foreign_organisation: object
    volunteer: object
    other_volunteer: object
    foreign_volunteer: object
    coordinator: object
    other_coordinator: object
    association: object
    municipality_viewer: object
    other_municipality_viewer: object
    volunteer_user: object
    site_admin: object


@pytest.fixture
def world(db) -> World:
    """Two municipalities, their centres, associations, volunteers and a user of each role."""
    return build_world()


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """The world written once for a module whose tests ask many questions of the same rows (the
    permission matrices), in `module_transaction`: each test still runs in its own savepoint (it
    asks for `db`), so what it writes is undone after it; it must not change the world's
    objects in memory. A module's own rows for such tests come from a module fixture of its
    own, written with `module_rows`."""
    with module_transaction(django_db_blocker):
        with module_rows(django_db_blocker):
            world = build_world()
        yield world


@contextmanager
def module_transaction(django_db_blocker):
    """A transaction held open around a module's tests and rolled back after the last, as
    Django's `TestCase.setUpTestData` holds one around a class: rows written once in it (with
    `module_rows`) are read by every test of the module, each in a savepoint of its own. The
    database stays closed between, to the tests that do not ask for `db`."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@contextmanager
def module_rows(django_db_blocker):
    """Where a module fixture writes its rows inside the module's transaction
    (`module_transaction`, which `shared_world` holds open)."""
    with django_db_blocker.unblock():
        yield


def build_world() -> World:
    """Written in one insert per table (most tests ask for the world: saved row by row it was
    twenty queries per test). None of its models has save signals; an association's derived
    search columns are set by the method its own save calls."""
    from core.models import Centre, Municipality, Role, User
    from organisations.models import Membership, Organisation
    from volunteers.models import Volunteer

    municipality, other_municipality = Municipality.objects.bulk_create(
        [
            f.MunicipalityFactory.build(name="Fjordvik kommune", slug="fjordvik"),
            f.MunicipalityFactory.build(name="Annen kommune", slug="annen"),
        ]
    )
    centre, sibling_centre, other_centre = Centre.objects.bulk_create(
        [
            f.CentreFactory.build(municipality=municipality, name="Fjordvik frivilligsentral"),
            f.CentreFactory.build(municipality=municipality, name="Nordbyen frivilligsentral"),
            f.CentreFactory.build(municipality=other_municipality, name="Annen frivilligsentral"),
        ]
    )
    organisations = [
        f.OrganisationFactory.build(centre=centre, name="Fjordvik Sanitetsforening"),
        f.OrganisationFactory.build(centre=centre, name="Fjordvik Turlag"),
        f.OrganisationFactory.build(centre=other_centre, name="Annen forening"),
    ]
    for organisation in organisations:
        organisation.derive_search_columns()
    organisation, other_organisation, foreign_organisation = Organisation.objects.bulk_create(
        organisations
    )
    users = User.objects.bulk_create(
        [
            f.UserFactory.build(
                role=Role.COORDINATOR, centre=centre, email="koordinator@example.org"
            ),
            f.UserFactory.build(
                role=Role.COORDINATOR, centre=other_centre, email="annen.koordinator@example.org"
            ),
            f.UserFactory.build(role=Role.ASSOCIATION, centre=centre, email="lag@example.org"),
            f.UserFactory.build(
                role=Role.MUNICIPALITY, municipality=municipality, email="kommune@example.org"
            ),
            f.UserFactory.build(
                role=Role.MUNICIPALITY,
                municipality=other_municipality,
                email="annen.kommune@example.org",
            ),
            f.UserFactory.build(role=Role.VOLUNTEER, centre=centre, email="frivillig@example.org"),
            f.UserFactory.build(email="admin@example.org", is_staff=True, is_superuser=True),
        ]
    )
    coordinator, other_coordinator, association, viewer, other_viewer, volunteer_user, admin = users
    Membership.objects.create(organisation=organisation, user=association)
    volunteer, other_volunteer, foreign_volunteer = Volunteer.objects.bulk_create(
        [
            f.VolunteerFactory.build(centre=centre, user=volunteer_user),
            f.VolunteerFactory.build(centre=centre),
            f.VolunteerFactory.build(centre=other_centre),
        ]
    )
    return World(
        municipality=municipality,
        other_municipality=other_municipality,
        centre=centre,
        sibling_centre=sibling_centre,
        other_centre=other_centre,
        organisation=organisation,
        other_organisation=other_organisation,
        foreign_organisation=foreign_organisation,
        volunteer=volunteer,
        other_volunteer=other_volunteer,
        foreign_volunteer=foreign_volunteer,
        coordinator=coordinator,
        other_coordinator=other_coordinator,
        association=association,
        municipality_viewer=viewer,
        other_municipality_viewer=other_viewer,
        volunteer_user=volunteer_user,
        site_admin=admin,
    )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Each test database is built from the models (settings_test: its `MIGRATE` is off) and
    then holds the rows the migrations' data steps write (tests/seeds.py)."""
    from tests.seeds import write_migration_rows

    with django_db_blocker.unblock():
        write_migration_rows()


@cache
def our_apps() -> frozenset[str]:
    """The labels of the project's own apps (those whose code lives in this repository): a
    test over "every app" reads them here, so a new app is in it without being listed. Read
    once per process (the property tests count every app's rows before and after each example,
    and resolving the apps' paths each time was a third of that)."""
    from django.apps import apps

    root = Path(settings.BASE_DIR).resolve()
    return frozenset(
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(root)
        and ".venv" not in Path(config.path).parts
        and config.label not in {"demo"}
    )


ROLES = [
    "anonymous",
    "coordinator",
    "association",
    "municipality_viewer",
    "volunteer_user",
    "site_admin",
]


@pytest.fixture
def login(client):
    """login(user) logs the test client in as `user` (None stays anonymous)."""

    def _login(user, *, reauthenticated: bool = True):
        # The session is dropped as a new browser would, without Client.logout()'s audited
        # sign-out (tests of signing out post to the logout URL).
        client.cookies = SimpleCookie()
        if user is not None:
            sign_in(client, user, reauthenticated=reauthenticated)
        return client

    return _login


def sign_in(client, user, *, reauthenticated: bool = True) -> None:
    """What `Client.force_login` does (Django's `login()` on a fresh session: its signals, the
    audit trail's sign-in, the session limits), with the session written once: force_login
    saves an empty session first and login() replaces it, and marking the sign-in recent after
    read and wrote it again (20 queries a sign-in, most tests sign in).

    `reauthenticated`: as if `user` had just signed in through the login form: allauth's record
    of the sign-in, which counts as a recent re-authentication (core.sessions.
    mark_recent_sign_in, on the sign-in signal), so the sensitive steps (erasure, exports,
    roles) do not ask again. Tests of the re-authentication use login(user,
    reauthenticated=False)."""
    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )
    from django.contrib.auth import login as django_login
    from django.http import HttpRequest

    request = HttpRequest()
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    if reauthenticated:
        request.session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "password", "at": time.time(), "email": user.email, "reauthenticated": True}
        ]
        request.session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    django_login(request, user, client._get_backend())
    request.session.save()
    client._set_login_cookies(request)


@pytest.fixture(autouse=True)
def _cache_emptied():
    """Each test starts with an empty cache: allauth's sign-in rate limits and the sign-up
    limits count in it, and a test's failed sign-ins must not lock the next test's user out."""
    from django.core.cache import cache

    yield
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _media_outside_the_checkout(tmp_path_factory):
    """Files written outside a test (a module's shared rows, the demo seeded once for a module)
    go to a temporary folder too, never the project's media/."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Stored files (reports, uploads) go to a temporary folder, never the project's media/
    (`celery_worker` points it at the real worker's folder instead)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# --- A real Celery worker against Redis ---------------------------------------------------------


def _worker_services_missing() -> str | None:
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        return "CELERY_BROKER_URL is not a Redis URL"
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return "the worker needs a shared database (set DATABASE_URL to PostgreSQL)"
    return None


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, tmp_path_factory):
    """Start `celery worker` as a separate process on the test database and Redis."""
    missing = _worker_services_missing()
    if missing:
        if IN_CI:
            pytest.fail(f"Worker tests must run in CI, but {missing}.")
        pytest.skip(f"Worker tests need PostgreSQL and Redis: {missing}.")
    db = settings.DATABASES["default"]
    database_url = (
        f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    media = tmp_path_factory.mktemp("worker-media")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "frivillig.settings_test",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        # The worker's own folder for stored files; `celery_worker` points the tests at it.
        "MEDIA_ROOT": str(media),
    }
    log_path = ROOT / "test-artifacts" / "celery-worker.log"
    log_path.parent.mkdir(exist_ok=True)
    log = log_path.open("w")
    # Purge tasks left in the queue by an earlier, interrupted run.
    subprocess.run(
        [sys.executable, "-m", "celery", "-A", "frivillig", "purge", "-f"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        check=False,
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "frivillig",
            "worker",
            "--pool=prefork",
            "--concurrency=2",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--hostname=test-worker@%h",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    from frivillig.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The Celery worker exited early; see {log_path}")
        try:
            if app.control.ping(timeout=1.0):
                break
        except Exception:  # the broker may still be coming up
            time.sleep(0.5)
    else:
        process.terminate()
        pytest.fail(f"The Celery worker did not answer within 60 s; see {log_path}")
    process.media_root = media
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture
def services_or_skip():
    missing = _worker_services_missing()
    if missing:
        if IN_CI:
            pytest.fail(f"Worker fault tests must run in CI, but {missing}.")
        pytest.skip(f"Worker fault tests need PostgreSQL and Redis: {missing}.")


@pytest.fixture
def queue_name() -> str:
    """A queue of this test's own, so the shared test worker never takes its messages."""
    return f"fault-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def celery_worker(celery_worker_process, transactional_db, settings):
    """A running worker; data written by the test is committed so the worker sees it, and the
    files it stores are read from its folder."""
    settings.MEDIA_ROOT = celery_worker_process.media_root
    settings.CELERY_TASK_ALWAYS_EAGER = False
    from frivillig.celery import app

    app.conf.task_always_eager = False
    yield celery_worker_process
    app.conf.task_always_eager = not settings.CELERY_BROKER_URL


def wait_for(predicate, timeout: float = 30.0, interval: float = 0.2):
    """Poll `predicate` until it returns a truthy value or the timeout passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s")


def _flush_by_delete(original):
    """PostgreSQL's flush for the transactional tests (live server, real workers): DELETE FROM
    every table instead of Django's one TRUNCATE of all of them. A TRUNCATE gives each of the
    ~95 tables and their indexes new files whatever they hold: 1-2 s per test, where the tests
    leave a few hundred rows that DELETE removes in tens of milliseconds. The foreign keys
    Django creates are DEFERRABLE INITIALLY DEFERRED, so the order of the deletes does not
    matter; they are checked when the flush commits. A flush that resets the sequences (a test
    marked `reset_sequences`) keeps Django's TRUNCATE ... RESTART IDENTITY."""

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not tables:
            return original(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return ["SET CONSTRAINTS ALL DEFERRED;"] + [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
        ]

    return sql_flush


def pytest_configure(config):
    from django.db.backends.postgresql.operations import DatabaseOperations

    DatabaseOperations.sql_flush = _flush_by_delete(DatabaseOperations.sql_flush)


def _database_use(item) -> int:
    """pytest-django's order (as Django's runner): 0 tests on the database in a transaction,
    1 transactional tests (live server, real workers), which empty the tables data migrations
    filled, and 2 tests without the database."""
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    if (
        (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or "transactional_db" in fixtures
        or "live_server" in fixtures
    ):
        return 1
    return 0 if marker or "db" in fixtures else 2


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    # Within pytest-django's order, the longest tests (marked `heavy`) go first: under
    # pytest-xdist the processes take tests in this order, so none starts a long test when the
    # other is nearly done (the small tests at the end even the two out). Not among the
    # transactional tests: each empties the tables when it ends, and some journeys need the rows
    # of the data migrations, found only by those that run before the others.
    items.sort(
        key=lambda item: (
            _database_use(item),
            _database_use(item) != 1 and not item.get_closest_marker("heavy"),
        )
    )
    for item in items:
        # Tests with the shared worker, and those that start and kill workers of their own.
        uses_worker = bool({"celery_worker", "services_or_skip"} & set(item.fixturenames))
        if uses_worker:
            item.user_properties.append(("worker", True))
        if uses_worker or item.get_closest_marker("worker"):
            # One Redis for all: under pytest-xdist (make test) the tests of real workers run in
            # one process, one after another, so no worker takes or restores another's messages.
            item.add_marker(pytest.mark.xdist_group("celery-worker"))


def pytest_terminal_summary(terminalreporter):
    worker_reports = [
        r
        for stats in ("passed", "failed")
        for r in terminalreporter.stats.get(stats, [])
        if r.when == "call" and ("worker", True) in r.user_properties
    ]
    if worker_reports:
        passed = sum(1 for r in worker_reports if r.passed)
        terminalreporter.write_line(
            f"Real Celery worker tests executed: {len(worker_reports)} ({passed} passed)"
        )


# --- Documents not laid out, for the tests that walk every URL --------------------------------


NOT_LAID_OUT = b"%PDF-1.7\n% not laid out: the test walks URLs for their answers\n%%EOF\n"


@pytest.fixture
def pdfs_not_laid_out(monkeypatch):
    """The one PDF renderer (core.pdf.html_to_pdf) returns a stub instead of laying the document
    out: for the tests that walk every URL for who gets what answer (the permission matrix, the
    district filter), where WeasyPrint's seconds per document were a quarter of their time. The
    HTML is still rendered from its template, so a template error still fails them; each
    document has tests of its own that lay it out and read it back (tests/pdf_checks.py)."""
    import core.pdf

    def not_laid_out(html: str, *, base_url: str, progress=None) -> bytes:
        assert html.lstrip().startswith("<"), "the print template rendered no HTML"
        return NOT_LAID_OUT

    renderer = core.pdf.html_to_pdf
    # Every module that imported the renderer by name (all are imported by the URL patterns).
    for module in list(sys.modules.values()):
        if getattr(module, "html_to_pdf", None) is renderer:
            monkeypatch.setattr(module, "html_to_pdf", not_laid_out)


# --- A local S3-compatible object store (moto's server, on 127.0.0.1) ---------------------------


@pytest.fixture(scope="session")
def object_store_server():
    """moto's S3 server in this process on a free loopback port; never the network."""
    from moto.server import ThreadedMotoServer

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def object_store(object_store_server, settings):
    """The default storage is a fresh private bucket in the local object store."""
    import boto3

    bucket = f"frivillig-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=object_store_server,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=bucket)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": object_store_server,
                "access_key": "test",
                "secret_key": "test",
                "region_name": "us-east-1",
                "addressing_style": "path",
                "default_acl": None,
                "file_overwrite": False,
            },
        },
    }
    client.bucket = bucket
    return client


@pytest.fixture
def run_jobs(settings, django_capture_on_commit_callbacks):
    """Tasks run in-process (even with a broker configured), and the jobs queued when a
    transaction commits run as the `with run_jobs():` block ends."""
    from frivillig.celery import app

    previous = app.conf.task_always_eager
    settings.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.task_always_eager = True
    yield lambda: django_capture_on_commit_callbacks(execute=True)
    app.conf.task_always_eager = previous
