from django.contrib import admin
from django.db import models

from council.models import (
    AppliedConsequence,
    Argument,
    Decision,
    FormalDecision,
    InterestDeclaration,
    Option,
    Question,
    QuestionDocument,
    QuestionStatusChange,
    Vote,
    VoteChange,
)


class OptionInline(admin.StackedInline):
    model = Option
    extra = 0
    filter_horizontal = ["partnerships"]


URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class DocumentInline(admin.TabularInline):
    model = QuestionDocument
    extra = 0
    formfield_overrides = URL_FIELDS


class StatusChangeInline(admin.TabularInline):
    model = QuestionStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "from_status", "to_status", "reason"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    """Reading and correcting texts. State changes go through the portal's pages (council.services),
    so the status and voting window are read-only here."""

    list_display = ["title", "topic", "status", "voting_ends_at", "published_at"]
    list_filter = ["status", "topic"]
    search_fields = ["title", "question_text"]
    readonly_fields = [
        "status",
        "voting_starts_at",
        "voting_ends_at",
        "council_size_at_close",
        "published_at",
        "created_by",
    ]
    inlines = [OptionInline, DocumentInline, StatusChangeInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Votes and their history are the record: visible, never edited by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin):
    """Only votes on closed questions: no running tally, not even for administrators."""

    list_display = ["question", "member", "option", "cast_at", "changed_at"]
    list_filter = ["question"]

    def get_queryset(self, request):
        return super().get_queryset(request).countable().select_related("question", "member", "option")


@admin.register(VoteChange)
class VoteChangeAdmin(ReadOnlyAdmin):
    list_display = ["vote", "kind", "from_option", "to_option", "at"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(vote__in=Vote.objects.countable())


@admin.register(InterestDeclaration)
class InterestDeclarationAdmin(ReadOnlyAdmin):
    list_display = ["question", "member", "declared_at"]


@admin.register(Argument)
class ArgumentAdmin(admin.ModelAdmin):
    list_display = ["question", "option", "member", "stance", "created_at"]
    list_filter = ["stance"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["question", "decided_on", "recorded_by"]


@admin.register(AppliedConsequence)
class AppliedConsequenceAdmin(ReadOnlyAdmin):
    list_display = ["decision", "kind", "year", "ceiling", "partnership"]


@admin.register(FormalDecision)
class FormalDecisionAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["question", "meeting_date", "minutes_url"]
