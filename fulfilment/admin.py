"""Shipments and their history in the admin, read-only: every change goes through
fulfilment.services (the artisan's pages and the council's refund list).
"""
from django.contrib import admin

from fulfilment.models import LineShipment, LineShipmentEvent
from core.read_only_admin import ReadOnlyAdmin


@admin.register(LineShipment)
class LineShipmentAdmin(ReadOnlyAdmin):
    list_display = ("line", "state", "courier", "tracking_number", "shipped_at", "unable_at",
                    "refunded_at")
    list_filter = ("state", "courier")
    search_fields = ("line__order__number", "tracking_number", "line__partner_name")


@admin.register(LineShipmentEvent)
class LineShipmentEventAdmin(ReadOnlyAdmin):
    list_display = ("line", "kind", "from_state", "to_state", "actor", "created_at")
    list_filter = ("kind",)
    search_fields = ("line__order__number", "tracking_number")
