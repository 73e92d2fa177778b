from django.contrib import admin

from core.admin import AuditedAdmin

from .models import (
    BackgroundGroup,
    Consent,
    ConsentText,
    HourEntry,
    Interest,
    Language,
    Match,
    Rota,
    Shift,
    ShiftSignup,
    Task,
    Volunteer,
)


@admin.register(BackgroundGroup, Interest, Language)
class CuratedNameAdmin(AuditedAdmin):
    list_display = ["name", "name_nn", "name_en", "position"]
    list_editable = ["position"]


@admin.register(Volunteer)
class VolunteerAdmin(AuditedAdmin):
    list_display = ["__str__", "centre", "status", "district", "erased_at"]
    list_filter = ["centre", "status"]
    search_fields = ["first_name", "last_name", "email"]
    raw_id_fields = ["user"]
    filter_horizontal = ["interests", "background_groups", "languages", "organisations"]


@admin.register(ConsentText)
class ConsentTextAdmin(AuditedAdmin):
    list_display = ["centre", "version", "created_at"]


@admin.register(Consent)
class ConsentAdmin(AuditedAdmin):
    list_display = ["volunteer", "consent_text", "given_at", "channel"]
    raw_id_fields = ["volunteer"]


@admin.register(Task)
class TaskAdmin(AuditedAdmin):
    list_display = ["title", "centre", "status", "volunteers_needed"]
    list_filter = ["centre", "status"]


@admin.register(Match)
class MatchAdmin(AuditedAdmin):
    list_display = ["task", "volunteer", "status", "next_follow_up_on"]
    raw_id_fields = ["task", "volunteer"]


@admin.register(HourEntry)
class HourEntryAdmin(AuditedAdmin):
    list_display = ["volunteer", "date", "hours", "status"]
    list_filter = ["status"]
    raw_id_fields = ["volunteer", "task"]


@admin.register(Rota)
class RotaAdmin(AuditedAdmin):
    list_display = ["title", "centre", "project", "is_active", "signup_closes_hours"]
    list_filter = ["centre", "is_active"]


@admin.register(Shift)
class ShiftAdmin(AuditedAdmin):
    list_display = ["rota", "starts_at", "ends_at", "capacity", "held_at"]
    list_filter = ["centre"]
    raw_id_fields = ["rota"]
    # Places and holding go through the services (waiting list, hours logged once).
    readonly_fields = ["held_at"]


@admin.register(ShiftSignup)
class ShiftSignupAdmin(AuditedAdmin):
    list_display = ["shift", "volunteer", "status", "listed_at", "reminded_at"]
    list_filter = ["status"]
    raw_id_fields = ["shift", "volunteer", "hour_entry"]
