"""The door mode: a phone or tablet at the door counts participants with big +1/−1 buttons.

Each tap gets a key on the device and waits in the device's queue until the server has it, so
counting goes on without a network and a tap sent twice is counted once
(`services.door_count`). The page works offline once opened (the service worker, `core.views.
service_worker`, keeps it), and says how many taps wait to be sent.
"""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from core.models import Role
from core.permissions import get_access, get_object_for_user, role_required

from . import selectors, services

WRITERS = (Role.COORDINATOR, Role.ASSOCIATION)


@role_required(*WRITERS)
def door(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_access(request)
    activity = get_object_for_user(
        request, selectors.activity_list(access=access), edit=True, pk=pk
    )
    self_count_url = request.build_absolute_uri(
        reverse("public:self_count", args=[services.self_count_token(activity)])
    )
    return render(
        request, "activities/door.html", {"activity": activity, "self_count_url": self_count_url}
    )


@role_required(*WRITERS)
def door_sync(request: HttpRequest, pk: int) -> HttpResponse:
    """Taps from the device's queue: `{"taps": [{"key": "...", "delta": 1}, ...]}`; answers
    with the participants counted and the keys the server now holds."""
    access = get_access(request)
    # Looked up first: another centre's activity is a 404 whatever the method.
    activity = get_object_for_user(
        request, selectors.activity_list(access=access), edit=True, pk=pk
    )
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        taps = json.loads(request.body or b"{}").get("taps", [])
        entries = [(str(tap["key"]), int(tap["delta"])) for tap in taps]
        applied, participants = services.door_count(
            actor=access, activity=activity, entries=entries
        )
    except (ValueError, TypeError, KeyError, AttributeError, ValidationError):
        return JsonResponse({"error": "invalid"}, status=400)
    return JsonResponse(
        {
            "participants": participants,
            "applied": applied,
            "received": [key for key, _delta in entries],
        }
    )
