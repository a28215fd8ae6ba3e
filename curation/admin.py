"""Admin for curators and criteria; the curation record is shown, never edited.

The council admin keeps the criteria in the dashboard (/dashboard/curation/criteria/);
the admin here is for staff who need the raw rows.
"""
from django.contrib import admin

from curation.models import (
    CurationEvent,
    Criterion,
    CriterionResult,
    Curator,
    Evidence,
    ProductRevision,
    Submission,
)
from core.read_only_admin import ReadOnlyAdmin


@admin.register(Curator)
class CuratorAdmin(admin.ModelAdmin):
    list_display = ("user", "is_lead", "created_at")
    list_filter = ("regions", "is_lead")
    filter_horizontal = ("regions",)
    raw_id_fields = ("user",)


@admin.register(CurationEvent)
class CurationEventAdmin(ReadOnlyAdmin):
    list_display = ("product", "kind", "from_state", "to_state", "actor", "created_at")
    list_filter = ("kind",)
    date_hierarchy = "created_at"


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ("product", "submitted_at", "claimed_by", "is_open", "outcome", "decided_at")
    list_filter = ("is_open", "outcome")


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ("name_en", "name_id", "code", "is_mandatory", "asks_evidence", "is_active",
                    "display_order")
    list_filter = ("is_active", "is_mandatory", "asks_evidence", "crafts")
    search_fields = ("code", "name_en", "name_id")
    filter_horizontal = ("crafts",)
    ordering = ("display_order", "pk")
    # Deleting a used criterion is refused by Django's admin itself: results and
    # evidence protect it (on_delete=PROTECT) and the confirmation page lists them.


@admin.register(CriterionResult)
class CriterionResultAdmin(ReadOnlyAdmin):
    list_display = ("submission", "criterion", "result")
    list_filter = ("result", "criterion")
    list_select_related = ("criterion", "submission")


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ("product", "criterion", "caption", "uploaded_by", "created_at")
    list_filter = ("criterion",)
    list_select_related = ("product", "criterion", "uploaded_by")
    date_hierarchy = "created_at"


@admin.register(ProductRevision)
class ProductRevisionAdmin(ReadOnlyAdmin):
    list_display = ("product", "state", "title", "created_by", "created_at")
    list_filter = ("state",)
    list_select_related = ("product", "created_by")
    date_hierarchy = "created_at"
