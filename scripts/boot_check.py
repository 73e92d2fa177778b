"""The production shape, booted without Docker (CI runs this after the test suite).

It runs the processes docker-compose.yml runs, with the same commands (deploy/run), against
PostgreSQL, Redis and a local S3-compatible object store (moto's server) on this machine: the
one-shot migration, gunicorn with 2 workers, a Celery worker and beat, all with DEBUG off, the
real settings and the host name an operator would use. Then, as a user behind the TLS proxy
would: wait for the health check the compose file runs, log in, request an annual report, wait
for the worker to render it into the object store and download it through the app (several
times, so both gunicorn workers serve it). Last, SIGTERM to all three processes: each must stop
by itself within its grace period, as `docker compose stop` expects.

    .venv/bin/python scripts/boot_check.py        # needs PostgreSQL and Redis on 127.0.0.1
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
HOST = "frivillig.example.no"
DATABASE = "frivillig_boot"
GRACE_SECONDS = {"web": 30, "worker": 60, "beat": 30}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def log(message: str) -> None:
    print(f"boot check: {message}", flush=True)


class Browser:
    """Just enough of a browser behind the TLS proxy: Host, X-Forwarded-Proto, cookies, CSRF."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, dict, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "203.0.113.7",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if form is not None:
            body = urlencode({**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{HOST}"
            headers["Referer"] = f"https://{HOST}{path}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        connection.close()
        return response.status, dict(response.getheaders()), data

    def get(self, path: str) -> tuple[int, dict, bytes]:
        return self.request("GET", path)

    def post(self, path: str, form: dict) -> tuple[int, dict, bytes]:
        return self.request("POST", path, form)


def totp_code(secret: str, period: int = 30, digits: int = 6) -> str:
    """The authenticator app's code of this moment (RFC 6238, SHA-1), as the phone shows it."""
    import base64
    import hashlib
    import hmac
    import struct

    key = base64.b32decode(secret, casefold=True)
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // period), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}d}"


def main() -> int:
    python_bin = Path(sys.executable).parent
    workdir = Path(tempfile.mkdtemp(prefix="frivillig-boot-"))
    port = free_port()
    store_port = free_port()
    store = subprocess.Popen(
        [str(python_bin / "moto_server"), "-H", "127.0.0.1", "-p", str(store_port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        return boot(python_bin, workdir, port, f"http://127.0.0.1:{store_port}")
    finally:
        store.terminate()
        store.wait(timeout=10)


def _create_bucket(endpoint: str, bucket: str) -> None:
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="boot",
        aws_secret_access_key="boot",
        region_name="us-east-1",
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            client.create_bucket(Bucket=bucket)
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def boot(python_bin: Path, workdir: Path, port: int, store: str) -> int:
    _create_bucket(store, "frivillig-boot")
    env = {
        **os.environ,
        "PATH": f"{python_bin}{os.pathsep}{os.environ.get('PATH', '')}",
        "DJANGO_SETTINGS_MODULE": "frivillig.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": f"https://{HOST}",
        "ACCESSIBILITY_STATEMENT_URL": "https://uustatus.no/nb/erklaringer/publisert/frivillig",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/7",
        "CACHE_URL": "redis://127.0.0.1:6379/8",
        "MEDIA_ROOT": str(workdir / "media"),
        "STORAGE_BUCKET": "frivillig-boot",
        "STORAGE_ENDPOINT_URL": store,
        "STORAGE_ACCESS_KEY": "boot",
        "STORAGE_SECRET_KEY": "boot",
        "STORAGE_REGION": "us-east-1",
        "STATIC_ROOT": str(workdir / "static"),
        "BACKUP_DIR": str(workdir / "backups"),
        "USE_X_FORWARDED_PROTO": "1",
        "TRUSTED_PROXY_COUNT": "1",
        "EMAIL_URL": "consolemail://",
        "BIND": f"127.0.0.1:{port}",
        "PYTHONUNBUFFERED": "1",
    }
    for name in ("PGDATABASE", "DJANGO_DEBUG"):
        env.pop(name, None)

    def manage(*args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=check,
            text=True,
            capture_output=True,
        )

    subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-q",
            "-c",
            f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)",
            "postgres",
        ],
        check=True,
    )
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)
    subprocess.run(["redis-cli", "-n", "7", "flushdb"], check=True, capture_output=True)

    log("collectstatic, as the image build does")
    manage("collectstatic", "--noinput")
    log("migrate (deploy/run migrate)")
    subprocess.run(
        ["sh", "deploy/run", "migrate"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    log("demo data, as allowed on a server only when asked explicitly")
    refused = manage("seed_demo", check=False)
    assert refused.returncode != 0 and "--i-know-this-is-production" in refused.stderr
    manage("seed_demo", "--i-know-this-is-production")

    processes: dict[str, subprocess.Popen] = {}
    logs = {}
    try:
        for name in ("web", "worker", "beat"):
            logs[name] = (workdir / f"{name}.log").open("w")
            processes[name] = subprocess.Popen(
                ["sh", "deploy/run", name],
                cwd=ROOT,
                env=env,
                stdout=logs[name],
                stderr=subprocess.STDOUT,
            )
        log(f"web, worker and beat started; gunicorn on 127.0.0.1:{port} as {HOST}")

        deadline = time.monotonic() + 60
        while True:
            health = subprocess.run(
                ["sh", "deploy/run", "healthcheck"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
            )
            if health.returncode == 0:
                break
            for name, process in processes.items():
                if process.poll() is not None:
                    raise SystemExit(
                        f"{name} exited early: {(workdir / f'{name}.log').read_text()}"
                    )
            if time.monotonic() > deadline:
                raise SystemExit(f"/healthz did not answer 200: {health.stderr}")
            time.sleep(1)
        log(f"health check (deploy/run healthcheck) passed: {health.stdout.strip()}")

        browser = Browser(port)
        status, _headers, _body = browser.get("/accounts/login/")
        assert status == 200, status
        status, headers, body = browser.post(
            "/accounts/login/",
            {"login": "koordinator@fjordvik.example", "password": "frivillig-demo"},
        )
        assert status == 302, (status, body[:500])
        log("logged in as the demo coordinator")
        # DEBUG off: a coordinator must have a second factor and is sent to set one up first.
        status, headers, _body = browser.get("/reports/")
        assert status == 302 and "/2fa/totp/activate/" in headers["Location"], (status, headers)
        _status, _headers, page = browser.get("/accounts/2fa/totp/activate/")
        tag = re.search(rb'<input[^>]*id="authenticator_secret"[^>]*>', page)
        found = tag and re.search(rb'value="([A-Z2-7=]+)"', tag.group(0))
        assert found, page[:2000]
        for _attempt in range(2):  # a code made at the turn of a 30 s period may come too late
            status, headers, body = browser.post(
                "/accounts/2fa/totp/activate/", {"code": totp_code(found.group(1).decode())}
            )
            if status == 302:
                break
        assert status == 302, (status, body[:500])
        log("enrolled an authenticator app (two-factor sign-in is required for coordinators)")

        def download_links() -> set[str]:
            _status, _headers, page = browser.get("/reports/")
            return {m.decode() for m in re.findall(rb'href="(/reports/\d+/download/)"', page)}

        before = download_links()
        year = time.localtime().tm_year - 1
        status, headers, body = browser.post(
            "/reports/new/", {"kind": "annual", "year": str(year), "language": "nb"}
        )
        assert status in (200, 302), (status, body[:500])
        log(f"requested the annual evaluation {year}; waiting for the worker")
        deadline = time.monotonic() + 120
        while not (new := download_links() - before):
            if time.monotonic() > deadline:
                raise SystemExit("the report was not rendered within 120 s")
            time.sleep(1)
        link = new.pop()
        for _ in range(4):  # both gunicorn workers serve it
            status, headers, pdf = browser.get(link)
            assert status == 200 and pdf.startswith(b"%PDF-"), (status, pdf[:100])
        log(f"downloaded {link} ({len(pdf)} bytes) four times, from the object store")
        assert not any((workdir / "media").rglob("*.pdf")), "a report was written to local disk"
    finally:
        stopped = {}
        for process in processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for name, process in processes.items():
            started = time.monotonic()
            try:
                code = process.wait(timeout=GRACE_SECONDS[name])
                stopped[name] = (code, time.monotonic() - started)
            except subprocess.TimeoutExpired:
                process.kill()
                stopped[name] = (None, GRACE_SECONDS[name])
        for handle in logs.values():
            handle.close()
    failed = [name for name, (code, _s) in stopped.items() if code != 0]
    for name, (code, seconds) in stopped.items():
        log(f"{name} stopped on SIGTERM with exit code {code} after {seconds:.1f} s")
    if failed:
        for name in failed:
            print((workdir / f"{name}.log").read_text()[-3000:])
        raise SystemExit(f"did not stop cleanly within the grace period: {failed}")
    log("passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
