from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import AuthEvent, Centre, District, Municipality, User


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "number", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "slug", "email"]
    list_filter = ["municipality"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality"]
    list_filter = ["municipality"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "role",
        "centre",
        "municipality",
        "is_active",
    ]
    list_filter = ["role", "centre", "municipality", "is_active", "is_superuser"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name"]}),
        (_("Role"), {"fields": ["role", "centre", "municipality"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "password1", "password2", "role", "centre", "municipality"],
            },
        )
    ]


@admin.register(AuthEvent)
class AuthEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "email", "ip_address"]
    list_filter = ["kind"]
    search_fields = ["email"]
    readonly_fields = [f.name for f in AuthEvent._meta.fields]

    def has_add_permission(self, request):  # the log is written by the system only
        return False

    def has_change_permission(self, request, obj=None):
        return False
