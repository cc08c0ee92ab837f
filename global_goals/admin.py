"""Django admin for administrators: reference data and corrections. Day-to-day changes go through
the portal's own pages, which keep the history."""

from django.contrib import admin
from django.db import models

from global_goals.models import (
    Action,
    ActionResult,
    Contribution,
    Goal,
    HistoryEvent,
    Indicator,
    IndicatorMeasurement,
    Label,
    Meeting,
    Network,
    NetworkRole,
)


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["number", "name_nl", "name_en", "colour", "text_colour", "is_focus"]
    list_filter = ["is_focus"]
    search_fields = ["name_nl", "name_en"]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ["name", "unit", "baseline", "target"]


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["title", "goal", "kind", "department", "period_start", "period_end", "budget"]
    list_filter = ["kind", "goal", "department"]
    search_fields = ["title", "description", "department"]
    list_select_related = ["goal"]
    date_hierarchy = "period_start"
    inlines = [IndicatorInline]


class MeasurementInline(admin.TabularInline):
    model = IndicatorMeasurement
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "contribution", "unit", "baseline", "target"]
    list_filter = ["contribution__goal"]
    search_fields = ["name", "contribution__title"]
    list_select_related = ["contribution"]
    inlines = [MeasurementInline]


class RoleInline(admin.TabularInline):
    model = NetworkRole
    extra = 0


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["short_name", "name", "founded", "member_count", "velsen_member_since"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [RoleInline]


@admin.register(NetworkRole)
class NetworkRoleAdmin(admin.ModelAdmin):
    list_display = ["network", "kind", "body", "holder", "since", "until"]
    list_filter = ["network", "kind"]
    search_fields = ["holder", "body"]
    list_select_related = ["network"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["date", "topic", "place", "hosted_by_velsen", "network"]
    list_filter = ["network", "hosted_by_velsen"]
    search_fields = ["topic", "place", "attendees", "minutes"]
    date_hierarchy = "date"
    list_select_related = ["network"]


class ResultInline(admin.TabularInline):
    model = ActionResult
    extra = 0


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "goal", "since_year"]
    list_filter = ["network", "goal"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ResultInline]


@admin.register(Label)
class LabelAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    """Status changes go through the portal (they need a reason and leave history)."""

    list_display = ["name", "status", "status_since", "council_decision"]
    list_filter = ["status"]
    search_fields = ["name", "council_decision"]
    readonly_fields = ["status", "status_since"]


@admin.register(HistoryEvent)
class HistoryEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "action", "object_repr", "from_value", "to_value"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor_label", "reason"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
