from django.contrib import admin

from .models import Delivery


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """The reminder log, read-only: it records what the jobs did."""

    list_display = ["created_at", "kind", "channel", "recipient", "status", "attempts"]
    list_filter = ["kind", "channel", "status", "centre"]
    exclude = ["text", "to"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
