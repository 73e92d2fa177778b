from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.concurrency import edit_with_conflict
from core.models import Role
from core.permissions import (
    get_access,
    get_object_for_user,
    own_centre,
    role_required,
)

from . import selectors, services
from .forms import (
    PROJECT_FORMSETS,
    ProjectForm,
)
from .models import Project

WRITERS = (Role.COORDINATOR, Role.ASSOCIATION)


@role_required(Role.COORDINATOR, Role.ASSOCIATION, Role.MUNICIPALITY)
def project_list(request: HttpRequest) -> HttpResponse:
    projects = selectors.projects_managed(access=get_access(request))
    return render(request, "activities/project_list.html", {"projects": projects})


def _project_form_page(request: HttpRequest, project: Project) -> HttpResponse:
    access = get_access(request)
    data = request.POST if request.method == "POST" else None
    form = ProjectForm(data, instance=project, access=access)
    formsets = [
        (title, formset_class(data, instance=project, prefix=prefix))
        for prefix, formset_class, title in PROJECT_FORMSETS
    ]

    def save() -> Project:
        children, deleted = [], []
        for _title, formset in formsets:
            children.extend(formset.save(commit=False))
            deleted.extend(formset.deleted_objects)
        return services.project_save(
            actor=access,
            project=form.instance,
            children=children,
            deleted=deleted,
            expected_version=form.loaded_version if "version" in form.fields else None,
        )

    return edit_with_conflict(
        request,
        form=form,
        also_valid=lambda: all(fs.is_valid() for _t, fs in formsets),
        save=save,
        template="activities/project_form.html",
        context={"formsets": formsets, "project": project},
        message=lambda saved: _("The project %(name)s was saved.") % {"name": saved.name},
        success_url=lambda saved: reverse(
            "activities:project_detail", kwargs={"project_pk": saved.pk}
        ),
    )


@role_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def project_create(request: HttpRequest) -> HttpResponse:
    return _project_form_page(request, Project(centre=own_centre(request)))


@role_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = get_object_for_user(
        request, selectors.projects_managed(access=get_access(request)), edit=True, pk=project_pk
    )
    return _project_form_page(request, project)
