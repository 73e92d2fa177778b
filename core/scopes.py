"""The guard against unscoped queries of centre-owned models (the mechanism; the rule of where
it is on lives in `core.permissions`).

Every `CentreScopedModel` queryset carries how it was scoped. It is scoped when it went through
`visible_to(access)`, `for_centre(centre)`, `system()`, `none()`, or was reached from a
centre-owned row (`volunteer.hour_entries.all()`, a prefetch): those are bound to centres the
caller chose deliberately. While a guard is active (`request_scope`, entered once per request by
`core.middleware.ScopeMiddleware`), running any other query of such a model (iterating it,
`get`, `count`, `exists`, `aggregate`, `update`, `delete`) raises `ScopeError` (or, with
`SCOPE_GUARD=log`, logs it). Code that legitimately works across centres says so where it does
it: `with scopes_disabled():` (also a decorator) or `Model.objects.system()`.

Unlike django-scopes, whose context filters every query automatically, the mark travels with the
queryset: `Organisation.objects.all()` inside a coordinator's request is not silently narrowed
to the centre (which would still leak rows a volunteer or an association user may not see); it
fails the test suite.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import ContextDecorator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings

if TYPE_CHECKING:
    from django.db.models import Model

logger = logging.getLogger("frivillig.scopes")


class ScopeError(Exception):
    """A centre-owned model was queried without a scope while the guard was on."""


@dataclass(frozen=True)
class _State:
    active: bool
    centre_ids: Callable[[], frozenset[int] | None] | None = None


_state: ContextVar[_State | None] = ContextVar("frivillig_scope", default=None)


def guard_active() -> bool:
    state = _state.get()
    return state is not None and state.active


def scope_centre_ids() -> frozenset[int] | None:
    """The centres of the active request scope (None: no request scope, or the system's)."""
    state = _state.get()
    if state is None or not state.active or state.centre_ids is None:
        return None
    return state.centre_ids()


class _Enter(ContextDecorator):
    def __init__(self, state: _State) -> None:
        self.state = state
        self._tokens: list = []

    def _recreate_cm(self) -> _Enter:
        # As a decorator: a fresh one per call, so threads never share the token stack.
        return _Enter(self.state)

    def __enter__(self) -> None:
        self._tokens.append(_state.set(self.state))

    def __exit__(self, *exc: Any) -> None:
        _state.reset(self._tokens.pop())


def request_scope(centre_ids: Callable[[], frozenset[int] | None] | None = None) -> _Enter:
    """Turn the guard on (for one request). `centre_ids` is called, at most when needed, for
    the centres the user may see: `for_centre` refuses any other."""
    return _Enter(_State(active=True, centre_ids=centre_ids))


def scopes_disabled() -> _Enter:
    """Code that works across centres on purpose (services, tasks, commands, the admin, seed
    data, factories): the guard is off inside. A context manager and a decorator."""
    return _Enter(_State(active=False))


def report_unscoped(model: type[Model], operation: str) -> None:
    """Raise (or log, with SCOPE_GUARD=log) for an unscoped query while the guard is on."""
    message = (
        f"Unscoped query of {model._meta.label} ({operation}) while the centre guard is on: go "
        "through visible_to(access), for_centre(...), objects.system() or scopes_disabled()."
    )
    if getattr(settings, "SCOPE_GUARD", "raise") == "log":
        logger.error(message, stack_info=True)
        return
    raise ScopeError(message)
