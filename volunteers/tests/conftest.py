import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """The sign-up rate limit counts in the cache; start each test with none counted."""
    cache.clear()
    yield
    cache.clear()
