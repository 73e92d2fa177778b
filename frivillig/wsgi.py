import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frivillig.settings")

application = get_wsgi_application()


def _freeze_the_loaded_application() -> None:
    """Move what lives as long as the process out of the garbage collector's reach.

    The application's modules, models, URL patterns and translation catalogues are some 200 000
    objects that are never garbage; every full collection (one in a few dozen requests) walked
    them all, over 100 ms added to that request. Loaded here first (the URL patterns and the
    catalogues would otherwise load on the first requests), then frozen (`gc.freeze`): a full
    collection walks only what the requests made. Nothing is cached that a request reads."""
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().reverse_dict  # noqa: B018 -- the URL patterns, loaded
    for code, _name in settings.LANGUAGES:
        translation.activate(code)
    translation.deactivate()
    gc.freeze()


_freeze_the_loaded_application()
