"""Admin for curators; curation events and submissions are shown, never edited."""
from django.contrib import admin

from curation.models import CurationEvent, Curator, Submission


@admin.register(Curator)
class CuratorAdmin(admin.ModelAdmin):
    list_display = ("user", "is_lead", "created_at")
    list_filter = ("regions", "is_lead")
    filter_horizontal = ("regions",)
    raw_id_fields = ("user",)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CurationEvent)
class CurationEventAdmin(ReadOnlyAdmin):
    list_display = ("product", "kind", "from_state", "to_state", "actor", "created_at")
    list_filter = ("kind",)
    date_hierarchy = "created_at"


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ("product", "submitted_at", "claimed_by", "is_open", "outcome", "decided_at")
    list_filter = ("is_open", "outcome")
