"""A real OpenID Connect provider for the tests: tests/oidc/provider.js (the certified
`oidc-provider` from npm, pinned by tests/oidc/package-lock.json) started on 127.0.0.1."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import pytest
import requests

OIDC_DIR = Path(__file__).resolve().parents[3] / "tests" / "oidc"
PORTS = range(8125, 8140)  # this project's test ports
CLIENT_ID = "frivillig-test"
CLIENT_SECRET = "test-secret-for-the-local-provider"
CALLBACK = "http://testserver/accounts/eid/{}/login/callback/"


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("No free port for the OpenID Connect provider")


@dataclass
class Provider:
    issuer: str
    process: subprocess.Popen

    def app(self, provider_id: str = "idporten", **overrides) -> dict:
        roles = ["volunteer", "association"] if provider_id == "idporten" else ["coordinator"]
        settings = {
            "server_url": self.issuer,
            "issuer": self.issuer,
            "private_key": "",
            "key_id": "",
            "scope": ["openid", "profile"],
            "acr_values": "idporten-loa-substantial",
            "roles": roles,
            "signup": provider_id == "idporten",
            "fetch_userinfo": False,
        }
        settings.update(overrides)
        return {
            "provider_id": provider_id,
            "name": "ID-porten" if provider_id == "idporten" else "Ansattporten",
            "client_id": CLIENT_ID,
            "secret": CLIENT_SECRET,
            "settings": settings,
        }


def start_provider(redirect_uris: list[str], post_logout_redirect_uris: list[str]) -> Provider:
    """Start tests/oidc/provider.js on a free port of ours with one client; `npm ci` first when
    the package is not installed yet (the lock file pins it)."""
    node = shutil.which("node")
    npm = shutil.which("npm")
    if not node or not npm:
        if os.environ.get("CI"):
            pytest.fail("node and npm are needed for the OpenID Connect tests")
        pytest.skip("node and npm are needed for the OpenID Connect tests")
    if not (OIDC_DIR / "node_modules" / "oidc-provider").exists():
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"], cwd=OIDC_DIR, check=True, capture_output=True
        )
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}"
    client = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uris": redirect_uris,
        "post_logout_redirect_uris": post_logout_redirect_uris,
        "token_endpoint_auth_method": "client_secret_post",
        "grant_types": ["authorization_code"],
        "response_types": ["code"],
    }
    env = {**os.environ, "OIDC_PORT": str(port), "OIDC_CLIENT": json.dumps(client)}
    process = subprocess.Popen(
        [node, "provider.js"],
        cwd=OIDC_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=1).ok:
                break
        except requests.RequestException:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            output = process.stdout.read().decode() if process.stdout else ""
            process.kill()
            raise RuntimeError(f"The OpenID Connect provider did not start:\n{output}")
        time.sleep(0.2)
    return Provider(issuer=issuer, process=process)


def stop_provider(provider: Provider) -> None:
    provider.process.terminate()
    provider.process.wait(timeout=10)


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[Provider]:
    provider = start_provider(
        [CALLBACK.format("idporten"), CALLBACK.format("ansattporten")],
        ["http://testserver/accounts/login/"],
    )
    yield provider
    stop_provider(provider)


@pytest.fixture
def eid(oidc_provider, settings):
    """ID-porten and Ansattporten pointed at the local provider."""
    settings.EID_PID_HMAC_KEY = "test-pid-hmac-key"
    settings.SOCIALACCOUNT_PROVIDERS = {
        "eid": {"APPS": [oidc_provider.app("idporten"), oidc_provider.app("ansattporten")]}
    }
    return oidc_provider


class Browser:
    """The person's browser: the Django test client for our pages, a requests session (with
    its own cookies) for the provider's pages."""

    def __init__(self, client) -> None:
        self.client = client
        self.provider = requests.Session()

    def start(self, provider_id: str = "idporten", **query: str) -> str:
        """Press "Log in with ID-porten": returns the provider's authorization URL."""
        url = f"/accounts/eid/{provider_id}/login/"
        response = self.client.post(
            url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
        )
        assert response.status_code == 302, response.content.decode()[:500]
        return response.url

    def authenticate(self, authorize_url: str, pid: str) -> str:
        """Log in at the provider as `pid`; returns our callback URL (path and query)."""
        url = authorize_url
        for _ in range(10):
            response = self.provider.get(url, allow_redirects=False, timeout=10)
            if response.status_code in {302, 303}:
                url = urljoin(url, response.headers["Location"])
                if url.startswith("http://testserver/"):
                    return url.removeprefix("http://testserver")
                continue
            assert response.status_code == 200, response.text[:500]
            # The provider's login form (devInteractions): any password, the login is the pid.
            action = url
            response = self.provider.post(
                action,
                data={"prompt": "login", "login": pid, "password": "x"},
                allow_redirects=False,
                timeout=10,
            )
            assert response.status_code in {302, 303}, response.text[:500]
            url = urljoin(action, response.headers["Location"])
            if url.startswith("http://testserver/"):
                return url.removeprefix("http://testserver")
        raise AssertionError("The provider never sent the browser back")

    def login(self, pid: str, provider_id: str = "idporten"):
        callback = self.authenticate(self.start(provider_id), pid)
        return self.client.get(callback)


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}


@pytest.fixture
def eid_browser(client) -> Browser:
    return Browser(client)
