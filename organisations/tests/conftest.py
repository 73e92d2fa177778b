import pytest

from .register_server import RegisterServer


@pytest.fixture
def register(settings):
    """The national register's stand-in on 127.0.0.1; the client is pointed at it."""
    server = RegisterServer()
    settings.BRREG_API_URL = server.url
    settings.BRREG_RETRIES = 1
    settings.BRREG_BACKOFF = 0
    yield server
    server.stop()
