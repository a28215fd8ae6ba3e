"""Delivered (by the buyer, or by the beat), refunds of lines that were sent, the order's
status following its lines, and the line states the buyer and the artisan read."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import ERROR, SUCCESS
from django.urls import reverse
from django.utils import timezone
from oscar.apps.order.models import PaymentEvent

from fulfilment import services
from fulfilment.errors import InvalidRefund, InvalidTransition, NotAllowed
from fulfilment.models import LineShipment, LineShipmentEvent
from fulfilment.tasks import lines_deliver_overdue_task
from payments.selectors import bank_transfer_source_type
from payments.statuses import LineStatus, OrderStatus
from tests.factories import OrderFactory, UserFactory

from tests.integration.fulfilment.helpers import paid_line

pytestmark = pytest.mark.django_db

SHIP = {"courier": "jne", "tracking_number": "CGK1234567890"}


def _kinds(line) -> list[str]:
    return list(line.shipment_events.order_by("pk").values_list("kind", flat=True))


def _levels(response) -> list[int]:
    return [message.level for message in response.context["messages"]]


@pytest.fixture
def buyer():
    return UserFactory(email="pembeli@example.id")


@pytest.fixture
def buyers_order(buyer, artisan, other_artisan):
    """A paid bank-transfer order of `buyer`: a line of each artisan."""
    order = OrderFactory(user=buyer)
    order.sources.create(source_type=bank_transfer_source_type(), currency="IDR",
                         amount_allocated=Decimal("2000000"), amount_debited=Decimal("2000000"),
                         reference=order.number)
    return order, paid_line(artisan, order), paid_line(other_artisan, order)


def _status(order) -> str:
    order.refresh_from_db()
    return order.status


# --- delivered --------------------------------------------------------------------------

def test_the_buyer_says_it_arrived(client, buyers_order, buyer, artisan_user, other_user):
    order, own, other = buyers_order
    services.line_ship(line_id=own.pk, user=artisan_user, **SHIP)
    client.force_login(buyer)
    url = reverse("fulfilment-line-received", kwargs={"number": order.number, "line_id": own.pk})

    response = client.post(url, follow=True)
    again = client.post(url, follow=True)

    assert _levels(response) == [SUCCESS] and _levels(again) == [ERROR]
    shipment = LineShipment.objects.get(line=own)
    assert shipment.state == "delivered" and shipment.delivered_at is not None
    assert _kinds(own) == ["shipped", "delivered"]
    event = own.shipment_events.get(kind="delivered")
    assert (event.actor, event.from_state, event.to_state) == (buyer, "shipped", "delivered")
    own.refresh_from_db()
    assert own.status == LineStatus.DELIVERED
    assert _status(order) == OrderStatus.PAID  # the other line is not sent yet

    services.line_ship(line_id=other.pk, user=other_user, **SHIP)
    assert _status(order) == LineStatus.SHIPPED  # every line sent, one delivered
    services.line_deliver(line_id=other.pk, user=buyer)
    assert _status(order) == LineStatus.DELIVERED


def test_only_the_buyer_of_the_order_may_say_it_arrived(
        client, buyers_order, artisan_user, buyer):
    order, own, _other = buyers_order
    services.line_ship(line_id=own.pk, user=artisan_user, **SHIP)
    url = reverse("fulfilment-line-received", kwargs={"number": order.number, "line_id": own.pk})

    anonymous = client.post(url)
    client.force_login(UserFactory())
    stranger = client.post(url)
    client.force_login(artisan_user)
    seller = client.post(url)
    # The right line under another order's number is not found either.
    client.force_login(buyer)
    elsewhere = client.post(reverse("fulfilment-line-received", kwargs={
        "number": OrderFactory(user=buyer).number, "line_id": own.pk}))

    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    assert (stranger.status_code, seller.status_code, elsewhere.status_code) == (404, 404, 404)
    with pytest.raises(NotAllowed):
        services.line_deliver(line_id=own.pk, user=artisan_user)
    assert LineShipment.objects.get(line=own).state == "shipped"
    assert _kinds(own) == ["shipped"]


def test_a_line_not_shipped_cannot_be_delivered(buyers_order, buyer):
    _order, own, _other = buyers_order
    with pytest.raises(InvalidTransition):
        services.line_deliver(line_id=own.pk, user=buyer)
    assert _kinds(own) == []


def test_the_beat_marks_lines_shipped_long_ago_delivered_once(
        buyers_order, artisan_user, other_user, settings):
    settings.FULFILMENT_DELIVERED_AFTER_DAYS = 14
    order, own, other = buyers_order
    services.line_ship(line_id=own.pk, user=artisan_user, **SHIP)
    services.line_ship(line_id=other.pk, user=other_user, **SHIP)
    now = timezone.now()
    LineShipment.objects.filter(line=own).update(shipped_at=now - timedelta(days=15))
    LineShipment.objects.filter(line=other).update(shipped_at=now - timedelta(days=13))

    assert lines_deliver_overdue_task() == 1
    assert lines_deliver_overdue_task() == 0  # run twice: nothing more

    assert LineShipment.objects.get(line=own).state == "delivered"
    assert LineShipment.objects.get(line=other).state == "shipped"
    event = own.shipment_events.get(kind="delivered")
    assert event.actor is None and "14" in event.note
    assert _status(order) == LineStatus.SHIPPED
    assert services.lines_deliver_overdue(now=now + timedelta(days=2)) == 1
    assert _status(order) == LineStatus.DELIVERED
    assert LineShipmentEvent.objects.filter(kind="delivered").count() == 2


# --- refunds by hand (bank transfer) ------------------------------------------------------

def test_a_delivered_line_returned_is_refunded_by_hand_with_a_reason(
        buyers_order, buyer, artisan_user, council_staff, mailoutbox,
        django_capture_on_commit_callbacks, settings):
    settings.LANGUAGE_CODE = "en"
    order, own, _other = buyers_order
    services.line_ship(line_id=own.pk, user=artisan_user, **SHIP)
    services.line_deliver(line_id=own.pk, user=buyer)

    with pytest.raises(InvalidRefund):
        services.line_refund(line_id=own.pk, user=council_staff, note="BCA 1", reason="")
    with pytest.raises(NotAllowed):
        services.line_refund(line_id=own.pk, user=artisan_user, reason="Retur")
    with django_capture_on_commit_callbacks(execute=True):
        services.line_refund(line_id=own.pk, user=council_staff, note="BCA 7788",
                             reason="Dikembalikan: retak.")

    shipment = LineShipment.objects.get(line=own)
    assert (shipment.state, shipment.refund_reason, shipment.refund_note) == (
        "refunded", "Dikembalikan: retak.", "BCA 7788")
    assert _kinds(own) == ["shipped", "delivered", "refunded"]
    assert own.shipment_events.get(kind="refunded").from_state == "delivered"
    (money,) = PaymentEvent.objects.filter(order=order, event_type__name="Refunded")
    assert money.amount == own.line_price_incl_tax
    assert order.sources.get().amount_refunded == own.line_price_incl_tax
    own.refresh_from_db()
    assert own.status == LineStatus.REFUNDED
    [email] = mailoutbox
    assert email.to == ["pembeli@example.id"] and "bank transfer" in email.body
    with pytest.raises(InvalidTransition):
        services.line_refund(line_id=own.pk, user=council_staff, reason="again")
    assert _kinds(own).count("refunded") == 1


def test_the_whole_transfer_order_refunded_from_the_dashboard(
        client, buyers_order, artisan_user, other_artisan, other_user, council_staff,
        mailoutbox, django_capture_on_commit_callbacks):
    order, own, other = buyers_order
    services.line_ship(line_id=own.pk, user=artisan_user, **SHIP)
    other.stockrecord.allocate(1)
    other.num_allocated = 1
    other.save(update_fields=["num_allocated"])
    client.force_login(council_staff)
    url = reverse("fulfilment-order-refund", kwargs={"number": order.number})

    refused = client.post(url, {"reason": ""}, follow=True)
    assert _levels(refused) == [ERROR] and _kinds(own) == ["shipped"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "Pembeli membatalkan.", "note": "BCA 5566"})
        client.post(url, {"reason": "Pembeli membatalkan.", "note": "BCA 5566"})

    assert _kinds(own) == ["shipped", "refunded"]
    assert _kinds(other) == ["unable", "refunded"]  # taken back, then refunded
    taken_back = other.shipment_events.get(kind="unable")
    assert (taken_back.actor, taken_back.note) == (council_staff, "Pembeli membatalkan.")
    record = other.stockrecord
    record.refresh_from_db()
    assert record.num_allocated == 0  # the piece is back on sale
    assert PaymentEvent.objects.filter(order=order, event_type__name="Refunded").count() == 2
    assert _status(order) == LineStatus.REFUNDED
    # The buyer hears of each refund; the artisan whose line was taken back, not to send it.
    to_buyer = [m for m in mailoutbox if m.to == ["pembeli@example.id"]]
    assert len(to_buyer) == 2
    to_artisan = [m for m in mailoutbox if m.to != ["pembeli@example.id"]]
    assert {m.to[0] for m in to_artisan} == {other_user.email, other_artisan.email} - {""}
    assert all(order.number in m.subject and other.title in m.subject for m in to_artisan)


def test_the_transfer_order_page_offers_line_refunds_to_payments_staff(
        client, buyers_order, artisan_user, council_staff):
    order, own, _other = buyers_order
    services.line_ship(line_id=own.pk, user=artisan_user, **SHIP)
    client.force_login(council_staff)
    html = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number})
                      ).content.decode()
    assert 'id="order-line-refunds"' in html
    assert reverse("fulfilment-line-refund", args=[own.pk]) in html
    assert reverse("fulfilment-line-card-refund", args=[own.pk]) not in html


# --- the order follows its lines ----------------------------------------------------------

@pytest.mark.parametrize("moves, expected", [
    ([], OrderStatus.PAID),
    (["own:pack"], OrderStatus.PAID),
    (["own:pack", "other:pack"], LineStatus.PACKED),
    (["own:ship", "other:pack"], LineStatus.PACKED),
    (["own:ship"], OrderStatus.PAID),
    (["own:ship", "other:ship"], LineStatus.SHIPPED),
    (["own:ship", "other:ship", "own:deliver"], LineStatus.SHIPPED),
    (["own:ship", "other:ship", "own:deliver", "other:deliver"], LineStatus.DELIVERED),
    (["own:ship", "own:deliver", "other:unable"], LineStatus.DELIVERED),
    (["own:ship", "other:unable"], LineStatus.SHIPPED),
    (["own:unable", "other:unable"], OrderStatus.CANCELLED),
    (["own:unable", "other:unable", "own:refund"], OrderStatus.CANCELLED),
    (["own:unable", "other:unable", "own:refund", "other:refund"], LineStatus.REFUNDED),
    (["own:ship", "other:ship", "own:refund"], LineStatus.SHIPPED),
    (["own:ship", "other:unable", "own:refund"], LineStatus.SHIPPED),
    (["own:ship", "other:unable", "own:refund", "other:refund"], LineStatus.REFUNDED),
    (["own:ship", "own:deliver", "other:ship", "other:deliver", "own:refund",
      "other:refund"], LineStatus.REFUNDED),
])
def test_the_order_status_follows_its_lines(
        moves, expected, buyers_order, buyer, artisan_user, other_user, council_staff):
    order, own, other = buyers_order
    lines = {"own": (own, artisan_user), "other": (other, other_user)}
    for move in moves:
        name, action = move.split(":")
        line, seller = lines[name]
        if action == "pack":
            services.line_pack(line_id=line.pk, user=seller)
        elif action == "ship":
            services.line_ship(line_id=line.pk, user=seller, **SHIP)
        elif action == "deliver":
            services.line_deliver(line_id=line.pk, user=buyer)
        elif action == "unable":
            services.line_unable(line_id=line.pk, user=seller, reason="Retak.")
        elif action == "refund":
            services.line_refund(line_id=line.pk, user=council_staff, reason="Retur.")
    assert _status(order) == expected


# --- what the buyer and the artisan read -------------------------------------------------

def test_the_buyer_sees_each_lines_state_and_confirms_a_shipped_one(
        client, buyers_order, buyer, artisan_user):
    order, own, other = buyers_order
    services.line_ship(line_id=own.pk, user=artisan_user, **SHIP)
    client.force_login(buyer)
    client.cookies["django_language"] = "en"

    html = client.get(reverse("customer:order", kwargs={"order_number": order.number})
                      ).content.decode()

    assert html.count('data-line-state="shipped"') == 1
    assert html.count('data-line-state="paid"') == 1
    received = reverse("fulfilment-line-received",
                       kwargs={"number": order.number, "line_id": own.pk})
    assert received in html
    assert reverse("fulfilment-line-received",
                   kwargs={"number": order.number, "line_id": other.pk}) not in html
    assert "CGK1234567890" in html


def test_every_line_state_has_its_label(buyers_order, buyer, artisan_user, other_user,
                                        council_staff):
    from fulfilment.models import LineState
    from fulfilment.selectors import line_state

    order, own, other = buyers_order
    unpaid = paid_line(own.partner.artisan, OrderFactory(status=OrderStatus.AWAITING_PAYMENT))
    unpaid.status = OrderStatus.AWAITING_PAYMENT
    unpaid.save(update_fields=["status"])
    seen = {line_state(line=unpaid), line_state(line=own)}
    services.line_pack(line_id=own.pk, user=artisan_user)
    seen.add(line_state(line=type(own).objects.get(pk=own.pk)))
    services.line_ship(line_id=own.pk, user=artisan_user, **SHIP)
    seen.add(line_state(line=type(own).objects.get(pk=own.pk)))
    services.line_deliver(line_id=own.pk, user=buyer)
    seen.add(line_state(line=type(own).objects.get(pk=own.pk)))
    services.line_unable(line_id=other.pk, user=other_user, reason="Hilang.")
    seen.add(line_state(line=type(other).objects.get(pk=other.pk)))
    services.line_refund(line_id=other.pk, user=council_staff)
    seen.add(line_state(line=type(other).objects.get(pk=other.pk)))

    assert seen == set(LineState)


def test_the_artisan_list_shows_each_lines_state(artisan_client, buyers_order, artisan_user,
                                                 buyer):
    _order, own, _other = buyers_order
    services.line_ship(line_id=own.pk, user=artisan_user, **SHIP)
    services.line_deliver(line_id=own.pk, user=buyer)

    listing = artisan_client.get(reverse("portal-order-lines")).content.decode()
    detail = artisan_client.get(reverse("portal-order-line-detail", args=[own.pk])
                                ).content.decode()

    assert f'data-line="{own.pk}" data-shipment-state="delivered"' in listing
    assert 'data-line-state="delivered"' in listing and 'data-line-state="delivered"' in detail
    shown = artisan_client.get(reverse("portal-order-lines"), {"show": "shipped"})
    assert [line.pk for line in shown.context["lines"]] == [own.pk]


def test_a_guest_reads_each_lines_state_on_the_order_status_page(
        client, artisan, artisan_user, other_artisan):
    order = OrderFactory(guest_email="tamu@example.id")
    shipped = paid_line(artisan, order)
    paid_line(other_artisan, order)  # still to be sent
    services.line_ship(line_id=shipped.pk, user=artisan_user, **SHIP)

    keys = {"order_number": order.number, "hash": order.verification_hash()}
    # Oscar asks the guest for the order's email first.
    client.post(reverse("customer:anon-order-form", kwargs=keys), {"email": "tamu@example.id"})
    html = client.get(reverse("customer:anon-order", kwargs=keys)).content.decode()

    assert html.count('data-line-state="shipped"') == 1
    assert html.count('data-line-state="paid"') == 1
    assert "/received/" not in html  # only a signed-in buyer says it arrived
