"""The fulfilment services: who may move a line, from where, and what follows."""
from decimal import Decimal

import pytest
from django.utils import translation
from oscar.apps.order.models import PaymentEvent, ShippingEvent

from core.models import AppendOnlyError
from core.models import Notification
from fulfilment import services
from fulfilment.errors import InvalidShipment, InvalidTransition, NotAllowed, NotPaid
from fulfilment.models import LineShipment, LineShipmentEvent
from tests.factories import OrderFactory, UserFactory

from tests.integration.fulfilment.helpers import paid_line

pytestmark = pytest.mark.django_db

Kind = LineShipmentEvent.Kind


def _kinds(line) -> list[str]:
    return list(line.shipment_events.order_by("pk").values_list("kind", flat=True))


def test_pack_then_ship_records_events_statuses_and_emails_the_buyer(
    artisan, artisan_user, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.LANGUAGE_CODE = "en"
    line = paid_line(artisan)
    order = line.order

    with django_capture_on_commit_callbacks(execute=True):
        services.line_pack(line_id=line.pk, user=artisan_user)
    line.refresh_from_db()
    order.refresh_from_db()
    assert line.shipment.state == "packed" and line.shipment.packed_at is not None
    assert line.status == "Packed"
    # Its only line is packed, so the order is too.
    assert order.status == "Packed"
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        services.line_ship(line_id=line.pk, user=artisan_user, courier="jne",
                           tracking_number=" cgk 1234 5678 90 ")

    shipment = LineShipment.objects.get(line=line)
    assert (shipment.state, shipment.courier, shipment.tracking_number) == (
        "shipped", "jne", "CGK1234567890")
    assert shipment.shipped_at is not None and shipment.updated_by == artisan_user
    line.refresh_from_db()
    order.refresh_from_db()
    assert line.status == "Shipped"
    assert order.status == "Shipped"
    assert list(order.status_changes.order_by("pk").values_list("old_status", "new_status")) == [
        ("Paid", "Packed"), ("Packed", "Shipped")]
    assert ShippingEvent.objects.get(order=order).notes == "JNE CGK1234567890"
    events = list(line.shipment_events.order_by("pk"))
    assert [(e.kind, e.from_state, e.to_state, e.actor) for e in events] == [
        (Kind.PACKED, "waiting", "packed", artisan_user),
        (Kind.SHIPPED, "packed", "shipped", artisan_user),
    ]
    assert (events[1].courier, events[1].tracking_number) == ("JNE", "CGK1234567890")
    [email] = mailoutbox
    assert email.to == ["pembeli@example.id"]
    assert order.number in email.subject
    assert "CGK1234567890" in email.body and "JNE" in email.body
    assert "https://www.jne.co.id" in email.body
    assert Notification.objects.filter(key=f"shipment-event:{events[1].pk}",
                                       sent_at__isnull=False).count() == 1


def test_the_buyer_email_is_in_the_shop_language(
    artisan, artisan_user, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.LANGUAGE_CODE = "id"
    line = paid_line(artisan)
    with django_capture_on_commit_callbacks(execute=True):
        services.line_ship(line_id=line.pk, user=artisan_user, courier="other",
                           courier_other="Paxel", tracking_number="PXL000111")
    [email] = mailoutbox
    with translation.override("id"):
        greeting = translation.gettext("Hello,")
    assert greeting != "Hello,"  # the catalogue has it in Indonesian
    assert email.body.startswith(greeting)
    assert "PXL000111" in email.body and "Paxel" in email.body


def test_the_order_ships_only_when_both_artisans_have_shipped(
    shared_order, artisan_user, other_user, django_capture_on_commit_callbacks
):
    order, own, other = shared_order

    with django_capture_on_commit_callbacks(execute=True):
        services.line_ship(line_id=own.pk, user=artisan_user, courier="sicepat",
                           tracking_number="000123456789")
    order.refresh_from_db()
    assert order.status == "Paid"

    with django_capture_on_commit_callbacks(execute=True):
        services.line_pack(line_id=other.pk, user=other_user)
    order.refresh_from_db()
    assert order.status == "Packed"  # one line shipped, the other packed: all are packed

    with django_capture_on_commit_callbacks(execute=True):
        services.line_ship(line_id=other.pk, user=other_user, courier="pos",
                           tracking_number="P2311230001")
    order.refresh_from_db()
    assert order.status == "Shipped"
    assert order.status_changes.filter(new_status="Shipped").count() == 1


def test_a_line_given_up_does_not_hold_the_order_back(
    shared_order, artisan_user, other_user, django_capture_on_commit_callbacks
):
    order, own, other = shared_order
    with django_capture_on_commit_callbacks(execute=True):
        services.line_unable(line_id=other.pk, user=other_user, reason="Pecah saat dikemas.")
        services.line_ship(line_id=own.pk, user=artisan_user, courier="jnt",
                           tracking_number="JT0001234567")
    order.refresh_from_db()
    assert order.status == "Shipped"


def test_an_unpaid_order_is_never_shipped(artisan, artisan_user, mailoutbox,
                                          django_capture_on_commit_callbacks):
    order = OrderFactory(status="Awaiting payment")
    line = paid_line(artisan, order)
    line.status = "Awaiting payment"
    line.save(update_fields=["status"])

    for move in (
        lambda: services.line_pack(line_id=line.pk, user=artisan_user),
        lambda: services.line_ship(line_id=line.pk, user=artisan_user, courier="jne",
                                   tracking_number="CGK1234567890"),
        lambda: services.line_unable(line_id=line.pk, user=artisan_user, reason="Habis."),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            with pytest.raises(NotPaid) as refused, translation.override("en"):
                move()
        assert order.number in str(refused.value) and "not paid" in str(refused.value)

    line.refresh_from_db()
    assert line.status == "Awaiting payment"
    assert not LineShipment.objects.filter(line=line).exists()
    assert not LineShipmentEvent.objects.exists()
    assert mailoutbox == []


def test_a_cancelled_order_is_not_shipped(artisan, artisan_user):
    order = OrderFactory(status="Cancelled")
    line = paid_line(artisan, order)
    line.status = "Cancelled"
    line.save(update_fields=["status"])
    with pytest.raises(NotPaid):
        services.line_ship(line_id=line.pk, user=artisan_user, courier="jne",
                           tracking_number="CGK1234567890")
    assert not LineShipment.objects.filter(line=line).exists()


def test_another_artisan_cannot_move_a_line_of_the_same_order(shared_order, artisan_user):
    order, own, other = shared_order
    moves = (
        lambda: services.line_pack(line_id=other.pk, user=artisan_user),
        lambda: services.line_ship(line_id=other.pk, user=artisan_user, courier="jne",
                                   tracking_number="CGK1234567890"),
        lambda: services.line_unable(line_id=other.pk, user=artisan_user, reason="Bukan milik."),
    )
    for move in moves:
        with pytest.raises(NotAllowed):
            move()
    for outsider in (UserFactory(), UserFactory(is_staff=True, is_superuser=True)):
        with pytest.raises(NotAllowed):
            services.line_pack(line_id=other.pk, user=outsider)
    other.refresh_from_db()
    assert other.status == "Paid"
    assert not LineShipment.objects.filter(line=other).exists()
    assert not LineShipmentEvent.objects.exists()


def test_a_second_pack_or_ship_changes_nothing(artisan, artisan_user, mailoutbox,
                                               django_capture_on_commit_callbacks):
    line = paid_line(artisan)
    services.line_pack(line_id=line.pk, user=artisan_user)
    with pytest.raises(InvalidTransition):
        services.line_pack(line_id=line.pk, user=artisan_user)

    with django_capture_on_commit_callbacks(execute=True):
        services.line_ship(line_id=line.pk, user=artisan_user, courier="jne",
                           tracking_number="CGK1234567890")
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(InvalidTransition):
            services.line_ship(line_id=line.pk, user=artisan_user, courier="jnt",
                               tracking_number="JT9999999999")
        with pytest.raises(InvalidTransition):
            services.line_unable(line_id=line.pk, user=artisan_user, reason="Terlambat.")

    assert _kinds(line) == [Kind.PACKED, Kind.SHIPPED]
    assert LineShipment.objects.get(line=line).tracking_number == "CGK1234567890"
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("courier, courier_other, tracking_number", [
    ("jne", "", "12345"),                 # too short
    ("jne", "", "A" * 41),                # too long
    ("jne", "", "CGK-1234-5678"),         # signs
    ("jne", "", "resi: CGK123456"),       # a sentence
    ("fedex", "", "CGK1234567890"),       # not a courier we list
    ("other", "  ", "CGK1234567890"),     # another courier, unnamed
])
def test_a_bad_courier_or_tracking_number_is_refused(
    artisan, artisan_user, courier, courier_other, tracking_number
):
    line = paid_line(artisan)
    with pytest.raises(InvalidShipment):
        services.line_ship(line_id=line.pk, user=artisan_user, courier=courier,
                           courier_other=courier_other, tracking_number=tracking_number)
    assert not LineShipment.objects.filter(line=line).exists()
    line.refresh_from_db()
    assert line.status == "Paid"


def test_shipping_takes_the_piece_out_of_stock(artisan, artisan_user):
    line = paid_line(artisan, quantity=2, allocated=True)
    record = line.stockrecord
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (5, 2)

    services.line_ship(line_id=line.pk, user=artisan_user, courier="jne",
                       tracking_number="CGK1234567890")

    record.refresh_from_db()
    line.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (3, 0)
    assert line.num_allocated == 0


@pytest.mark.parametrize("restock, expected", [(True, (5, 0)), (False, (4, 0))])
def test_unable_puts_the_piece_back_on_sale_only_when_asked(
    artisan, artisan_user, restock, expected
):
    line = paid_line(artisan, allocated=True)
    services.line_unable(line_id=line.pk, user=artisan_user, reason="Retak.", restock=restock)
    record = line.stockrecord
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == expected


def test_unable_then_refunded_by_the_council(
    shared_order, artisan_user, council_staff, mailoutbox, django_capture_on_commit_callbacks,
    settings,
):
    settings.LANGUAGE_CODE = "en"
    UserFactory(is_staff=True, email="bendahara@example.id")
    UserFactory(is_staff=True, is_active=False, email="mantan@example.id")
    order, own, other = shared_order

    with django_capture_on_commit_callbacks(execute=True):
        services.line_unable(line_id=own.pk, user=artisan_user, reason="Kain sobek saat dijemur.")

    shipment = LineShipment.objects.get(line=own)
    assert shipment.state == "unable" and shipment.unable_at is not None
    own.refresh_from_db()
    order.refresh_from_db()
    assert own.status == "Cancelled"
    assert order.status == "Paid"  # the other artisan's line is still to be sent
    assert "Kain sobek saat dijemur." in order.notes.get().message
    assert sorted(email.to[0] for email in mailoutbox) == [
        "bendahara@example.id", "dewan@example.id", "pembeli@example.id"]
    buyer_email = next(email for email in mailoutbox if email.to == ["pembeli@example.id"])
    assert "refund" in buyer_email.body and "Kain sobek saat dijemur." in buyer_email.body
    staff_email = next(email for email in mailoutbox if email.to == ["dewan@example.id"])
    assert "/dashboard/fulfilment/" in staff_email.body and order.number in staff_email.subject

    mailoutbox.clear()
    with pytest.raises(NotAllowed):
        services.line_refund(line_id=own.pk, user=artisan_user, note="Saya kembalikan.")
    with pytest.raises(NotAllowed):
        services.line_refund(line_id=own.pk, user=UserFactory(is_staff=True), note="")
    with django_capture_on_commit_callbacks(execute=True):
        services.line_refund(line_id=own.pk, user=council_staff, note="BCA ref 889977")

    shipment.refresh_from_db()
    assert (shipment.state, shipment.refunded_by, shipment.refund_note) == (
        "refunded", council_staff, "BCA ref 889977")
    assert shipment.refunded_at is not None
    payment = PaymentEvent.objects.get(order=order)
    assert (payment.event_type.name, payment.amount) == ("Refunded", Decimal("2500000"))
    assert _kinds(own) == [Kind.UNABLE, Kind.REFUNDED]
    [email] = mailoutbox
    assert email.to == ["pembeli@example.id"] and "BCA ref 889977" in email.body

    with pytest.raises(InvalidTransition):
        services.line_refund(line_id=own.pk, user=council_staff, note="again")
    assert PaymentEvent.objects.filter(order=order).count() == 1


def test_an_order_with_every_line_given_up_is_cancelled(artisan, artisan_user):
    line = paid_line(artisan)
    services.line_unable(line_id=line.pk, user=artisan_user, reason="Stok habis.")
    line.order.refresh_from_db()
    assert line.order.status == "Cancelled"


def test_only_a_line_given_up_can_be_refunded(artisan, artisan_user, council_staff):
    line = paid_line(artisan)
    with pytest.raises(InvalidTransition):
        services.line_refund(line_id=line.pk, user=council_staff, note="")
    services.line_pack(line_id=line.pk, user=artisan_user)
    with pytest.raises(InvalidTransition):
        services.line_refund(line_id=line.pk, user=council_staff, note="")
    assert _kinds(line) == [Kind.PACKED]


def test_unable_needs_a_reason(artisan, artisan_user):
    line = paid_line(artisan)
    with pytest.raises(InvalidShipment):
        services.line_unable(line_id=line.pk, user=artisan_user, reason="   ")
    assert not LineShipment.objects.filter(line=line).exists()


def test_events_are_append_only(artisan, artisan_user):
    line = paid_line(artisan)
    services.line_pack(line_id=line.pk, user=artisan_user)
    event = line.shipment_events.get()
    event.note = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_a_retried_email_task_sends_nothing_twice(
    artisan, artisan_user, mailoutbox, django_capture_on_commit_callbacks
):
    from fulfilment.tasks import shipment_event_notify

    line = paid_line(artisan)
    with django_capture_on_commit_callbacks(execute=True):
        services.line_ship(line_id=line.pk, user=artisan_user, courier="jne",
                           tracking_number="CGK1234567890")
    event = line.shipment_events.get()
    assert shipment_event_notify(event_id=event.pk) == 0
    assert len(mailoutbox) == 1
