"""The ledger and payouts in Django's admin: read-only (they are append-only)."""
from django.contrib import admin

from payouts.models import LedgerEntry, Payout
from core.read_only_admin import ReadOnlyAdmin


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["occurred_at", "artisan", "kind", "amount", "line", "payout"]
    list_filter = ["kind"]
    list_select_related = ["artisan", "line", "payout"]
    search_fields = ["artisan__name", "line__order__number", "payout__reference"]


@admin.register(Payout)
class PayoutAdmin(ReadOnlyAdmin):
    list_display = ["paid_on", "artisan", "amount", "reference", "recorded_by", "created_at"]
    list_select_related = ["artisan", "recorded_by"]
    search_fields = ["artisan__name", "reference"]
