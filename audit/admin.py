from django.contrib import admin

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log can be searched, never edited or deleted."""

    list_display = ["at", "actor_label", "action", "object_type", "object_repr", "result", "ip"]
    list_filter = ["result", "action", "object_type"]
    search_fields = ["actor_label", "action", "object_repr", "object_id", "ip"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
