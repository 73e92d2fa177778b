from django.contrib import admin

from core.admin import AuditedAdmin

from .models import MunicipalUnit, Partnership


@admin.register(MunicipalUnit)
class MunicipalUnitAdmin(AuditedAdmin):
    list_display = ["name", "kind", "municipality", "district"]
    list_filter = ["kind", "municipality"]


@admin.register(Partnership)
class PartnershipAdmin(AuditedAdmin):
    list_display = ["title", "organisation", "status", "start_date", "end_date", "centre"]
    list_filter = ["status", "centre"]
