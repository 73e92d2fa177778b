from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.models import Role
from core.permissions import get_access, get_object_for_user, role_required

from . import selectors
from .models import Organisation


@role_required(Role.COORDINATOR)
def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = selectors.organisation_list(access=get_access(request)).filter(
        is_archived=False
    )
    page = Paginator(organisations, 50).get_page(request.GET.get("page"))
    return render(request, "organisations/organisation_list.html", {"page": page})


@role_required(Role.COORDINATOR, Role.ASSOCIATION)
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_for_user(
        request, selectors.organisation_list(access=get_access(request)), pk=pk
    )
    return render(request, "organisations/organisation_detail.html", {"organisation": organisation})


__all__ = ["Organisation", "organisation_detail", "organisation_list"]
