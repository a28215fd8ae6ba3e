"""Bank transfer: what the buyer is told to pay, and staff confirming it arrived."""
from datetime import timedelta
from decimal import Decimal

import pytest
from oscar.apps.order.models import OrderNote

from payments.errors import OrderNotAwaitingPayment, PaymentNotAllowed
from payments.selectors import BANK_TRANSFER_SOURCE_CODE, order_awaits_bank_transfer
from payments.services import bank_transfer_instructions, order_mark_paid
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _bank(settings):
    settings.BANK_TRANSFER_ACCOUNT = {
        "bank": "Bank Jatim", "account_number": "0011-2233-44",
        "account_name": "Dekranasda Pasar Kriya",
    }
    settings.BANK_TRANSFER_DAYS = 3
    settings.FLAT_RATE_SHIPPING_IDR = 25000


def test_order_is_placed_awaiting_payment_with_the_total_allocated_to_a_bank_transfer(placed_order):
    assert placed_order.status == "Awaiting payment"
    assert placed_order.total_incl_tax == 2 * Decimal("1250000") + Decimal("25000")
    (source,) = placed_order.sources.all()
    assert source.source_type.code == BANK_TRANSFER_SOURCE_CODE
    assert (source.amount_allocated, source.amount_debited) == (placed_order.total_incl_tax, 0)
    assert order_awaits_bank_transfer(order=placed_order)


def test_instructions_name_the_account_exact_amount_reference_and_deadline(placed_order):
    instructions = bank_transfer_instructions(order=placed_order)

    assert (instructions.bank, instructions.account_number, instructions.account_name) == (
        "Bank Jatim", "0011-2233-44", "Dekranasda Pasar Kriya"
    )
    assert (instructions.amount, instructions.currency) == (placed_order.total_incl_tax, "IDR")
    assert instructions.reference == placed_order.number
    assert instructions.deadline == placed_order.date_placed + timedelta(days=3)


def test_staff_mark_paid_moves_order_and_lines_records_event_debit_and_note(
    placed_order, order_staff
):
    order = order_mark_paid(order=placed_order, user=order_staff, reference="JATIM-1")

    order.refresh_from_db()
    assert order.status == "Paid"
    assert {line.status for line in order.lines.all()} == {"Paid"}
    assert [(c.old_status, c.new_status) for c in order.status_changes.all()] == [
        ("Awaiting payment", "Paid")
    ]
    (event,) = order.payment_events.all()
    assert (event.event_type.name, event.amount, event.reference) == (
        "Paid", order.total_incl_tax, "JATIM-1"
    )
    assert [(q.line_id, q.quantity) for q in event.line_quantities.all()] == [
        (line.pk, 2) for line in order.lines.all()
    ]
    source = order.sources.get()
    assert source.amount_debited == order.total_incl_tax
    assert source.transactions.get().reference == "JATIM-1"
    note = order.notes.get()
    assert (note.user, note.note_type) == (order_staff, OrderNote.SYSTEM)
    assert "JATIM-1" in note.message
    assert not order_awaits_bank_transfer(order=order)


def test_marking_paid_twice_is_refused_and_changes_nothing(placed_order, order_staff):
    order_mark_paid(order=placed_order, user=order_staff)

    with pytest.raises(OrderNotAwaitingPayment, match=placed_order.number):
        order_mark_paid(order=placed_order, user=order_staff)

    placed_order.refresh_from_db()
    assert placed_order.status == "Paid"
    assert placed_order.payment_events.count() == 1
    assert placed_order.sources.get().amount_debited == placed_order.total_incl_tax
    assert placed_order.notes.count() == 1


@pytest.mark.parametrize("make_user", [
    lambda: UserFactory(),                      # a buyer
    lambda: UserFactory(is_staff=True),         # staff without order rights
])
def test_only_staff_who_manage_orders_can_mark_paid(placed_order, make_user):
    with pytest.raises(PaymentNotAllowed):
        order_mark_paid(order=placed_order, user=make_user())

    placed_order.refresh_from_db()
    assert placed_order.status == "Awaiting payment"
    assert not placed_order.payment_events.exists()


def test_artisan_of_a_line_cannot_mark_paid(placed_order, published):
    with pytest.raises(PaymentNotAllowed):
        order_mark_paid(order=placed_order, user=published.artisan.partner.users.get())


def test_a_cancelled_order_cannot_be_marked_paid(placed_order, order_staff):
    placed_order.set_status("Cancelled")

    with pytest.raises(OrderNotAwaitingPayment):
        order_mark_paid(order=placed_order, user=order_staff)

    placed_order.refresh_from_db()
    assert placed_order.status == "Cancelled"
