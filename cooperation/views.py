"""Partnerships, municipal units and stories (signed in), and the public "Samarbeid" pages."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Field
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core import jobs
from core.http import AuthenticatedHttpRequest
from core.models import Centre, Municipality, Role
from core.permissions import (
    get_access,
    get_object_for_user,
    own_centre,
    role_required,
    visible,
)
from organisations.models import Organisation

from . import selectors, services
from .forms import (
    ConsentForm,
    ContactForm,
    ContributionForm,
    DocumentForm,
    NationalRegisterForm,
    OutcomeForm,
    PartnershipForm,
    ReportedYearForm,
    StoryForm,
    SupportForm,
    UnitForm,
)
from .models import (
    BookletJob,
    Contact,
    Contribution,
    CooperationForm,
    MunicipalSupport,
    MunicipalUnit,
    NationalRegisterEntry,
    Outcome,
    Partnership,
    ReportedYear,
    Side,
    Story,
    Theme,
)

PAGE_SIZE = 25
READERS = (Role.COORDINATOR, Role.ASSOCIATION, Role.MUNICIPALITY)


def _form_error(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# --- Municipal units --------------------------------------------------------------------------


@role_required(Role.COORDINATOR, Role.MUNICIPALITY)
def unit_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    access = get_access(request)
    form = None
    if access.is_coordinator:
        centre = own_centre(request)
        form = UnitForm(request.POST or None, centre=centre)
        if request.method == "POST" and form.is_valid():
            try:
                services.unit_save(actor=access, centre=centre, unit=None, data=form.cleaned_data)
            except ValidationError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The unit was added."))
                return redirect("cooperation:units")
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "cooperation/unit_list.html",
        {"units": selectors.units_of(access), "form": form},
    )


@role_required(Role.COORDINATOR)
def unit_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    centre = own_centre(request)
    unit = get_object_or_404(MunicipalUnit, pk=pk, municipality_id=centre.municipality_id)
    form = UnitForm(request.POST or None, instance=unit, centre=centre)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_save(
                actor=get_access(request), centre=centre, unit=unit, data=form.cleaned_data
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The unit was saved."))
            return redirect("cooperation:units")
    return render(request, "cooperation/unit_form.html", {"form": form, "unit": unit})


# --- Partnerships -----------------------------------------------------------------------------


@role_required(*READERS)
def partnership_list(request: HttpRequest) -> HttpResponse:
    access = get_access(request)
    partnerships = selectors.partnership_list(access=access, params=request.GET)
    page = Paginator(partnerships, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "cooperation/partnership_list.html",
        {
            "page": page,
            "units": selectors.units_of(access),
            "districts": selectors.districts_of(access),
            "statuses": Partnership.Status.choices,
            "forms": CooperationForm.choices,
            "params": request.GET,
            "show_centre": len(access.centre_ids) > 1,
        },
    )


def _partnership_form(request: AuthenticatedHttpRequest, partnership: Partnership | None):
    centre = own_centre(request)
    form = PartnershipForm(request.POST or None, instance=partnership, centre=centre)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.partnership_save(
                actor=get_access(request),
                centre=centre,
                partnership=partnership,
                data=form.data_for_service(),
                units=list(form.cleaned_data["units"]),
                forms=form.cleaned_data["form_list"],
                projects=list(form.cleaned_data["project_list"]),
                series=list(form.cleaned_data["series_list"]),
                status=form.cleaned_data["status"],
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The partnership was saved."))
            return redirect("cooperation:partnership_detail", pk=saved.pk)
    return render(
        request, "cooperation/partnership_form.html", {"form": form, "partnership": partnership}
    )


@role_required(Role.COORDINATOR)
def partnership_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _partnership_form(request, None)


@role_required(Role.COORDINATOR)
def partnership_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    partnership = get_object_for_user(request, Partnership, edit=True, pk=pk)
    return _partnership_form(request, partnership)


@role_required(*READERS)
def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_access(request)
    partnership = get_object_for_user(
        request, selectors.partnership_detail(visible(request, Partnership)), pk=pk
    )
    may_edit = partnership.is_editable_by(access)
    return render(
        request,
        "cooperation/partnership_detail.html",
        {
            "partnership": partnership,
            "may_edit": may_edit,
            "may_draft": services.may_draft(access, partnership),
            "years": selectors.contributions_by_year(partnership),
            "contribution_form": ContributionForm(prefix="c") if may_edit else None,
            "contact_form": ContactForm(prefix="p", partnership=partnership) if may_edit else None,
            "outcome_form": OutcomeForm(prefix="o") if may_edit else None,
            "document_form": DocumentForm() if may_edit else None,
            "contacts": partnership.contacts.all() if access.reads_free_text else [],
        },
    )


def _add_part(request: AuthenticatedHttpRequest, pk: int, form_class, service, prefix: str):
    partnership = get_object_for_user(request, Partnership, edit=True, pk=pk)
    kwargs = {"partnership": partnership} if form_class is ContactForm else {}
    form = form_class(request.POST, prefix=prefix, **kwargs)
    if form.is_valid():
        try:
            service(actor=get_access(request), partnership=partnership, data=form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Saved."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
    return redirect("cooperation:partnership_detail", pk=partnership.pk)


@require_POST
@role_required(Role.COORDINATOR)
def contribution_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _add_part(request, pk, ContributionForm, services.contribution_add, "c")


@require_POST
@role_required(Role.COORDINATOR)
def contact_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _add_part(request, pk, ContactForm, services.contact_add, "p")


@require_POST
@role_required(Role.COORDINATOR)
def outcome_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _add_part(request, pk, OutcomeForm, services.outcome_add, "o")


PART_MODELS: dict[str, type[Contribution | Contact | Outcome]] = {
    "contribution": Contribution,
    "contact": Contact,
    "outcome": Outcome,
}


@require_POST
@role_required(Role.COORDINATOR)
def part_delete(request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
    model = PART_MODELS.get(kind)
    if model is None:
        raise Http404
    row = cast(Contribution | Contact | Outcome, get_object_for_user(request, model, pk=pk))
    partnership_id = row.partnership_id
    if not row.partnership.is_editable_by(get_access(request)):
        raise PermissionDenied
    services.partnership_part_delete(actor=get_access(request), row=row)
    messages.success(request, _("Removed."))
    return redirect("cooperation:partnership_detail", pk=partnership_id)


@require_POST
@role_required(Role.COORDINATOR)
def document_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    partnership = get_object_for_user(request, Partnership, edit=True, pk=pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.partnership_document_store(
                actor=get_access(request),
                partnership=partnership,
                upload=form.cleaned_data["document"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The signed agreement was stored."))
    else:
        messages.error(request, _("Choose the file of the signed agreement."))
    return redirect("cooperation:partnership_detail", pk=partnership.pk)


@role_required(*READERS)
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    partnership = get_object_for_user(request, Partnership, pk=pk)
    if not partnership.document:
        raise Http404
    try:
        handle = partnership.document.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle, as_attachment=True, filename=partnership.document_name or "agreement"
    )


# --- Stories ----------------------------------------------------------------------------------


def _story(request: HttpRequest, pk: int) -> Story:
    return get_object_for_user(
        request,
        visible(request, Story).select_related("partnership__organisation", "centre"),
        pk=pk,
    )


@role_required(Role.COORDINATOR, Role.ASSOCIATION)
def story_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access = get_access(request)
    partnership = get_object_for_user(request, Partnership, pk=pk)
    if not services.may_draft(access, partnership):
        raise PermissionDenied
    return _story_form(request, partnership, None)


@role_required(Role.COORDINATOR, Role.ASSOCIATION)
def story_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    story = _story(request, pk)
    if not services.may_draft(get_access(request), story):
        raise PermissionDenied
    return _story_form(request, story.partnership, story)


def _story_form(request: AuthenticatedHttpRequest, partnership: Partnership, story: Story | None):
    form = StoryForm(request.POST or None, instance=story)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.story_save(
                actor=get_access(request),
                partnership=partnership,
                story=story,
                data=form.cleaned_data,
                submit="submit" in request.POST,
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            if saved.status == Story.Status.SUBMITTED:
                messages.success(request, _("The story was sent to the municipality for approval."))
            else:
                messages.success(request, _("The draft was saved."))
            return redirect("cooperation:story_detail", pk=saved.pk)
    return render(
        request,
        "cooperation/story_form.html",
        {"form": form, "story": story, "partnership": partnership},
    )


@role_required(*READERS)
def story_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_access(request)
    story = _story(request, pk)
    consents = selectors.story_consents(story)
    return render(
        request,
        "cooperation/story_detail.html",
        {
            "story": story,
            "consents": consents,
            "organisation_consent": consents.get(Side.ORGANISATION),
            "municipality_consent": consents.get(Side.MUNICIPALITY),
            "may_draft": services.may_draft(access, story),
            "may_approve": services.may_approve(access, story),
            "consent_form": ConsentForm(prefix="consent"),
        },
    )


@require_POST
@role_required(Role.COORDINATOR, Role.ASSOCIATION)
def story_consent(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The organisation's side gives its consent to what is shown publicly."""
    story = _story(request, pk)
    form = ConsentForm(request.POST, prefix="consent")
    if form.is_valid():
        try:
            services.story_consent_give(
                actor=get_access(request),
                story=story,
                side=Side.ORGANISATION,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The consent was recorded."))
    else:
        messages.error(request, _("Check the consent's fields."))
    return redirect("cooperation:story_detail", pk=story.pk)


@require_POST
@role_required(*READERS)
def story_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Withdraw one's own side's consent: the story is unpublished at once."""
    access = get_access(request)
    story = _story(request, pk)
    side = Side.MUNICIPALITY if access.is_municipality else Side.ORGANISATION
    services.story_consent_withdraw(actor=access, story=story, side=side)
    messages.success(request, _("The consent was withdrawn; the story is no longer public."))
    return redirect("cooperation:story_detail", pk=story.pk)


@role_required(Role.MUNICIPALITY)
def story_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The municipality side approves the story and consents to what is shown of it."""
    access = get_access(request)
    story = _story(request, pk)
    if not services.may_approve(access, story):
        raise PermissionDenied
    form = ConsentForm(request.POST or None, prefix="consent")
    if request.method == "POST" and form.is_valid():
        try:
            if "return" in request.POST:
                services.story_return(actor=access, story=story)
                messages.success(request, _("The story was sent back to the drafters."))
            else:
                services.story_approve(actor=access, story=story, **form.cleaned_data)
                messages.success(request, _("The story was approved."))
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            return redirect("cooperation:story_detail", pk=story.pk)
    return render(request, "cooperation/story_approve.html", {"story": story, "form": form})


@role_required(Role.COORDINATOR, Role.MUNICIPALITY)
def booklet(request: AuthenticatedHttpRequest) -> HttpResponse:
    access = get_access(request)
    if request.method == "POST":
        if not access.is_coordinator:
            raise PermissionDenied
        services.booklet_request(
            actor=access,
            centre=own_centre(request),
            language=translation.get_language() or "nb",
        )
        messages.success(request, _("The booklet is being made."))
        return redirect("cooperation:booklet")
    booklets = list(selectors.booklet_jobs(access=access))
    jobs.jobs_sweep_if_due(booklets)
    return render(
        request,
        "cooperation/booklet.html",
        {
            "booklets": booklets,
            "stories": selectors.stories_to_approve(access=access),
        },
    )


@role_required(Role.COORDINATOR, Role.MUNICIPALITY)
def booklet_download(request: HttpRequest, pk: int) -> FileResponse:
    job = get_object_for_user(request, BookletJob, pk=pk, status="done")
    if not job.file:
        raise Http404
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=f"samarbeid-{job.centre.slug}.pdf",
        content_type="application/pdf",
    )


@role_required(Role.COORDINATOR, Role.ASSOCIATION)
def reported_years(request: AuthenticatedHttpRequest) -> HttpResponse:
    """An organisation's own figures per year, labelled as reported wherever they are shown:
    for an organisation that does not log its work in Frivillig. The association user enters
    its own; the coordinator chooses the organisation (`?organisation=`)."""
    access = get_access(request)
    organisations = visible(request, Organisation).filter(is_archived=False)
    number = request.GET.get("organisation", "")
    if number.isdigit() and len(number) < 10:
        organisation = get_object_or_404(organisations, pk=int(number))
    else:
        organisation = organisations.order_by("pk").first()
        if organisation is None or access.is_coordinator and not number:
            organisation = None
    form = ReportedYearForm(request.POST or None) if organisation is not None else None
    if form is not None and organisation is not None and request.method == "POST":
        if form.is_valid():
            try:
                row = services.reported_year_save(
                    actor=access,
                    organisation=organisation,
                    data=form.cleaned_data,
                )
            except ValidationError as exc:
                _form_error(form, exc)
            else:
                messages.success(
                    request, _("The figures of %(year)s were saved.") % {"year": row.year}
                )
                return redirect(f"{request.path}?organisation={organisation.pk}")
    rows = (
        ReportedYear.objects.visible_to(access).filter(organisation=organisation).order_by("-year")
        if organisation is not None
        else ReportedYear.objects.none()
    )
    return render(
        request,
        "cooperation/reported_years.html",
        {
            "organisation": organisation,
            "organisations": organisations if access.is_coordinator else [],
            "form": form,
            "rows": [
                (row.year, [getattr(row, name) for name in ReportedYear.FIGURE_KEYS])
                for row in rows
            ],
            "fields": [
                (name, cast(Field, ReportedYear._meta.get_field(name)).verbose_name)
                for name in ReportedYear.FIGURE_KEYS
            ],
        },
    )


@role_required(Role.COORDINATOR, Role.MUNICIPALITY)
def supports(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The municipality's money per project and year (the coordinator records it; the
    municipality reads it). The counts ("16 of 31 supported") are on the years page."""
    access = get_access(request)
    form = None
    if access.is_coordinator:
        centre = own_centre(request)
        form = SupportForm(request.POST or None, centre=centre)
        if request.method == "POST" and form.is_valid():
            try:
                services.support_add(actor=access, centre=centre, data=form.cleaned_data)
            except ValidationError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The support was recorded."))
                return redirect("cooperation:supports")
    elif request.method == "POST":
        raise PermissionDenied
    rows = (
        MunicipalSupport.objects.visible_to(access)
        .select_related("project", "unit", "partnership", "centre")
        .order_by("-year", "project__name")
    )
    return render(
        request,
        "cooperation/supports.html",
        {"rows": rows, "form": form, "show_centre": len(access.centre_ids) > 1},
    )


@require_POST
@role_required(Role.COORDINATOR)
def support_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    row = get_object_for_user(request, MunicipalSupport, edit=True, pk=pk)
    services.support_delete(actor=get_access(request), row=row)
    messages.success(request, _("Removed."))
    return redirect("cooperation:supports")


@role_required(Role.COORDINATOR, Role.MUNICIPALITY)
def national_register(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The centre's entry in the national register of volunteer centres (the coordinator
    keeps it; the municipality reads its centres')."""
    access = get_access(request)
    entries = NationalRegisterEntry.objects.visible_to(access).select_related("centre")
    form = None
    if access.is_coordinator:
        centre = own_centre(request)
        entry = entries.first()
        form = NationalRegisterForm(request.POST or None, instance=entry)
        if request.method == "POST" and form.is_valid():
            services.national_register_save(actor=access, centre=centre, data=form.cleaned_data)
            messages.success(request, _("The entry was saved."))
            return redirect("cooperation:national_register")
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "cooperation/national_register.html",
        {"entries": entries, "form": form},
    )


# --- Public pages -----------------------------------------------------------------------------


def _public_list(request: HttpRequest, *, title: str, centres, scope_name: str, **extra):
    stories = selectors.published_stories(centres=centres, params=request.GET)
    page = Paginator(stories, PAGE_SIZE).get_page(request.GET.get("page"))
    for story in page.object_list:
        story.public = selectors.public_story_parts(story)  # type: ignore[attr-defined]
    return render(
        request,
        "cooperation/public_list.html",
        {
            "page": page,
            "title": title,
            "scope_name": scope_name,
            "themes": Theme.choices,
            "selected_theme": request.GET.get("theme", ""),
            "q": request.GET.get("q", "").replace("\x00", ""),
            **extra,
        },
    )


@require_GET
def public_centre(request: HttpRequest, slug: str) -> HttpResponse:
    """A centre's "Samarbeid" page: its published stories (no login needed)."""
    centre = get_object_or_404(Centre.objects.select_related("municipality"), slug=slug)
    return _public_list(
        request,
        title=_("Cooperation: %(name)s") % {"name": centre.name},
        centres=[centre],
        scope_name=centre.name,
        centre=centre,
    )


@require_GET
def public_municipality(request: HttpRequest, slug: str) -> HttpResponse:
    """A municipality's "Samarbeid" page: the published stories of all its centres."""
    municipality = get_object_or_404(Municipality, slug=slug)
    return _public_list(
        request,
        title=_("Cooperation in %(name)s") % {"name": municipality.name},
        centres=list(municipality.centres.values_list("pk", flat=True)),
        scope_name=municipality.name,
        municipality=municipality,
    )


@require_GET
def public_story(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    centre = get_object_or_404(Centre, slug=slug)
    story = get_object_or_404(selectors.published_stories(centres=[centre]), pk=pk)
    return render(
        request,
        "cooperation/public_story.html",
        {"story": story, "centre": centre, "public": selectors.public_story_parts(story)},
    )
