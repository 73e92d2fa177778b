from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core import jobs
from core.adapters import SIGNUP_GRANT_SESSION_KEY
from core.charts import hbars
from core.concurrency import edit_with_conflict
from core.exports import csv_response
from core.http import AuthenticatedHttpRequest
from core.models import Role
from core.permissions import (
    get_access,
    get_object_for_user,
    get_shared_row_for_user,
    own_centre,
    role_required,
    shared_rows,
)

from . import batches, exports, importing, registers, selectors, services
from .forms import (
    CategoryForm,
    ImportForm,
    InvitationForm,
    OrganisationForm,
    RegisterLookupForm,
)
from .models import (
    Category,
    ImportBatch,
    Invitation,
    Organisation,
    OrganisationKind,
    RegisterChange,
    kind_for_organisation_form,
)
from .signals import INVITATION_SESSION_KEY

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
@reauthentication_required
def organisation_export(request: HttpRequest, fmt: str) -> HttpResponse:
    filterset = selectors.organisation_filter(access=get_access(request), params=request.GET)
    if fmt == "xlsx":
        return exports.as_xlsx(filterset.qs)
    if fmt == "csv":
        return exports.as_csv(filterset.qs)
    raise Http404


@role_required(Role.COORDINATOR)
def organisation_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    centre = own_centre(request)
    lookup_form = RegisterLookupForm(request.GET if "register_number" in request.GET else None)
    initial: dict = {}
    register_note = ""
    if request.method == "GET" and lookup_form.is_bound and lookup_form.is_valid():
        number = lookup_form.cleaned_data["register_number"]
        try:
            entry = registers.lookup(number)
        except registers.RegisterError as exc:
            register_note = registers.register_message(exc)
            initial = {"organisation_number": number}
        else:
            initial = {k: v for k, v in entry.data.items() if v not in ("", None)}
            # Every kind of organisation can be fetched: its form suggests the kind.
            initial["kind"] = kind_for_organisation_form(
                initial.get("organisation_form", ""), OrganisationKind.ASSOCIATION
            )
            register_note = _("The form was filled from the national register. Check it and save.")
    form = OrganisationForm(request.POST or None, centre=centre, initial=initial)
    if request.method == "POST" and form.is_valid():
        organisation = services.organisation_create(
            actor=get_access(request),
            centre=centre,
            data=form.entry_data,
            categories=form.categories,
            cooperation_areas=form.cleaned_data["cooperation_areas"],
            public_contacts=form.public_contact_choice,
        )
        messages.success(request, _("%(name)s was added to the registry.") % {"name": organisation})
        return redirect("organisations:detail", organisation.pk)
    return render(
        request,
        "organisations/organisation_form.html",
        {
            "form": form,
            "organisation": None,
            "lookup_form": lookup_form,
            "register_note": register_note,
        },
    )


@role_required(Role.COORDINATOR, Role.ASSOCIATION)
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_access(request)
    organisation = get_object_for_user(request, selectors.organisation_detail(access=access), pk=pk)
    context = {
        "organisation": organisation,
        "can_edit": organisation.is_editable_by(access),
        "help_offers": selectors.help_offers_of(access=access, organisation=organisation)[:20],
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
def organisation_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access = get_access(request)
    organisation = get_object_for_user(request, Organisation, edit=True, pk=pk)
    form = OrganisationForm(
        request.POST or None, instance=organisation, for_association=access.is_association
    )
    return edit_with_conflict(
        request,
        form=form,
        save=lambda: services.organisation_update(
            actor=access,
            organisation=organisation,
            data=form.entry_data,
            categories=form.categories,
            cooperation_areas=form.cleaned_data["cooperation_areas"],
            expected_version=form.loaded_version,
            confirm="confirm" in request.POST,
            public_contacts=form.public_contact_choice,
        ),
        message=_("The entry was saved and confirmed as current. Thank you!")
        if "confirm" in request.POST
        else _("The entry was saved."),
        success_url=reverse("organisations:detail", args=[organisation.pk]),
        template="organisations/organisation_form.html",
        context={"organisation": organisation},
    )


@require_POST
@role_required(Role.COORDINATOR)
def organisation_archive(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_for_user(request, Organisation, edit=True, pk=pk)
    services.organisation_archive(actor=get_access(request), organisation=organisation)
    messages.success(request, _("%(name)s was archived.") % {"name": organisation})
    return redirect("organisations:detail", organisation.pk)


@require_POST
@role_required(Role.COORDINATOR)
def organisation_restore(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_for_user(request, Organisation, edit=True, pk=pk)
    services.organisation_restore(actor=get_access(request), organisation=organisation)
    messages.success(request, _("%(name)s is active again.") % {"name": organisation})
    return redirect("organisations:detail", organisation.pk)


@require_POST
@role_required(Role.COORDINATOR, Role.ASSOCIATION)
def organisation_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_for_user(request, Organisation, edit=True, pk=pk)
    services.organisation_confirm(actor=get_access(request), organisation=organisation)
    messages.success(request, _("Thank you! The entry is confirmed as current."))
    return redirect("organisations:detail", organisation.pk)


# --- Invitations and association users --------------------------------------------------------


@require_POST
@role_required(Role.COORDINATOR)
def organisation_invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_for_user(request, Organisation, edit=True, pk=pk)
    form = InvitationForm(request.POST)
    if form.is_valid():
        invitation = services.invitation_create(
            actor=get_access(request), organisation=organisation, email=form.cleaned_data["email"]
        )
        messages.success(
            request, _("The invitation is on its way to %(email)s.") % {"email": invitation.email}
        )
    else:
        messages.error(request, " ".join(str(error) for error in form.errors["email"]))
    return redirect(reverse("organisations:detail", args=[organisation.pk]) + "#users")


@require_POST
@role_required(Role.COORDINATOR)
def invitation_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_for_user(request, Invitation, edit=True, pk=pk)
    services.invitation_revoke(actor=get_access(request), invitation=invitation)
    messages.success(
        request, _("The invitation to %(email)s no longer works.") % {"email": invitation.email}
    )
    return redirect(reverse("organisations:detail", args=[invitation.organisation_id]) + "#users")


@require_POST
@role_required(Role.COORDINATOR)
def membership_revoke(
    request: AuthenticatedHttpRequest, pk: int, membership_pk: int
) -> HttpResponse:
    organisation = get_object_for_user(request, Organisation, edit=True, pk=pk)
    membership = get_object_or_404(
        organisation.memberships.select_related("user"), pk=membership_pk
    )
    services.membership_revoke(actor=get_access(request), membership=membership)
    messages.success(
        request,
        _("%(user)s can no longer keep this entry.") % {"user": membership.user.email},
    )
    return redirect(reverse("organisations:detail", args=[organisation.pk]) + "#users")


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mailed link: lets the person sign up or log in, then binds the account."""
    invitation = Invitation.objects.select_related("organisation", "centre").by_token(token).first()
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
    refusal = services.invitation_refusal(user=request.user, invitation=invitation)
    if refusal:
        # Signed in with an account that cannot take it (another role or centre): say so and
        # offer to sign out, after which the same link opens the sign-up.
        return render(
            request,
            "organisations/invitation_accept.html",
            {"invitation": invitation, "refusal": refusal, "here": here},
        )
    same_address = services.invitation_is_for(user=request.user, invitation=invitation)
    if request.method == "POST":
        try:
            services.invitation_accept(
                user=request.user,
                invitation=invitation,
                as_other_address=request.POST.get("accept_as") == request.user.email,
            )
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
    return render(
        request,
        "organisations/invitation_accept.html",
        {
            "invitation": invitation,
            "same_address": same_address,
        },
    )


# --- Import -------------------------------------------------------------------------------------


@role_required(Role.COORDINATOR)
def import_template(request: HttpRequest) -> HttpResponse:
    rows = importing.template_rows()
    if request.GET.get("format") == "csv":
        return exports.template_csv(rows)
    return exports.template_xlsx(rows)


@role_required(Role.COORDINATOR)
def organisation_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Upload a file: it is stored as a batch and checked in the background; the batch page
    shows the preview, and nothing is saved before the coordinator confirms there."""
    centre = own_centre(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = batches.import_batch_create(
                actor=get_access(request),
                centre=centre,
                filename=upload.name,
                file=upload,
                municipalities=form.cleaned_data["municipality_numbers"],
                only_registered=form.cleaned_data["only_registered"],
                language=get_language() or "nb",
            )
        except importing.ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("organisations:import_batch", batch.pk)
    return render(
        request,
        "organisations/organisation_import.html",
        {
            "form": form,
            "columns": importing.TEMPLATE_HEADERS,
            "batches": selectors.import_batches(access=get_access(request))[:10],
        },
    )


@role_required(Role.COORDINATOR)
def import_batch_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The batch's progress while it runs; its preview or result when it has finished."""
    batch = get_object_for_user(
        request, selectors.import_batches(access=get_access(request)), pk=pk
    )
    if jobs.jobs_sweep_if_due([batch]):  # a killed worker's batch, shown as it is now
        batch.refresh_from_db()
    context = {
        "batch": batch,
        "shown_errors": batch.errors[:PREVIEW_ERRORS],
        "more_errors": max(batch.error_count - PREVIEW_ERRORS, 0),
        "more_rows": max(batch.rows_total - len(batch.preview), 0),
    }
    if request.htmx:
        return render(request, "organisations/partials/import_batch_body.html", context)
    return render(request, "organisations/import_batch.html", context)


@require_POST
@role_required(Role.COORDINATOR)
def import_batch_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    batch = get_object_for_user(request, ImportBatch, edit=True, pk=pk)
    try:
        batches.import_batch_confirm(
            actor=get_access(request),
            batch=batch,
            good_rows_only=request.POST.get("confirm") == "good",
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("organisations:import_batch", batch.pk)
    batch.refresh_from_db()  # without a broker the job has run already
    if batch.status == ImportBatch.Status.DONE:
        messages.success(
            request,
            _("Import done: %(created)s created, %(updated)s updated, %(skipped)s rows skipped.")
            % {
                "created": batch.created_count,
                "updated": batch.updated_count,
                "skipped": batch.skipped_count,
            },
        )
    elif batch.is_active:
        messages.info(
            request, _("The import runs in the background; this page shows how far it has come.")
        )
    return redirect("organisations:import_batch", batch.pk)


# --- The national register ---------------------------------------------------------------------


@role_required(Role.COORDINATOR, Role.ASSOCIATION)
def register_lookup(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Compare the entry with the national register and take over the fields the user ticks."""
    access = get_access(request)
    organisation = get_object_for_user(request, Organisation, edit=True, pk=pk)
    context: dict = {"organisation": organisation}
    if not organisation.organisation_number:
        context["problem"] = _("The entry has no organisation number to look up.")
        return render(request, "organisations/register_lookup.html", context)
    try:
        entry = registers.lookup(organisation.organisation_number)
    except registers.RegisterError as exc:
        context["problem"] = registers.register_message(exc)
        return render(request, "organisations/register_lookup.html", context)
    allowed = {
        *(
            services.ASSOCIATION_EDITABLE_FIELDS
            if access.is_association
            else services.COORDINATOR_EDITABLE_FIELDS
        ),
        "categories",
    }
    usable = Category.objects.usable_in({organisation.centre_id})
    rows = [
        row for row in registers.differences(organisation, entry, usable) if row["field"] in allowed
    ]
    if request.method == "POST":
        chosen = set(request.POST.getlist("fields")) & {row["field"] for row in rows}
        if not chosen:
            messages.error(request, _("Tick the fields to take over from the register."))
        else:
            try:
                services.organisation_update(
                    actor=access,
                    organisation=organisation,
                    data={name: entry.data[name] for name in chosen if name in entry.data},
                    categories=next(
                        (row["value"] for row in rows if row["field"] == "categories"), None
                    )
                    if "categories" in chosen
                    else None,
                    source="register",
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s field was updated from the register.",
                        "%(count)s fields were updated from the register.",
                        len(chosen),
                    )
                    % {"count": len(chosen)},
                )
                return redirect("organisations:detail", organisation.pk)
    context.update(entry=entry, rows=rows)
    return render(request, "organisations/register_lookup.html", context)


@role_required(Role.COORDINATOR)
def register_changes(request: HttpRequest) -> HttpResponse:
    """What the nightly sync found in the register, to accept or ignore one by one."""
    access = get_access(request)
    return render(
        request,
        "organisations/register_changes.html",
        {
            "changes": selectors.register_changes(access=access),
            "state": selectors.register_sync_state(),
        },
    )


@require_POST
@role_required(Role.COORDINATOR)
def register_change_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    change = get_object_for_user(request, RegisterChange, edit=True, pk=pk)
    try:
        if request.POST.get("decision") == "accept":
            services.register_change_accept(actor=get_access(request), change=change)
            messages.success(request, _("The change was written to the entry."))
        else:
            services.register_change_ignore(actor=get_access(request), change=change)
            messages.success(request, _("The change was ignored."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("organisations:register_changes")


# --- Statistics, directory, categories -------------------------------------------------------


@role_required(Role.COORDINATOR, Role.MUNICIPALITY)
def organisation_statistics(request: HttpRequest) -> HttpResponse:
    stats = selectors.organisation_statistics(access=get_access(request))
    bars = [
        (stats.by_category, _("Associations by main category")),
        (
            [(label if label != "–" else _("No district"), n) for label, n in stats.by_district],
            _("Associations by district"),
        ),
        (stats.new_per_year, _("New in the registry per year")),
    ]
    if len(stats.by_centre) > 1:
        bars.insert(0, (stats.by_centre, _("Associations by volunteer centre")))
    charts = [hbars(items, title=title, css="orgs-chart") for items, title in bars]
    return render(
        request, "organisations/organisation_statistics.html", {"stats": stats, "charts": charts}
    )


def organisation_directory(request: HttpRequest) -> HttpResponse:
    """The public directory: no login, only associations that consented, only public fields
    (contact details only where the association consented to show them)."""
    organisations = selectors.public_directory(params=request.GET)
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/organisation_directory.html",
        {
            "page": page,
            "query": _query_without_page(request),
            "export_query": request.GET.urlencode(),
            "categories": selectors.categories(),
            "q": selectors.public_param(request.GET, "q"),
            "selected_category": selectors.public_param(request.GET, "category"),
            "centres": selectors.public_centres(),
            "selected_centre": selectors.public_param(request.GET, "centre"),
            "districts": selectors.public_districts(),
            "selected_district": selectors.public_param(request.GET, "district"),
            "kinds": OrganisationKind.choices,
            "selected_kind": selectors.public_param(request.GET, "kind"),
            "needs": selectors.public_param(request.GET, "needs") in {"1", "true", "on"},
        },
    )


@require_GET
def directory_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The public directory as open data (CSV or JSON), with the directory's filters."""
    rows = selectors.public_directory_rows(selectors.public_directory(params=request.GET))
    if fmt == "json":
        response = JsonResponse(
            {"count": len(rows), "results": rows}, json_dumps_params={"ensure_ascii": False}
        )
        response["Content-Disposition"] = 'attachment; filename="directory.json"'
        return response
    if fmt == "csv":
        return csv_response(
            "directory",
            DIRECTORY_COLUMNS,
            ([", ".join(v) if isinstance(v, list) else v for v in row.values()] for row in rows),
        )
    raise Http404


# The columns of the open-data export, in the order of `selectors.public_directory_rows`.
DIRECTORY_COLUMNS = [
    "id",
    "name",
    "kind",
    "organisation_number",
    "centre",
    "categories",
    "description",
    "offers",
    "target_groups",
    "postal_place",
    "district",
    "needs_volunteers",
    "volunteer_needs",
    "email",
    "phone",
    "website",
    "page",
]


@role_required(Role.COORDINATOR)
def category_list(request: HttpRequest) -> HttpResponse:
    access = get_access(request)
    return render(
        request,
        "organisations/category_list.html",
        {"categories": shared_rows(access, Category)},
    )


@role_required(Role.COORDINATOR)
def category_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    """Add a category of the coordinator's own centre, or rename one (installation-wide
    categories are the site admin's: 403)."""
    if pk:
        category = get_shared_row_for_user(request, Category, pk=pk, edit=True)
    else:
        category = Category(centre=own_centre(request))
    form = CategoryForm(request.POST or None, instance=category)
    if request.method == "POST" and form.is_valid():
        services.category_save(actor=get_access(request), category=form.instance)
        messages.success(request, _("The category was saved."))
        return redirect("organisations:categories")
    return render(request, "organisations/category_form.html", {"form": form, "category": category})
