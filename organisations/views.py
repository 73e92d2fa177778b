from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.adapters import SIGNUP_GRANT_SESSION_KEY
from core.concurrency import EditConflict, conflict_message, refresh_version
from core.models import Centre, Role
from core.permissions import get_access, get_object_for_user, role_required

from . import exports, importing, selectors, services
from .charts import bar_chart
from .forms import CategoryForm, ImportForm, InvitationForm, OrganisationForm
from .models import Category, Invitation, Organisation
from .signals import INVITATION_SESSION_KEY

IMPORT_SESSION_KEY = "organisations_import"
PREVIEW_ROWS = 200
PREVIEW_ERRORS = 500
PAGE_SIZE = 25


def _query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@role_required(Role.COORDINATOR)
def organisation_list(request: HttpRequest) -> HttpResponse:
    access = get_access(request)
    filterset = selectors.organisation_filter(access=access, params=request.GET)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = _query_without_page(request)
    params = request.GET.copy()
    params.pop("page", None)
    current = params.pop("sort", [""])[0]
    base = params.urlencode()
    sort_links = {
        key: {
            "url": "?"
            + "&".join(filter(None, [base, f"sort={'-' if current == key else ''}{key}"])),
            "state": "ascending"
            if current == key
            else "descending"
            if current == f"-{key}"
            else "",
        }
        for key in ("name", "district", "confirmed")
    }
    return render(
        request,
        "organisations/organisation_list.html",
        {"filter": filterset, "page": page, "query": query, "sort_links": sort_links},
    )


@role_required(Role.COORDINATOR)
def organisation_export(request: HttpRequest, fmt: str) -> HttpResponse:
    filterset = selectors.organisation_filter(access=get_access(request), params=request.GET)
    if fmt == "xlsx":
        return exports.as_xlsx(filterset.qs)
    if fmt == "csv":
        return exports.as_csv(filterset.qs)
    raise Http404


@role_required(Role.COORDINATOR)
def organisation_create(request: HttpRequest) -> HttpResponse:
    access = get_access(request)
    centre = get_object_or_404(Centre, pk=access.centre_id)
    form = OrganisationForm(request.POST or None, centre=centre)
    if request.method == "POST" and form.is_valid():
        organisation = services.organisation_create(
            actor=request.user,
            centre=centre,
            data=form.entry_data,
            categories=form.categories,
            cooperation_areas=form.cleaned_data["cooperation_areas"],
        )
        messages.success(request, _("%(name)s was added to the registry.") % {"name": organisation})
        return redirect("organisations:detail", organisation.pk)
    return render(
        request, "organisations/organisation_form.html", {"form": form, "organisation": None}
    )


@role_required(Role.COORDINATOR, Role.ASSOCIATION)
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_access(request)
    organisation = get_object_for_user(request, selectors.organisation_detail(access=access), pk=pk)
    context = {
        "organisation": organisation,
        "can_edit": organisation.is_editable_by(access),
    }
    if access.is_coordinator:
        context.update(
            history=selectors.organisation_history(organisation=organisation),
            members=selectors.members_of(organisation=organisation),
            invitations=selectors.invitations_of(organisation=organisation),
            invitation_form=InvitationForm(),
        )
    return render(request, "organisations/organisation_detail.html", context)


@role_required(Role.COORDINATOR, Role.ASSOCIATION)
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_access(request)
    organisation = get_object_for_user(request, Organisation, edit=True, pk=pk)
    form = OrganisationForm(
        request.POST or None, instance=organisation, for_association=access.is_association
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                actor=request.user,
                organisation=organisation,
                data=form.entry_data,
                categories=form.categories,
                cooperation_areas=form.cleaned_data["cooperation_areas"],
                by_association=access.is_association,
                expected_version=form.loaded_version,
                confirm="confirm" in request.POST,
            )
        except EditConflict as conflict:
            form.add_error(None, conflict_message(form, conflict.current))
            refresh_version(form, conflict.current)
        else:
            messages.success(
                request,
                _("The entry was saved and confirmed as current. Thank you!")
                if "confirm" in request.POST
                else _("The entry was saved."),
            )
            return redirect("organisations:detail", organisation.pk)
    return render(
        request,
        "organisations/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


@require_POST
@role_required(Role.COORDINATOR)
def organisation_archive(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_for_user(request, Organisation, edit=True, pk=pk)
    services.organisation_archive(actor=request.user, organisation=organisation)
    messages.success(request, _("%(name)s was archived.") % {"name": organisation})
    return redirect("organisations:detail", organisation.pk)


@require_POST
@role_required(Role.COORDINATOR)
def organisation_restore(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_for_user(request, Organisation, edit=True, pk=pk)
    services.organisation_restore(actor=request.user, organisation=organisation)
    messages.success(request, _("%(name)s is active again.") % {"name": organisation})
    return redirect("organisations:detail", organisation.pk)


@require_POST
@role_required(Role.COORDINATOR, Role.ASSOCIATION)
def organisation_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_for_user(request, Organisation, edit=True, pk=pk)
    services.organisation_confirm(actor=request.user, organisation=organisation)
    messages.success(request, _("Thank you! The entry is confirmed as current."))
    return redirect("organisations:detail", organisation.pk)


# --- Invitations and association users --------------------------------------------------------


@require_POST
@role_required(Role.COORDINATOR)
def organisation_invite(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_for_user(request, Organisation, edit=True, pk=pk)
    form = InvitationForm(request.POST)
    if form.is_valid():
        invitation = services.invitation_create(
            actor=request.user, organisation=organisation, email=form.cleaned_data["email"]
        )
        messages.success(
            request, _("An invitation was sent to %(email)s.") % {"email": invitation.email}
        )
    else:
        messages.error(request, " ".join(form.errors["email"]))
    return redirect(reverse("organisations:detail", args=[organisation.pk]) + "#users")


@require_POST
@role_required(Role.COORDINATOR)
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_for_user(request, Invitation, edit=True, pk=pk)
    services.invitation_revoke(actor=request.user, invitation=invitation)
    messages.success(
        request, _("The invitation to %(email)s no longer works.") % {"email": invitation.email}
    )
    return redirect(reverse("organisations:detail", args=[invitation.organisation_id]) + "#users")


@require_POST
@role_required(Role.COORDINATOR)
def membership_revoke(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    organisation = get_object_for_user(request, Organisation, edit=True, pk=pk)
    membership = get_object_or_404(
        organisation.memberships.select_related("user"), pk=membership_pk
    )
    services.membership_revoke(actor=request.user, membership=membership)
    messages.success(
        request,
        _("%(user)s can no longer keep this entry.") % {"user": membership.user.email},
    )
    return redirect(reverse("organisations:detail", args=[organisation.pk]) + "#users")


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mailed link: lets the person sign up or log in, then binds the account."""
    invitation = (
        Invitation.objects.select_related("organisation", "centre").filter(token=token).first()
    )
    if (
        invitation is not None
        and request.user.is_authenticated
        and invitation.accepted_by_id == request.user.pk
    ):
        # Accepted already, e.g. right after sign-up (see organisations.signals).
        return redirect("organisations:detail", invitation.organisation_id)
    if invitation is None or not invitation.is_usable:
        request.session.pop(SIGNUP_GRANT_SESSION_KEY, None)
        return render(request, "organisations/invitation_invalid.html", status=410)
    here = request.get_full_path()
    if not request.user.is_authenticated:
        # Open sign-up for this browser session only, for the person holding the link.
        request.session[SIGNUP_GRANT_SESSION_KEY] = True
        request.session[INVITATION_SESSION_KEY] = token
        query = urlencode({REDIRECT_FIELD_NAME: here})
        return render(
            request,
            "organisations/invitation_accept.html",
            {
                "invitation": invitation,
                "signup_url": f"{reverse('account_signup')}?{query}",
                "login_url": f"{reverse('account_login')}?{query}",
            },
        )
    if request.method == "POST":
        try:
            services.invitation_accept(user=request.user, invitation=invitation)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(here)
        request.session.pop(SIGNUP_GRANT_SESSION_KEY, None)
        request.session.pop(INVITATION_SESSION_KEY, None)
        messages.success(
            request,
            _("Welcome! You now keep the entry of %(name)s.") % {"name": invitation.organisation},
        )
        return redirect("organisations:detail", invitation.organisation_id)
    return render(request, "organisations/invitation_accept.html", {"invitation": invitation})


# --- Import -------------------------------------------------------------------------------------


@role_required(Role.COORDINATOR)
def import_template(request: HttpRequest) -> HttpResponse:
    rows = importing.template_rows()
    if request.GET.get("format") == "csv":
        return exports.template_csv(rows)
    return exports.template_xlsx(rows)


@role_required(Role.COORDINATOR)
def organisation_import(request: HttpRequest) -> HttpResponse:
    """Upload, preview (every bad cell listed), then confirm. Nothing is saved before confirming."""
    access = get_access(request)
    centre = get_object_or_404(Centre, pk=access.centre_id)
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict = {"form": form, "columns": importing.TEMPLATE_HEADERS}
    if request.method == "POST" and "confirm" in request.POST:
        stored = request.session.get(IMPORT_SESSION_KEY) or {}
        content = importing.upload_load(stored.get("path", ""))
        if content is None:
            messages.error(request, _("The uploaded file has expired. Please upload it again."))
            return redirect("organisations:import")
        checked = importing.check_rows(
            importing.read_table(content, stored["filename"]), centre=centre
        )
        good_rows_only = request.POST.get("confirm") == "good"
        if any(not row.ok for row in checked) and not good_rows_only:
            messages.error(request, _("The file has errors. Nothing was imported."))
            return redirect("organisations:import")
        result = importing.import_rows(
            checked, actor=request.user, centre=centre, good_rows_only=good_rows_only
        )
        request.session.pop(IMPORT_SESSION_KEY, None)
        importing.upload_discard(stored.get("path"))
        messages.success(
            request,
            _("Import done: %(created)s created, %(updated)s updated, %(skipped)s rows skipped.")
            % {"created": result.created, "updated": result.updated, "skipped": result.skipped},
        )
        return redirect("organisations:list")
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            checked = importing.check_rows(
                importing.read_table(content, upload.name), centre=centre
            )
        except importing.ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            # The file waits in storage (not in the session) until it is confirmed.
            previous = request.session.get(IMPORT_SESSION_KEY) or {}
            importing.upload_discard(previous.get("path"))
            request.session[IMPORT_SESSION_KEY] = {
                "filename": upload.name,
                "path": importing.upload_store(
                    centre_id=centre.pk, filename=upload.name, content=content
                ),
            }
            errors = [error for row in checked for error in row.errors]
            # The preview shows the first rows and errors, and counts the rest.
            context.update(
                checked=checked,
                errors=errors,
                shown_rows=checked[:PREVIEW_ROWS],
                more_rows=max(len(checked) - PREVIEW_ROWS, 0),
                shown_errors=errors[:PREVIEW_ERRORS],
                more_errors=max(len(errors) - PREVIEW_ERRORS, 0),
                good_count=sum(1 for row in checked if row.ok),
                bad_count=sum(1 for row in checked if not row.ok),
                filename=upload.name,
            )
    return render(request, "organisations/organisation_import.html", context)


# --- Statistics, directory, categories -------------------------------------------------------


@role_required(Role.COORDINATOR, Role.MUNICIPALITY)
def organisation_statistics(request: HttpRequest) -> HttpResponse:
    stats = selectors.organisation_statistics(access=get_access(request))
    charts = [
        bar_chart(stats.by_category, title=_("Associations by main category")),
        bar_chart(
            [(label if label != "–" else _("No district"), n) for label, n in stats.by_district],
            title=_("Associations by district"),
        ),
        bar_chart(stats.new_per_year, title=_("New in the registry per year"), label_width=80),
    ]
    if len(stats.by_centre) > 1:
        charts.insert(0, bar_chart(stats.by_centre, title=_("Associations by volunteer centre")))
    return render(
        request, "organisations/organisation_statistics.html", {"stats": stats, "charts": charts}
    )


def organisation_directory(request: HttpRequest) -> HttpResponse:
    """The public directory: no login, only associations that consented, only public fields."""
    organisations = selectors.public_directory(params=request.GET)
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/organisation_directory.html",
        {
            "page": page,
            "query": _query_without_page(request),
            "categories": selectors.categories(),
            "q": selectors.public_param(request.GET, "q"),
            "selected_category": request.GET.get("category", ""),
            "centres": selectors.public_centres(),
            "selected_centre": selectors.public_param(request.GET, "centre"),
        },
    )


@role_required(Role.COORDINATOR)
def category_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "organisations/category_list.html", {"categories": selectors.categories()}
    )


@role_required(Role.COORDINATOR)
def category_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    category = get_object_or_404(Category, pk=pk) if pk else Category()
    form = CategoryForm(request.POST or None, instance=category)
    if request.method == "POST" and form.is_valid():
        services.category_save(actor=request.user, category=form.instance)
        messages.success(request, _("The category was saved."))
        return redirect("organisations:categories")
    return render(request, "organisations/category_form.html", {"form": form, "category": category})
