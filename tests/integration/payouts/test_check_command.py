"""manage.py payouts_check: exit 0 when the ledger balances, 1 and a list when it does not."""
from io import StringIO

import pytest
from django.core.management import call_command

from payouts.models import LedgerEntry

from tests.support.ledger import jakarta, sale, shipment_event

pytestmark = pytest.mark.django_db


def run_check(*args) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("payouts_check", *args, stdout=out)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


def test_a_balanced_ledger_exits_0(artisan):
    line = sale(artisan=artisan, placed_at=jakarta(2025, 1, 3), amount="100000")
    shipment_event(line, "shipped")

    assert run_check() == (0, "The payout ledger balances.\n")


def test_a_missing_entry_exits_1_naming_the_artisan_and_the_line(artisan):
    line = sale(artisan=artisan, placed_at=jakarta(2025, 1, 3), amount="100000")
    shipment_event(line, "shipped")
    LedgerEntry.objects.filter(line=line)._raw_delete(LedgerEntry.objects.db)

    code, output = run_check()

    assert code == 1
    assert f"artisan {artisan.pk} {artisan.name!r}: ledger 0, expected 100000" in output
    assert f"line {line.pk} of order {line.order.number}: entry missing" in output


def test_sync_writes_the_missing_entries_then_the_ledger_balances(artisan):
    line = sale(artisan=artisan, placed_at=jakarta(2025, 1, 3), amount="100000")
    shipment_event(line, "shipped")
    shipment_event(line, "refunded")
    LedgerEntry.objects.filter(line=line, kind="refund")._raw_delete(LedgerEntry.objects.db)

    assert run_check("--sync") == (
        0, "1 missing ledger entries written.\nThe payout ledger balances.\n",
    )
    assert run_check("--sync") == (
        0, "0 missing ledger entries written.\nThe payout ledger balances.\n",
    )
    assert list(LedgerEntry.objects.filter(line=line).values_list("kind", "amount")
                .order_by("pk")) == [("sale", 100000), ("refund", -100000)]
