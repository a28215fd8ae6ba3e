"""The admin of the artisans' app: the admission history, to read only.

Admission moves only through artisans.joining.services; the admin shows its log.
"""
from django.contrib import admin

from artisans.models import AdmissionEvent
from core.read_only_admin import ReadOnlyAdmin


@admin.register(AdmissionEvent)
class AdmissionEventAdmin(ReadOnlyAdmin):
    list_display = ("artisan", "kind", "from_state", "to_state", "actor", "created_at")
    list_filter = ("kind", "to_state", "artisan__region")
    search_fields = ("artisan__name", "note")
    list_select_related = ("artisan", "actor")
    date_hierarchy = "created_at"
