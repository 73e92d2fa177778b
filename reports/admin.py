from django.contrib import admin

from core.admin import AuditedAdmin

from .models import Narrative, ReportJob


@admin.register(ReportJob)
class ReportJobAdmin(AuditedAdmin):
    list_display = ["__str__", "centre", "status", "queued_at", "finished_at", "size"]
    list_filter = ["status", "kind", "centre"]
    readonly_fields = ["params_hash", "task_id", "queued_at", "started_at", "finished_at"]
    raw_id_fields = ["requested_by"]


@admin.register(Narrative)
class NarrativeAdmin(AuditedAdmin):
    list_display = ["__str__", "centre", "is_draft", "updated_at"]
    list_filter = ["kind", "is_draft", "centre"]
    raw_id_fields = ["updated_by"]
