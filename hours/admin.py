from django.contrib import admin

from core.admin import AuditedAdmin

from .models import HourEntry


@admin.register(HourEntry)
class HourEntryAdmin(AuditedAdmin):
    list_display = ["volunteer", "date", "hours", "status"]
    list_filter = ["status"]
    raw_id_fields = ["volunteer", "task"]
