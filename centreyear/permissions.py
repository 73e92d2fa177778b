"""Who may do what in the grant round (the one place that decides it)."""

from __future__ import annotations

from core.permissions import Access


def may_decide(access: Access, centre_id: int) -> bool:
    """Only a municipality viewer of the centre's own municipality confirms a centre or
    decides not to apply for it; a coordinator never confirms their own centre."""
    return access.is_municipality and centre_id in access.centre_ids


def may_request_application(access: Access) -> bool:
    """The municipality's viewers make its application summary."""
    return access.is_municipality and access.municipality_id is not None
