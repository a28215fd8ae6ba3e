"""The outbox for staff: what waits, what was parked and why; parked rows retried."""
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.outbox.models import OutboxMessage
from core.outbox.services import outbox_retry


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "task_name", "state", "attempts", "next_attempt_at",
                    "sent_at", "last_error_start")
    list_filter = ("state", "task_name")
    search_fields = ("dedupe_key", "task_name")
    readonly_fields = [field.name for field in OutboxMessage._meta.fields]
    actions = ["retry_now"]

    @admin.display(description=_("last error"))
    def last_error_start(self, message):
        return message.last_error[:120]

    @admin.action(description=_("Try the selected rows again now"))
    def retry_now(self, request, queryset):
        count = outbox_retry(ids=queryset.values_list("pk", flat=True))
        self.message_user(request, ngettext(
            "%(count)s row will be delivered by the next sweep.",
            "%(count)s rows will be delivered by the next sweep.", count) % {"count": count},
            messages.SUCCESS)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
