from django.contrib import admin

from core.admin import AuditedAdmin

from .models import (
    Activity,
    ActivityCategory,
    ActivitySeries,
    Grant,
    OutcomeCounter,
    Partner,
    Project,
    YearTarget,
)


@admin.register(ActivityCategory)
class ActivityCategoryAdmin(AuditedAdmin):
    list_display = ["name", "name_nn", "name_en", "national_category", "position"]
    list_editable = ["national_category", "position"]


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


@admin.register(ActivitySeries)
class ActivitySeriesAdmin(AuditedAdmin):
    list_display = ["title", "project", "weekday", "start_time", "first_date", "last_date"]
    list_filter = ["centre", "weekday"]


@admin.register(Activity)
class ActivityAdmin(AuditedAdmin):
    list_display = [
        "title",
        "date",
        "project",
        "category",
        "organiser",
        "participants",
        "cancelled",
    ]
    list_filter = ["centre", "category", "cancelled"]
    date_hierarchy = "date"
    search_fields = ["title", "place"]
    raw_id_fields = ["organiser", "series"]
    list_select_related = ["project", "category", "organiser"]
