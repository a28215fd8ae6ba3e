"""Unpaid bank-transfer orders expire: their stock goes back on sale, the buyer is told,
and until an order is paid its artisans do not see who bought or where it goes."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.apps.order.models import Order, OrderNote
from partner.models import StockRecord

from shop.celery import app as celery_app
from payments import services
from payments.errors import OrderNotAwaitingPayment, PaymentNotAllowed
from payments.statuses import OrderStatus
from payments.tasks import orders_cancel_unpaid_task
from tests.factories import ArtisanFactory, RegionFactory, UserFactory, published_product
from tests.support.checkout import (
    INDONESIAN_ADDRESS,
    basket_add,
    checkout_to_preview,
    place_order,
    redirects_to,
)

pytestmark = pytest.mark.django_db

DAYS = 2


@pytest.fixture(autouse=True)
def _bank_transfer_days(settings):
    settings.BANK_TRANSFER_DAYS = DAYS


@pytest.fixture
def batik():
    return published_product(
        artisan=ArtisanFactory(region=RegionFactory(name="Bojonegoro")),
        stock=(Decimal("1250000"), 5),
    )


@pytest.fixture
def pewter():
    return published_product(
        artisan=ArtisanFactory(region=RegionFactory(name="Bangka")),
        stock=(Decimal("350000"), 3),
    )


@pytest.fixture
def staff_user():
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="order", codename__in=["view_order", "change_order"]
        )
    )
    return user


def order_by_transfer(*items, email="tamu@example.id", days_ago=0) -> Order:
    """A guest orders `items` ((product, quantity), ...) through the checkout."""
    client = Client()
    for product, quantity in items:
        assert basket_add(client, product, quantity).status_code == 302
    checkout_to_preview(client, guest_email=email)
    assert redirects_to(place_order(client), "checkout:thank-you")
    order = Order.objects.latest("pk")
    Order.objects.filter(pk=order.pk).update(
        date_placed=timezone.now() - timedelta(days=days_ago)
    )
    order.refresh_from_db()
    return order


def allocated(product) -> int:
    return StockRecord.objects.get(product=product).num_allocated


def test_an_order_unpaid_past_the_deadline_is_cancelled_and_its_stock_released(
    batik, pewter, mailoutbox, django_capture_on_commit_callbacks
):
    order = order_by_transfer((batik, 1), (pewter, 2), days_ago=DAYS + 1)
    assert (allocated(batik), allocated(pewter)) == (1, 2)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = services.orders_cancel_unpaid()

    assert cancelled == 1
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    lines = list(order.lines.all())
    assert {line.status for line in lines} == {OrderStatus.CANCELLED}
    assert {(line.num_allocated, line.allocation_cancelled) for line in lines} == {(0, True)}
    assert (allocated(batik), allocated(pewter)) == (0, 0)
    assert StockRecord.objects.get(product=batik).net_stock_level == 5
    (change,) = order.status_changes.all()
    assert (change.old_status, change.new_status) == (
        OrderStatus.AWAITING_PAYMENT, OrderStatus.CANCELLED
    )
    (note,) = order.notes.all()
    assert (note.note_type, note.user) == (OrderNote.SYSTEM, None)
    (mail,) = mailoutbox
    assert mail.to == ["tamu@example.id"]
    assert order.number in mail.subject and order.number in mail.body


def test_a_younger_order_and_a_paid_order_are_left_alone(
    batik, staff_user, mailoutbox, django_capture_on_commit_callbacks
):
    young = order_by_transfer((batik, 1), days_ago=DAYS - 1)
    paid = order_by_transfer((batik, 2), days_ago=DAYS + 5)
    services.order_mark_paid(order=paid, user=staff_user)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = services.orders_cancel_unpaid()

    assert cancelled == 0
    young.refresh_from_db()
    paid.refresh_from_db()
    assert (young.status, paid.status) == (OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID)
    assert allocated(batik) == 3
    assert not young.notes.exists()
    assert paid.notes.count() == 1  # only the "marked as paid" note
    assert mailoutbox == []


def test_the_deadline_is_counted_from_now(batik, django_capture_on_commit_callbacks):
    order = order_by_transfer((batik, 1))

    with django_capture_on_commit_callbacks(execute=True):
        assert services.orders_cancel_unpaid(now=timezone.now() + timedelta(days=DAYS - 1)) == 0
        assert services.orders_cancel_unpaid(now=timezone.now() + timedelta(days=DAYS + 1)) == 1

    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED


def test_running_twice_cancels_and_releases_nothing_more(
    batik, mailoutbox, django_capture_on_commit_callbacks
):
    old = order_by_transfer((batik, 2), days_ago=DAYS + 1)
    order_by_transfer((batik, 1), days_ago=0)  # still holds its piece
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first = services.orders_cancel_unpaid()
        second = services.orders_cancel_unpaid()

    assert (first, second) == (1, 0)
    assert allocated(batik) == 1
    assert old.notes.count() == 1
    assert old.status_changes.count() == 1
    assert len(mailoutbox) == 1


def test_an_order_marked_paid_after_it_was_listed_is_not_cancelled(
    batik, staff_user, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    """Staff mark the order paid between the listing and the lock: the re-check wins."""
    order = order_by_transfer((batik, 1), days_ago=DAYS + 1)
    mailoutbox.clear()
    lock_order = services._lock_order

    def staff_pay_first(order_id):
        services.order_mark_paid(order=Order.objects.get(pk=order_id), user=staff_user)
        return lock_order(order_id)

    monkeypatch.setattr(services, "_lock_order", staff_pay_first)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.orders_cancel_unpaid() == 0

    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert {line.status for line in order.lines.all()} == {OrderStatus.PAID}
    assert allocated(batik) == 1
    # No cancellation email to the buyer: only the artisan hears, of a paid line.
    artisan_logins = {u.email for u in batik.artisan.partner.users.all()}
    assert {r for m in mailoutbox for r in m.to} == artisan_logins


def test_the_beat_task_is_registered_scheduled_and_cancels(
    settings, batik, django_capture_on_commit_callbacks
):
    celery_app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert orders_cancel_unpaid_task.name in scheduled
    assert orders_cancel_unpaid_task.name in celery_app.tasks
    order_by_transfer((batik, 1), days_ago=DAYS + 1)

    with django_capture_on_commit_callbacks(execute=True):
        assert orders_cancel_unpaid_task.delay().get() == 1

    assert allocated(batik) == 0


# --- staff cancel one order --------------------------------------------------------------

def test_staff_cancel_an_unpaid_order_with_a_reason(
    batik, staff_user, mailoutbox, django_capture_on_commit_callbacks
):
    order = order_by_transfer((batik, 2))
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.order_cancel(order=order, user=staff_user, reason="Pembeli minta batal")

    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert allocated(batik) == 0
    (note,) = order.notes.all()
    assert note.user == staff_user and "Pembeli minta batal" in note.message
    (mail,) = mailoutbox
    assert mail.to == ["tamu@example.id"] and order.number in mail.subject


def test_only_staff_cancel_and_only_unpaid_orders(batik, staff_user):
    order = order_by_transfer((batik, 1))

    with pytest.raises(PaymentNotAllowed):
        services.order_cancel(order=order, user=batik.artisan.partner.users.get(), reason="")
    services.order_mark_paid(order=order, user=staff_user)
    with pytest.raises(OrderNotAwaitingPayment):
        services.order_cancel(order=order, user=staff_user, reason="")

    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert allocated(batik) == 1


# --- what the artisan sees ---------------------------------------------------------------

def artisan_pages(product, order) -> tuple[str, str]:
    client = Client()
    client.force_login(product.artisan.partner.users.get())
    line = order.lines.get(product=product)
    detail = client.get(reverse("portal-order-line-detail", args=[line.pk]))
    listing = client.get(reverse("portal-order-lines"))
    assert detail.status_code == listing.status_code == 200
    return detail.content.decode(), listing.content.decode()


BUYER_DETAILS = (
    INDONESIAN_ADDRESS["last_name"], INDONESIAN_ADDRESS["line1"],
    INDONESIAN_ADDRESS["line4"], INDONESIAN_ADDRESS["postcode"],
)


def test_the_artisan_sees_the_buyers_address_only_once_the_order_is_paid(
    batik, staff_user
):
    order = order_by_transfer((batik, 1))
    phone = str(order.shipping_address.phone_number)

    detail, listing = artisan_pages(batik, order)
    assert order.number in detail and order.number in listing
    for text in (*BUYER_DETAILS, phone):
        assert text not in detail and text not in listing
    assert 'data-buyer-details="awaiting-payment"' in detail
    assert 'data-buyer-details="awaiting-payment"' in listing

    services.order_mark_paid(order=order, user=staff_user)

    detail, listing = artisan_pages(batik, order)
    for text in (*BUYER_DETAILS, phone):
        assert text in detail
    assert INDONESIAN_ADDRESS["line4"] in listing
    assert "data-buyer-details" not in detail + listing


def test_a_cancelled_line_never_shows_the_buyers_address(
    batik, django_capture_on_commit_callbacks
):
    order = order_by_transfer((batik, 1), days_ago=DAYS + 1)
    with django_capture_on_commit_callbacks(execute=True):
        services.orders_cancel_unpaid()

    detail, listing = artisan_pages(batik, order)
    for text in BUYER_DETAILS:
        assert text not in detail and text not in listing
    assert 'data-buyer-details="cancelled"' in detail
