"""The backfill data migration runs on a database that has shipments from before the
ledger existed, migrating forward from payouts 0001 to the latest migration.

The backfill uses the current models (on purpose, see the migration), so it must run
after every migration that changes the columns of LedgerEntry.
"""
import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from fulfilment.hooks import shipment_event_recorded
from payouts.models import LedgerEntry
from payouts.selectors import ledger_discrepancies

from tests.support.ledger import jakarta, sale, shipment_event

# The migrations run inside the test's own transaction and are rolled back with it, which
# only PostgreSQL's transactional DDL allows. (As a transactional test restoring the
# database afterwards, it failed to restore it when run after the browser tests.)
pytestmark = [
    pytest.mark.skipif("postgresql" not in settings.DATABASES["default"]["ENGINE"],
                       reason="migrates inside the test's transaction (PostgreSQL's DDL); "
                              "runs in the PostgreSQL pass of `make test`"),
    pytest.mark.django_db,
]



def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


def test_migrating_a_database_with_earlier_shipments_fills_the_ledger(artisan):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("payouts")
    # Given a database at payouts 0001 (before the backfill) with a line shipped then
    _migrate([("payouts", "0001_initial")])
    with shipment_event_recorded.paused():
        line = sale(artisan=artisan, placed_at=jakarta(2025, 1, 3), amount="300000")
        shipment_event(line, "shipped", at=jakarta(2025, 1, 4))

    # When it is migrated to the latest payouts migration
    _migrate(latest)

    # Then the line's SALE is in the ledger, and the ledger balances
    assert list(LedgerEntry.objects.values_list("line_id", "kind", "amount")) == [
        (line.pk, "sale", 300000)]
    assert ledger_discrepancies() == []
