from django.contrib import admin
from django.db import models

from partnerships.models import Activity, ActivityDocument, Partner, Partnership, PhaseOutStep, StatusChange, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "name_en", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name_nl", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "country_code", "region", "population"]
    list_filter = ["country_code"]
    search_fields = ["name", "region", "country_code"]


class PhaseOutStepInline(admin.TabularInline):
    model = PhaseOutStep
    extra = 0
    fields = ["position", "title", "due_on", "done_on", "done_by"]
    readonly_fields = ["done_by"]


class StatusChangeInline(admin.TabularInline):
    """History is written by the services only; the admin shows it read-only."""

    model = StatusChange
    extra = 0
    can_delete = False
    fields = ["at", "event", "from_status", "to_status", "actor_label", "reason", "decision_reference"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "pillar", "status", "since", "until", "lead"]
    list_filter = ["kind", "pillar", "status", "origin", "themes", "partners__country_code"]
    search_fields = ["title", "summary", "partners__name", "official_contact", "lead_name"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["partners", "themes", "goals"]
    raw_id_fields = ["transformed_from"]
    # Status changes go through partnerships.services (history + audit), not through this form.
    readonly_fields = ["status", "created_at", "updated_at"]
    inlines = [PhaseOutStepInline, StatusChangeInline]


class ActivityDocumentInline(admin.TabularInline):
    model = ActivityDocument
    extra = 0
    fields = ["title", "file", "is_public", "uploaded_at"]
    readonly_fields = ["uploaded_at"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["date", "title", "kind", "partnership", "costs"]
    list_filter = ["kind", "date", "partnership__kind"]
    search_fields = ["title", "description", "participants", "partnership__title"]
    date_hierarchy = "date"
    list_select_related = ["partnership"]
    raw_id_fields = ["partnership"]
    inlines = [ActivityDocumentInline]


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ["at", "partnership", "event", "from_status", "to_status", "actor_label"]
    list_filter = ["event", "to_status"]
    search_fields = ["partnership__title", "reason", "actor_label", "decision_reference"]
    list_select_related = ["partnership"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
