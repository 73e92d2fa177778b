from __future__ import annotations

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedFormMixin
from core.forms import COUNT_MESSAGE, CentreScopedInlineFormSet, DateInput, model_choice
from core.permissions import Access

from . import selectors
from .models import (
    BudgetLine,
    GoalResult,
    Grant,
    OutcomeCounter,
    Partner,
    Project,
    ProjectGoal,
    ReportedFigure,
    YearTarget,
)

PROJECT_PART_MAX_FORMS = 50


class ProjectForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "name",
            "status",
            "organisation",
            "owner_name",
            "programme",
            "leader",
            "start_date",
            "end_date",
            "main_goal",
            "target_group",
            "planned_reach",
            "is_operations",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "main_goal": forms.Textarea(attrs={"rows": 3}),
            "target_group": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, access: Access, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self, "organisation").queryset = selectors.organisers_for(access=access)
        if access.is_association:
            self.fields["organisation"].required = True
            model_choice(self, "organisation").empty_label = None
            del self.fields["is_operations"]
        else:
            model_choice(self, "organisation").empty_label = _("The centre itself")
        self.fields["planned_reach"].error_messages.update(
            {"invalid": COUNT_MESSAGE, "min_value": COUNT_MESSAGE}
        )


_CHILD_WIDGETS = {"agreement_start": DateInput(), "agreement_end": DateInput()}


def _project_parts(model, **options):
    """An inline formset of a project's child rows: one empty row, deletable, capped."""
    options.setdefault("extra", 1)
    options.setdefault("formset", CentreScopedInlineFormSet)
    return inlineformset_factory(
        Project,
        model,
        can_delete=True,
        max_num=PROJECT_PART_MAX_FORMS,
        absolute_max=PROJECT_PART_MAX_FORMS,
        **options,
    )


class ProjectScopedFormSet(CentreScopedInlineFormSet):
    """Child rows whose choices must come from the same project (its goals, its grants).

    `scoped_fields` maps a form field to the project's related manager; a new project has
    nothing to choose yet.
    """

    scoped_fields: dict[str, str] = {}

    def add_fields(self, form, index):
        # add_fields runs for every form, the empty one ("add a row") included.
        super().add_fields(form, index)
        for name, related in self.scoped_fields.items():
            field = form.fields[name]
            if self.instance.pk:
                field.queryset = getattr(self.instance, related).all()
            else:
                field.queryset = field.queryset.none()


class GoalResultFormSetBase(ProjectScopedFormSet):
    scoped_fields = {"goal": "goals"}


class BudgetLineFormSetBase(ProjectScopedFormSet):
    scoped_fields = {"grant": "grants"}


class GoalResultForm(forms.ModelForm):
    class Meta:
        model = GoalResult
        fields = ["goal", "year", "value", "comment"]
        localized_fields = ["value"]
        help_texts = {"goal": _("Save a new goal first; then record its results here.")}


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["year", "kind", "name", "source", "grant", "budget", "accounts"]


TargetFormSet = _project_parts(
    YearTarget,
    fields=["year", "activities", "average_participants", "persons_reached", "volunteer_hours"],
)
PartnerFormSet = _project_parts(
    Partner,
    fields=["name", "kind", "role", "agreement_start", "agreement_end"],
    widgets=_CHILD_WIDGETS,
)
GrantFormSet = _project_parts(Grant, fields=["year", "funder", "applied_nok", "granted_nok"])
OutcomeFormSet = _project_parts(OutcomeCounter, fields=["year", "name", "value", "is_approximate"])
ReportedFigureFormSet = _project_parts(
    ReportedFigure, fields=["figure", "year", "value", "is_approximate", "comment"]
)
GoalFormSet = _project_parts(
    ProjectGoal,
    fields=["kind", "text", "measure", "target", "unit", "position"],
    localized_fields=["target"],
)


GoalResultFormSet = _project_parts(GoalResult, form=GoalResultForm, formset=GoalResultFormSetBase)
BudgetLineFormSet = _project_parts(
    BudgetLine, form=BudgetLineForm, formset=BudgetLineFormSetBase, extra=2
)


PROJECT_FORMSETS = [
    ("targets", TargetFormSet, _("Yearly targets")),
    ("goals", GoalFormSet, _("Sub-goals and effect goals")),
    ("goal_results", GoalResultFormSet, _("Results of the goals per year")),
    ("reported", ReportedFigureFormSet, _("Reported figures (typed in, not counted)")),
    ("partners", PartnerFormSet, _("Partners")),
    ("grants", GrantFormSet, _("Grants (NOK)")),
    ("budget", BudgetLineFormSet, _("Budget and accounts (NOK)")),
    ("outcomes", OutcomeFormSet, _("Outcome counters")),
]
