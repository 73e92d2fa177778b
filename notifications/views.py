"""The reminder pages: a user's own opt-out, and the coordinator's log of what was sent."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from core.http import AuthenticatedHttpRequest
from core.models import Role, User
from core.permissions import get_access, role_required
from rotas import selectors as rota_selectors
from rotas import services as rota_services

from . import answers, services
from .models import Delivery, OptOut


class PreferencesForm(forms.Form):
    wants_reminders = forms.BooleanField(
        label=gettext_lazy("Send me reminders"),
        required=False,
        help_text=gettext_lazy(
            "Coordinators: follow-ups due, the weekly hours waiting for approval and the "
            "state grant's deadline. Associations: the yearly request to confirm the entry. "
            "The municipality: the state grant's deadline and annual evaluations that are ready."
        ),
    )


@role_required(Role.COORDINATOR, Role.ASSOCIATION, Role.MUNICIPALITY)
def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    opted_out = OptOut.objects.filter(user=request.user).exists()
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        initial={"wants_reminders": not opted_out},
    )
    if request.method == "POST" and form.is_valid():
        services.reminders_opt_out_set(
            actor=get_access(request), wants_reminders=form.cleaned_data["wants_reminders"]
        )
        messages.success(request, _("Your choice was saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@role_required(Role.COORDINATOR)
def delivery_log(request: HttpRequest) -> HttpResponse:
    """Reminders sent for the centre: to whom (as a reference, not a name), what, when, by
    which channel, and how it went. The text is not kept."""
    access = get_access(request)
    deliveries = Delivery.objects.visible_to(access).order_by("-created_at", "-pk")
    page = Paginator(deliveries, 100).get_page(request.GET.get("page"))
    names = _recipient_names(access, page.object_list)
    for delivery in page.object_list:
        delivery.recipient_name = names.get(delivery.recipient, "")  # type: ignore[attr-defined]
    return render(request, "notifications/delivery_log.html", {"page": page})


def _recipient_names(access, deliveries) -> dict[str, str]:
    """ "volunteer:12" -> the volunteer's name, and so on: three queries at most, each through
    the user's scope (an erased volunteer is shown as erased)."""
    from organisations.models import Organisation
    from volunteers.models import Volunteer

    ids: dict[str, set[int]] = {}
    for delivery in deliveries:
        kind, _sep, pk = delivery.recipient.partition(":")
        if pk.isdigit():
            ids.setdefault(kind, set()).add(int(pk))
    names: dict[str, str] = {}
    if ids.get("volunteer"):
        for volunteer in Volunteer.objects.visible_to(access).filter(pk__in=ids["volunteer"]):
            label = _("(erased)") if volunteer.is_erased else str(volunteer)
            names[f"volunteer:{volunteer.pk}"] = label
    if ids.get("organisation"):
        for organisation in Organisation.objects.visible_to(access).filter(
            pk__in=ids["organisation"]
        ):
            names[f"organisation:{organisation.pk}"] = organisation.name
    if ids.get("user"):
        for user in User.objects.filter(pk__in=ids["user"], centre_id__in=access.centre_ids):
            names[f"user:{user.pk}"] = str(user)
    return names


# --- Answers to a shift reminder without signing in --------------------------------------------


def _answer_page(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    return render(request, "notifications/answer.html", context, status=status)


@csrf_exempt  # the signed link is the permission; a mail client opens it without a form
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, action: str, token: str) -> HttpResponse:
    """A reminder's "I'm coming" / "I can't come" link: no login, and nothing but the answer.
    "I'm coming" is taken at once (one tap; taking it twice changes nothing); "I can't come"
    gives the place away, so it asks for one more tap on this page (a mail program that
    opens links to check them must not cancel anybody's shift)."""
    try:
        said = answers.read_answer(token, action=action)
    except answers.BadAnswerLink:
        return _answer_page(request, {"invalid": True}, status=410)
    if action == "cancel" and request.method != "POST":
        signup = rota_selectors.answer_signup(
            signup_id=said.signup_id, volunteer_id=said.volunteer_id
        )
        if signup is None:
            return _answer_page(request, {"invalid": True}, status=410)
        return _answer_page(request, {"ask": True, "signup": signup, "action": action})
    try:
        signup, moved = rota_services.shift_answer(
            signup_id=said.signup_id,
            volunteer_id=said.volunteer_id,
            action=action,
            channel="link",
        )
    except ValidationError as error:
        return _answer_page(request, {"refused": " ".join(error.messages)}, status=409)
    return _answer_page(request, {"done": True, "signup": signup, "action": action})


@csrf_exempt  # called by the SMS gateway, authenticated by its signature instead
@require_POST
def sms_inbound(request: HttpRequest) -> HttpResponse:
    """The SMS gateway's inbound webhook: a reply JA/NEI to a shift reminder. Refused (403)
    without a valid signature of the body with the shared secret (SMS_INBOUND_SECRET)."""
    if not answers.signature_valid(request.body, request.headers.get(answers.SIGNATURE_HEADER, "")):
        return JsonResponse({"error": "signature"}, status=403)
    try:
        payload = json.loads(request.body)
        sender, text = str(payload["from"]), str(payload["text"])
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": "invalid"}, status=400)
    result = services.sms_reply(sender=sender, text=text)
    return JsonResponse({"result": result})
