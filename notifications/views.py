"""The reminder pages: a user's own opt-out, and the coordinator's log of what was sent."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.http import AuthenticatedHttpRequest
from core.models import Role, User
from core.permissions import get_access, role_required

from . import services
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
            actor=request.user, wants_reminders=form.cleaned_data["wants_reminders"]
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
