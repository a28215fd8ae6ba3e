"""The ledger follows fulfilment's events: a shipped line is owed, a refund takes it back."""
import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.models import AppendOnlyError
from fulfilment import services as fulfilment
from fulfilment.models import Courier
from payouts.models import LedgerEntry
from payouts.selectors import artisan_balance, ledger_discrepancies
from payouts.services import ledger_line_sync
from tests.factories import OrderFactory, OrderLineFactory, ProductFactory

from tests.support.ledger import jakarta, payments_staff, rate, sale, shipment_event

pytestmark = pytest.mark.django_db
Kind = LedgerEntry.Kind


def entries(line):
    return list(LedgerEntry.objects.filter(line=line).order_by("pk")
                .values_list("kind", "amount", "gross", "rate", "commission"))


def test_shipping_a_line_writes_its_sale_at_the_rate_of_the_day_the_order_was_placed(
    artisan
):
    # Given a 10% default rate when the order was placed, and 12% from a later day
    rate("10.00", dt.date(2025, 1, 1))
    rate("12.00", dt.date(2025, 1, 20))
    line = sale(artisan=artisan, placed_at=jakarta(2025, 1, 10), amount="1250000")

    # When the artisan ships it after the new rate started
    event = shipment_event(line, "shipped", at=jakarta(2025, 1, 25, 9))

    # Then one SALE owes the amount less 10%, dated when it was shipped
    assert entries(line) == [(Kind.SALE, 1125000, 1250000, Decimal("10.00"), 125000)]
    sale_entry = LedgerEntry.objects.get(line=line)
    assert (sale_entry.artisan, sale_entry.shipment_event, sale_entry.occurred_at) == (
        artisan, event, jakarta(2025, 1, 25, 9),
    )
    assert artisan_balance(artisan_id=artisan.pk) == 1125000


def test_a_regions_own_rate_wins_and_without_rates_the_commission_is_zero(
    artisan, other_artisan, other_region
):
    rate("7.50", dt.date(2024, 12, 1), region=other_region)
    theirs = sale(artisan=other_artisan, placed_at=jakarta(2025, 1, 3), amount="1001")
    mine = sale(artisan=artisan, placed_at=jakarta(2025, 1, 3), amount="1000.50")

    shipment_event(theirs, "shipped")
    shipment_event(mine, "shipped")

    # 7.5% of 1,001 is 75.075: 75; 1,000.50 is 1,001 rupiah, no commission
    assert entries(theirs) == [(Kind.SALE, 926, 1001, Decimal("7.50"), 75)]
    assert entries(mine) == [(Kind.SALE, 1001, 1001, Decimal("0.00"), 0)]


def test_a_refund_after_shipping_reverses_the_sale(artisan):
    rate("10.00", dt.date(2025, 1, 1))
    line = sale(artisan=artisan, placed_at=jakarta(2025, 1, 3), amount="600000", quantity=2)
    shipment_event(line, "shipped", at=jakarta(2025, 1, 4))

    refund_event = shipment_event(line, "refunded", at=jakarta(2025, 2, 2))

    assert entries(line) == [
        (Kind.SALE, 540000, 600000, Decimal("10.00"), 60000),
        (Kind.REFUND, -540000, 600000, Decimal("10.00"), 60000),
    ]
    refund = LedgerEntry.objects.get(line=line, kind=Kind.REFUND)
    assert (refund.shipment_event, refund.occurred_at) == (refund_event, jakarta(2025, 2, 2))
    assert artisan_balance(artisan_id=artisan.pk) == 0


def test_a_refund_recorded_before_the_shipment_event_still_reverses_it(artisan):
    line = sale(artisan=artisan, placed_at=jakarta(2025, 1, 3), amount="100000")
    shipment_event(line, "refunded", at=jakarta(2025, 1, 5))
    assert entries(line) == []

    shipment_event(line, "shipped", at=jakarta(2025, 1, 6))

    assert [kind for kind, *_ in entries(line)] == [Kind.SALE, Kind.REFUND]
    refund = LedgerEntry.objects.get(line=line, kind=Kind.REFUND)
    assert refund.occurred_at == jakarta(2025, 1, 6)  # not before the sale it reverses
    assert artisan_balance(artisan_id=artisan.pk) == 0


def test_packed_unable_delivered_and_other_events_write_nothing(artisan):
    line = sale(artisan=artisan, placed_at=jakarta(2025, 1, 3), amount="100000")

    for kind in ("packed", "unable", "delivered"):
        shipment_event(line, kind)

    assert entries(line) == []


def test_a_line_of_the_council_store_without_an_artisan_writes_nothing(artisan):
    line = sale(artisan=artisan, placed_at=jakarta(2025, 1, 3), amount="100000")
    type(line).objects.filter(pk=line.pk).update(partner=None)
    line.refresh_from_db()

    shipment_event(line, "shipped")

    assert entries(line) == []


def test_the_sync_is_idempotent(artisan):
    line = sale(artisan=artisan, placed_at=jakarta(2025, 1, 3), amount="100000")
    shipment_event(line, "shipped")
    shipment_event(line, "refunded")
    before = entries(line)

    # When the receiver (or the backfill) runs again for the same line
    written = [ledger_line_sync(line_id=line.pk) for _ in range(3)]

    assert written == [[], [], []]
    assert entries(line) == before
    assert LedgerEntry.objects.count() == 2


def test_the_database_refuses_a_second_sale_or_refund_for_a_line(artisan):
    line = sale(artisan=artisan, placed_at=jakarta(2025, 1, 3), amount="100000")
    shipment_event(line, "shipped")
    shipment_event(line, "refunded")
    sale_entry = LedgerEntry.objects.get(line=line, kind=Kind.SALE)

    for kind, amount in ((Kind.SALE, 100000), (Kind.REFUND, -100000)):
        with pytest.raises(IntegrityError), transaction.atomic():
            LedgerEntry.objects.create(
                artisan=artisan, kind=kind, amount=amount, line=line, gross=100000,
                rate=Decimal("0"), commission=0, occurred_at=sale_entry.occurred_at,
            )


@pytest.mark.parametrize("kind,amount", [
    (Kind.SALE, -5), (Kind.SALE, 99999), (Kind.REFUND, 100000), (Kind.PAYOUT, 10),
])
def test_the_database_refuses_an_entry_of_the_wrong_sign_or_amount(artisan, kind, amount):
    line = sale(artisan=artisan, placed_at=jakarta(2025, 1, 3), amount="100000")
    fields = {"line": line, "gross": 100000, "rate": Decimal("0"), "commission": 0}
    if kind == Kind.PAYOUT:
        fields = {}

    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(artisan=artisan, kind=kind, amount=amount,
                                   occurred_at=jakarta(2025, 1, 3), **fields)


def test_an_adjustment_without_a_note_is_refused_by_the_database(artisan):
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(artisan=artisan, kind=Kind.ADJUSTMENT, amount=500,
                                   created_by=payments_staff(), occurred_at=jakarta(2025, 1, 3))


def test_entries_are_never_changed_or_deleted(artisan):
    line = sale(artisan=artisan, placed_at=jakarta(2025, 1, 3), amount="100000")
    shipment_event(line, "shipped")
    entry = LedgerEntry.objects.get(line=line)

    entry.note = "ubah"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert LedgerEntry.objects.get(pk=entry.pk).note == ""


def test_real_fulfilment_moves_ship_is_owed_and_unable_then_refunded_is_not(
    artisan, artisan_user
):
    # Given two paid lines of the artisan, through fulfilment's own services
    rate("10.00", dt.date(2020, 1, 1))
    order = OrderFactory()
    shipped = OrderLineFactory(order=order, product=ProductFactory(artisan=artisan))
    given_up = OrderLineFactory(order=order, product=ProductFactory(artisan=artisan))
    staff = payments_staff()

    fulfilment.line_ship(line_id=shipped.pk, user=artisan_user, courier=Courier.JNE,
                         tracking_number="JNE1234567890")
    fulfilment.line_unable(line_id=given_up.pk, user=artisan_user, reason="Retak saat dibakar.")
    fulfilment.line_refund(line_id=given_up.pk, user=staff, note="TRF-0001")

    owed = int((shipped.line_price_incl_tax * Decimal("0.9")).quantize(Decimal(1)))
    assert [kind for kind, *_ in entries(shipped)] == [Kind.SALE]
    assert entries(given_up) == []
    assert artisan_balance(artisan_id=artisan.pk) == owed
    assert ledger_discrepancies() == []


def test_the_check_finds_an_artisan_whose_ledger_disagrees_with_the_facts(
    artisan, other_artisan
):
    line = sale(artisan=artisan, placed_at=jakarta(2025, 1, 3), amount="100000")
    shipment_event(line, "shipped")
    theirs = sale(artisan=other_artisan, placed_at=jakarta(2025, 1, 3), amount="50000")
    shipment_event(theirs, "shipped")
    assert ledger_discrepancies() == []

    # A SALE that vanished behind the models' back (a bad restore, a raw SQL delete)
    LedgerEntry.objects.filter(line=line)._raw_delete(LedgerEntry.objects.db)

    [wrong] = ledger_discrepancies()
    assert (wrong.artisan_id, wrong.ledger, wrong.expected, wrong.difference) == (
        artisan.pk, 0, 100000, -100000,
    )


def test_real_fulfilment_moves_a_delivered_piece_returned_and_refunded_is_taken_back(
    artisan, artisan_user
):
    # Given a line shipped and delivered through fulfilment's services
    from fulfilment.models import LineShipment
    from payments.selectors import bank_transfer_source_type

    rate("10.00", dt.date(2020, 1, 1))
    line = OrderLineFactory(order=OrderFactory(), product=ProductFactory(artisan=artisan))
    line.order.sources.create(source_type=bank_transfer_source_type(),
                              amount_allocated=line.line_price_incl_tax)
    fulfilment.line_ship(line_id=line.pk, user=artisan_user, courier=Courier.JNE,
                         tracking_number="JNE1234567890")
    # No word from the buyer: the beat marks it delivered (no ledger effect)
    assert fulfilment.lines_deliver_overdue(now=timezone.now() + dt.timedelta(days=60)) == 1
    assert [kind for kind, *_ in entries(line)] == [Kind.SALE]

    # When the buyer sends it back and the council refunds it by bank transfer
    fulfilment.line_refund(line_id=line.pk, user=payments_staff(), note="TRF-RETUR",
                           reason="Dikembalikan: retak saat pengiriman.")

    # Then the sale is reversed and the ledger balances
    assert LineShipment.objects.get(line=line).state == "refunded"
    assert list(line.shipment_events.values_list("kind", flat=True)) == [
        "shipped", "delivered", "refunded"]
    assert [kind for kind, *_ in entries(line)] == [Kind.SALE, Kind.REFUND]
    assert artisan_balance(artisan_id=artisan.pk) == 0
    assert ledger_discrepancies() == []
