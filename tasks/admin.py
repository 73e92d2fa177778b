from django.contrib import admin

from core.admin import AuditedAdmin

from .models import Match, Task


@admin.register(Task)
class TaskAdmin(AuditedAdmin):
    list_display = ["title", "centre", "status", "volunteers_needed"]
    list_filter = ["centre", "status"]


@admin.register(Match)
class MatchAdmin(AuditedAdmin):
    list_display = ["task", "volunteer", "status", "next_follow_up_on"]
    raw_id_fields = ["task", "volunteer"]
