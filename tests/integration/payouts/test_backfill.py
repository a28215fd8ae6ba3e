"""The data migration fills the ledger from shipment events written before it existed."""
import importlib

import pytest

from fulfilment.hooks import shipment_event_recorded
from payouts.models import LedgerEntry
from payouts.selectors import artisan_balance, ledger_discrepancies

from tests.support.ledger import jakarta, sale, shipment_event

pytestmark = pytest.mark.django_db

backfill = importlib.import_module(
    "payouts.migrations.0004_ledger_from_shipment_events_after_keys").backfill


def test_the_backfill_writes_sales_and_refunds_of_earlier_events_once(artisan, other_artisan):
    # Given events written before the ledger existed (its receiver not connected)
    with shipment_event_recorded.paused():
        kept = sale(artisan=artisan, placed_at=jakarta(2025, 1, 3), amount="300000")
        returned = sale(artisan=artisan, placed_at=jakarta(2025, 1, 3), amount="100000")
        given_up = sale(artisan=other_artisan, placed_at=jakarta(2025, 1, 3), amount="50000")
        shipment_event(kept, "shipped", at=jakarta(2025, 1, 4))
        shipment_event(returned, "shipped", at=jakarta(2025, 1, 4))
        shipment_event(returned, "refunded", at=jakarta(2025, 1, 9))
        shipment_event(given_up, "unable", at=jakarta(2025, 1, 4))
        shipment_event(given_up, "refunded", at=jakarta(2025, 1, 5))
    assert LedgerEntry.objects.count() == 0
    assert {d.artisan_id for d in ledger_discrepancies()} == {artisan.pk}

    # When the migration's function runs, twice
    backfill(None, None)
    backfill(None, None)

    # Then each shipped line has its SALE dated when shipped, the returned one its REFUND
    written = LedgerEntry.objects.values_list("line_id", "kind", "amount", "occurred_at")
    assert sorted(written) == sorted([
        (kept.pk, "sale", 300000, jakarta(2025, 1, 4)),
        (returned.pk, "sale", 100000, jakarta(2025, 1, 4)),
        (returned.pk, "refund", -100000, jakarta(2025, 1, 9)),
    ])
    assert artisan_balance(artisan_id=artisan.pk) == 300000
    assert artisan_balance(artisan_id=other_artisan.pk) == 0
    assert ledger_discrepancies() == []
