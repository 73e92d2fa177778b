from django.contrib import admin

from core.admin import AuditedAdmin

from .models import BackgroundGroup, Consent, ConsentText, Interest, Language, Volunteer


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
