"""Stock records in the admin, read-only: price and stock change through the
artisan's stock list and product pages (catalogue.services), which record each change."""
from django.contrib import admin
from oscar.apps.partner.admin import *  # noqa: F401,F403
from oscar.apps.partner.admin import StockRecordAdmin as OscarStockRecordAdmin

from partner.models import StockRecord
from core.read_only_admin import ReadOnlyAdmin

admin.site.unregister(StockRecord)


@admin.register(StockRecord)
class StockRecordAdmin(ReadOnlyAdmin, OscarStockRecordAdmin):
    pass
