from django.contrib import admin

from core.admin import AuditedAdmin

from .models import (
    Category,
    CooperationArea,
    Invitation,
    Membership,
    Organisation,
    OrganisationCategory,
)


@admin.register(Category)
class CategoryAdmin(AuditedAdmin):
    list_display = ["name", "name_nn", "name_en", "icnpo_code", "position"]


class OrganisationCategoryInline(admin.TabularInline):
    model = OrganisationCategory
    extra = 0
    max_num = 3


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "organisation_number", "centre", "is_archived"]
    list_filter = ["centre", "is_archived", "needs_volunteers", "is_public"]
    search_fields = ["name", "organisation_number", "contact_name"]
    inlines = [OrganisationCategoryInline, MembershipInline]


@admin.register(CooperationArea)
class CooperationAreaAdmin(AuditedAdmin):
    list_display = ["name", "name_nn", "name_en", "position"]


@admin.register(Invitation)
class InvitationAdmin(AuditedAdmin):
    list_display = [
        "email",
        "organisation",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["centre"]
    search_fields = ["email", "organisation__name"]
    raw_id_fields = ["organisation", "created_by", "accepted_by"]
    readonly_fields = ["token"]
