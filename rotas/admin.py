from django.contrib import admin

from core.admin import AuditedAdmin

from .models import Rota, Shift, ShiftSignup


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
