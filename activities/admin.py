from django.contrib import admin

from core.admin import AuditedAdmin

from .models import Activity, ActivityCategory, ActivitySeries


@admin.register(ActivityCategory)
class ActivityCategoryAdmin(AuditedAdmin):
    list_display = ["name", "name_nn", "name_en", "national_category", "position", "public_default"]
    list_editable = ["national_category", "position", "public_default"]


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
