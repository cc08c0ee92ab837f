from django.contrib import admin

from grants.models import (
    Application,
    ApplicationEvent,
    Attachment,
    Budget,
    CeilingChange,
    ConflictOfInterest,
    CostLine,
    InternalNote,
)


class CeilingChangeInline(admin.TabularInline):
    model = CeilingChange
    extra = 0
    can_delete = False
    readonly_fields = ["old_ceiling", "new_ceiling", "reason", "actor", "decided_by_label", "at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    """The ceiling is read-only here: it changes through grants.services.set_budget_ceiling, which
    records the reason (see the ceiling view for administrators)."""

    list_display = ["year", "ceiling"]
    readonly_fields = ["ceiling"]
    inlines = [CeilingChangeInline]


class CostLineInline(admin.TabularInline):
    model = CostLine
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["kind", "original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    exclude = ["file"]

    def has_add_permission(self, request, obj=None):
        return False


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "action", "from_status", "to_status", "reason", "visible_to_applicant"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """For looking things up; state changes go through the portal's pages and grants.services."""

    list_display = [
        "reference",
        "title",
        "applicant_kind",
        "organisation_name",
        "pillar",
        "status",
        "year",
        "requested_amount",
        "granted_amount",
        "received_at",
        "decision_due",
    ]
    list_filter = ["status", "pillar", "year", "applicant_kind"]
    search_fields = ["reference", "title", "organisation_name", "contact_name", "contact_email", "kvk_number"]
    list_select_related = ["applicant"]
    date_hierarchy = "received_at"
    readonly_fields = [
        "status",
        "reference",
        "year",
        "sequence",
        "received_at",
        "completed_at",
        "decision_due",
        "granted_amount",
        "settled_amount",
        "decided_at",
        "decided_by",
        "decision_sent_at",
        "applicant",
    ]
    inlines = [CostLineInline, AttachmentInline, EventInline]


@admin.register(ApplicationEvent)
class ApplicationEventAdmin(admin.ModelAdmin):
    list_display = ["at", "application", "action", "from_status", "to_status", "actor"]
    list_filter = ["action", "to_status"]
    search_fields = ["application__reference", "reason"]
    list_select_related = ["application", "actor"]


@admin.register(InternalNote)
class InternalNoteAdmin(admin.ModelAdmin):
    list_display = ["created_at", "application", "author"]
    search_fields = ["application__reference", "text"]
    list_select_related = ["application", "author"]


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(admin.ModelAdmin):
    list_display = ["declared_at", "application", "civil_servant"]
    search_fields = ["application__reference", "civil_servant__email"]
    list_select_related = ["application", "civil_servant"]


@admin.register(CeilingChange)
class CeilingChangeAdmin(admin.ModelAdmin):
    list_display = ["at", "budget", "old_ceiling", "new_ceiling", "actor", "decided_by_label"]
    list_select_related = ["budget", "actor"]
    readonly_fields = [
        "budget",
        "old_ceiling",
        "new_ceiling",
        "reason",
        "actor",
        "decided_by_question_id",
        "decided_by_label",
        "at",
    ]

    def has_add_permission(self, request):
        return False
