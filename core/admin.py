from collections.abc import Callable
from functools import wraps
from typing import Any

from allauth.account.decorators import reauthentication_required
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import SimpleTemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from .audit import log_action, log_change, stored_snapshot
from .models import AuditEvent, Centre, District, Municipality, User
from .permissions import get_access
from .scopes import scopes_disabled


def admin_login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """The admin signs in through the app's login page, never through a form of its own.

    Django's admin login has no rate limit; allauth's login counts failed attempts per address
    and per account (ACCOUNT_RATE_LIMITS). Sending the admin there puts every password guess
    behind the same limits, and records it as a login event like any other.
    """
    next_url = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    next_url = next_url or reverse("admin:index")
    if request.user.is_authenticated:
        # A signed-in user who may not use the admin would loop between the two login pages.
        if admin.site.has_permission(request):
            return redirect(next_url)
        raise PermissionDenied
    return redirect_to_login(next_url, login_url=reverse("account_login"))


admin.site.login = admin_login  # type: ignore[method-assign]

_admin_view = admin.site.admin_view


def admin_view_across_centres(view: Callable, cacheable: bool = False) -> Callable:
    """The admin is the site admin's tool across every centre: its views (and the rendering of
    their template responses) run with the guard against unscoped queries off, explicitly."""

    @wraps(view)
    def across_centres(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with scopes_disabled():
            response = view(request, *args, **kwargs)
            if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                response.render()
        return response

    return _admin_view(across_centres, cacheable)


admin.site.admin_view = admin_view_across_centres  # type: ignore[method-assign,assignment]


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletions go into the audit trail like every service's:
    the site admin's changes are recorded with who, which fields and "via the admin"."""

    def _action(self, obj: Any, verb: str) -> str:
        return f"{obj._meta.model_name}.{verb}"

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = stored_snapshot(obj) if change else None
        super().save_model(request, obj, form, change)
        log_change(
            actor=get_access(request),
            action=self._action(obj, "updated" if change else "created"),
            obj=obj,
            before=before,
            data={"via": "admin"},
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        log_action(
            actor=get_access(request),
            action=self._action(obj, "deleted"),
            obj=obj,
            data={"via": "admin"},
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            log_action(
                actor=get_access(request),
                action=self._action(obj, "deleted"),
                obj=obj,
                data={"via": "admin"},
            )
        super().delete_queryset(request, queryset)


@admin.register(Municipality)
class MunicipalityAdmin(AuditedAdmin):
    list_display = ["name", "number", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Centre)
class CentreAdmin(AuditedAdmin):
    list_display = ["name", "municipality", "slug", "email", "activities_public_by_default"]
    list_filter = ["municipality"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(District)
class DistrictAdmin(AuditedAdmin):
    list_display = ["name", "municipality"]
    list_filter = ["municipality"]


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
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

    @method_decorator(reauthentication_required)
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """Giving or changing a role (and every other change of a user) asks for the password
        or second factor again unless given in the last few minutes."""
        return super().changeform_view(request, object_id, form_url, extra_context)

    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "password1", "password2", "role", "centre", "municipality"],
            },
        )
    ]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The site admin's view of the whole trail (read only)."""

    list_display = ["created_at", "action", "actor", "source", "object_repr", "centre"]
    list_filter = ["source", "action"]
    search_fields = ["action", "object_repr", "actor__email"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
    list_select_related = ["actor", "centre"]

    def has_add_permission(self, request):  # the log is written by the system only
        return False

    def has_change_permission(self, request, obj=None):
        return False
