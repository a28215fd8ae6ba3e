"""The once-only email ledger in the admin, to read."""
from django.contrib import admin

from core.models import Notification
from core.read_only_admin import ReadOnlyAdmin


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("key", "recipient", "subject", "sent_at", "created_at")
    list_filter = ("sent_at",)
    search_fields = ("key", "recipient")
