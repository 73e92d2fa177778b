from django.contrib import admin

from core.admin import AuditedAdmin

from .models import Grant, OutcomeCounter, Partner, Project, YearTarget


class YearTargetInline(admin.TabularInline):
    model = YearTarget
    extra = 0
    exclude = ["centre"]


class PartnerInline(admin.TabularInline):
    model = Partner
    extra = 0
    exclude = ["centre"]


class GrantInline(admin.TabularInline):
    model = Grant
    extra = 0
    exclude = ["centre"]


class OutcomeCounterInline(admin.TabularInline):
    model = OutcomeCounter
    extra = 0
    exclude = ["centre"]


@admin.register(Project)
class ProjectAdmin(AuditedAdmin):
    list_display = ["name", "centre", "status", "start_date", "end_date", "is_operations"]
    list_filter = ["centre", "status"]
    search_fields = ["name", "programme", "leader"]
    inlines = [YearTargetInline, PartnerInline, GrantInline, OutcomeCounterInline]

    def save_formset(self, request, form, formset, change):
        for row in formset.save(commit=False):
            row.centre_id = form.instance.centre_id
            row.save()
        for row in formset.deleted_objects:
            row.delete()
