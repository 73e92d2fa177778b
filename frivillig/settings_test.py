"""Test overrides: fast hashing, in-memory e-mail and cache, plain HTTP."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-use-0123456789abcdef")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ACCOUNT_EMAIL_VERIFICATION", "optional")

from .settings import *  # noqa: E402,F403

# Each test database is built from the models, not by running the migrations (about 10 s per
# test process); the rows the migrations' data steps write are written into it after
# (tests/seeds.py), and the migrations have tests of their own on databases of their own.
DATABASES["default"]["TEST"] = {**DATABASES["default"].get("TEST", {}), "MIGRATE": False}  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Mail goes out at the commit, as without a broker, so tests read it from the outbox at once
# (tests/test_mail_queue.py covers the queue and the retries).
MAIL_SEND_IN_PROCESS = True
# The web process's upkeep would run between unrelated tests; tests/test_maintenance.py turns it on.
MAINTENANCE_IN_WEB = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Fault tests (tests/test_fault_worker.py) -----------------------------------------------------
# A worker started with these variables runs its jobs slowly (so it can be killed mid-job), or
# takes back the jobs of a dead worker within seconds instead of minutes: the broker redelivers
# after 2 s, a running job counts as lost 3 s after its start, and the worker sweeps every 2 s
# into the test's own queue.
JOBS_TEST_DELAY = float(os.environ.get("FRIVILLIG_TEST_RENDER_DELAY", "0") or 0)
if os.environ.get("FRIVILLIG_TEST_FAST_REDELIVERY"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": 2,
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }
    JOB_STALE_AFTER_SECONDS = 3
    JOB_SWEEP_SECONDS = 2

# Under pytest-xdist (make test) each test process has a database of its own, and so a queue of
# its own: the real worker started by one process never runs a job another process queued (its
# row ids would name other rows). The worker inherits the variable, so it reads the same queue.
if os.environ.get("PYTEST_XDIST_WORKER"):
    CELERY_TASK_DEFAULT_QUEUE = f"celery-{os.environ['PYTEST_XDIST_WORKER']}"
# A fault test's own worker reads (and its sweep queues jobs again to) the test's own queue; it
# comes after the process's queue, which the worker inherits too.
if os.environ.get("FRIVILLIG_TEST_QUEUE"):
    CELERY_TASK_DEFAULT_QUEUE = os.environ["FRIVILLIG_TEST_QUEUE"]

# Tests never reach the national register: a closed local port answers "unreachable" at once,
# and the tests of the register point BRREG_API_URL at their own server (organisations/tests).
BRREG_API_URL = "http://127.0.0.1:9"
BRREG_RETRIES = 0
BRREG_BACKOFF = 0

# Two-factor sign-in is required with DEBUG off; tests of it (core/tests/test_mfa.py) turn it on.
MFA_REQUIRED_ROLES = []
