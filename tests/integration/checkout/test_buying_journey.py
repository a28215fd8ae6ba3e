"""The whole buying journey on the embedded default: basket to bank transfer to paid."""
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from oscar.apps.basket.models import Basket
from oscar.apps.order.models import Order
from partner.models import StockRecord
from oscar.templatetags.currency_filters import currency

from checkout.views import PaymentDetailsView
from catalogue.states import CurationState
from payments.selectors import BANK_TRANSFER_SOURCE_CODE
from tests.factories import PASSWORD, ArtisanFactory, RegionFactory, UserFactory, published_product
from tests.support.checkout import (
    basket_add,
    checkout_to_preview,
    place_order,
    redirects_to,
)

pytestmark = pytest.mark.django_db

ACCOUNT_NUMBER = "0011-2233-44"


@pytest.fixture(autouse=True)
def _bank_and_shipping(settings):
    settings.BANK_TRANSFER_ACCOUNT = {
        "bank": "Bank Jatim", "account_number": ACCOUNT_NUMBER,
        "account_name": "Dekranasda Pasar Kriya",
    }
    settings.BANK_TRANSFER_DAYS = 2
    settings.FLAT_RATE_SHIPPING_IDR = 25000


@pytest.fixture
def two_products():
    """Two published products of two artisans of two regions."""
    batik = published_product(
        artisan=ArtisanFactory(region=RegionFactory(name="Bojonegoro")),
        stock=(Decimal("1250000"), 5),
    )
    pewter = published_product(
        artisan=ArtisanFactory(region=RegionFactory(name="Bangka")),
        stock=(Decimal("350000"), 3),
    )
    return batik, pewter


@pytest.fixture
def staff_user():
    """Council staff who manage orders in Oscar's dashboard."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="order", codename__in=["view_order", "change_order"]
        )
    )
    return user


def buy_both(client, products, *, guest_email=None):
    batik, pewter = products
    assert basket_add(client, batik, 1).status_code == 302
    assert basket_add(client, pewter, 2).status_code == 302
    checkout_to_preview(client, guest_email=guest_email)
    response = place_order(client)
    assert redirects_to(response, "checkout:thank-you"), response
    return Order.objects.get()


def assert_placed_by_bank_transfer(order, products, mailoutbox, email):
    batik, pewter = products
    assert order.status == "Awaiting payment"
    assert order.basket_total_incl_tax == Decimal("1250000") + 2 * Decimal("350000")
    assert order.shipping_incl_tax == Decimal("25000")
    assert order.total_incl_tax == Decimal("1975000")
    assert order.shipping_code == "flat-rate"
    lines = {line.product_id: line for line in order.lines.all()}
    assert set(lines) == {batik.pk, pewter.pk}
    assert lines[batik.pk].partner == batik.artisan.partner
    assert lines[pewter.pk].partner == pewter.artisan.partner
    assert lines[pewter.pk].quantity == 2
    assert {line.status for line in lines.values()} == {"Awaiting payment"}
    # Oscar allocated the stock at placement.
    assert StockRecord.objects.get(product=batik).num_allocated == 1
    assert StockRecord.objects.get(product=pewter).num_allocated == 2
    (source,) = order.sources.all()
    assert source.source_type.code == BANK_TRANSFER_SOURCE_CODE
    assert (source.amount_allocated, source.amount_debited) == (order.total_incl_tax, 0)
    assert source.reference == order.number
    address = order.shipping_address
    assert (address.state, address.postcode, address.country_id) == ("Jawa Timur", "62111", "ID")
    assert address.phone_number.as_e164 == "+6281234567890"
    (mail,) = mailoutbox
    assert mail.to == [email]
    assert order.number in mail.subject
    amount = currency(order.total_incl_tax, "IDR")
    for body in (mail.body, mail.alternatives[0][0]):
        assert ACCOUNT_NUMBER in body
        assert order.number in body
        assert amount in body


def assert_thank_you_shows_transfer(client, order):
    response = client.get(reverse("checkout:thank-you"))
    assert response.status_code == 200
    assert response.context["order"] == order
    instructions = response.context["bank_transfer"]
    assert instructions.reference == order.number
    content = response.content.decode()
    assert ACCOUNT_NUMBER in content
    assert currency(order.total_incl_tax, "IDR") in content
    assert order.number in content


def staff_marks_paid(client, staff_user, order):
    client.force_login(staff_user)
    page = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number}))
    mark_paid_url = reverse("payments-order-mark-paid", kwargs={"number": order.number})
    assert mark_paid_url in page.content.decode()
    response = client.post(mark_paid_url, {"reference": "JATIM-778899"})
    assert redirects_to_order_page(response, order)
    order.refresh_from_db()
    assert order.status == "Paid"
    assert {line.status for line in order.lines.all()} == {"Paid"}
    (event,) = order.payment_events.all()
    assert (event.event_type.name, event.amount, event.reference) == (
        "Paid", order.total_incl_tax, "JATIM-778899"
    )
    assert order.sources.get().amount_debited == order.total_incl_tax


def redirects_to_order_page(response, order) -> bool:
    return response.status_code == 302 and response["Location"].endswith(
        reverse("dashboard:order-detail", kwargs={"number": order.number})
    )


def test_guest_buys_two_artisans_products_by_bank_transfer_and_staff_marks_paid(
    client, two_products, staff_user, mailoutbox
):
    order = buy_both(client, two_products, guest_email="tamu@example.id")

    assert order.user is None and order.guest_email == "tamu@example.id"
    assert_placed_by_bank_transfer(order, two_products, mailoutbox, "tamu@example.id")
    assert_thank_you_shows_transfer(client, order)
    staff_marks_paid(client, staff_user, order)


def test_signed_in_buyer_buys_by_bank_transfer_and_staff_marks_paid(
    client, two_products, staff_user, mailoutbox
):
    buyer = UserFactory()
    client.force_login(buyer)

    order = buy_both(client, two_products)

    assert order.user == buyer
    assert_placed_by_bank_transfer(order, two_products, mailoutbox, buyer.email)
    assert_thank_you_shows_transfer(client, order)
    # Oscar keeps the address in the buyer's address book.
    assert buyer.addresses.get().state == "Jawa Timur"
    staff_marks_paid(client, staff_user, order)


def test_buyer_cannot_mark_their_order_paid(client, two_products):
    buyer = UserFactory()
    client.force_login(buyer)
    order = buy_both(client, two_products)

    response = client.post(reverse("payments-order-mark-paid", kwargs={"number": order.number}))

    assert response.status_code == 403
    order.refresh_from_db()
    assert order.status == "Awaiting payment"
    assert not order.payment_events.exists()


def test_anonymous_visitor_is_sent_to_sign_in_and_nothing_changes(client, two_products):
    order = buy_both(client, two_products, guest_email="tamu@example.id")
    client.logout()

    response = client.post(reverse("payments-order-mark-paid", kwargs={"number": order.number}))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    order.refresh_from_db()
    assert order.status == "Awaiting payment"


def test_artisan_with_dashboard_access_cannot_mark_paid(client, two_products):
    order = buy_both(client, two_products, guest_email="tamu@example.id")
    artisan_user = two_products[0].artisan.partner.users.get()
    client.force_login(artisan_user)

    response = client.post(reverse("payments-order-mark-paid", kwargs={"number": order.number}))

    assert response.status_code == 403
    order.refresh_from_db()
    assert order.status == "Awaiting payment"


def test_staff_without_order_rights_cannot_mark_paid(client, two_products):
    order = buy_both(client, two_products, guest_email="tamu@example.id")
    client.force_login(UserFactory(is_staff=True))

    response = client.post(reverse("payments-order-mark-paid", kwargs={"number": order.number}))

    assert response.status_code == 403
    order.refresh_from_db()
    assert order.status == "Awaiting payment"


def test_marking_paid_twice_is_refused_and_changes_nothing(client, two_products, staff_user):
    order = buy_both(client, two_products, guest_email="tamu@example.id")
    client.force_login(staff_user)
    url = reverse("payments-order-mark-paid", kwargs={"number": order.number})
    client.post(url, follow=True)

    response = client.post(url, follow=True)

    order.refresh_from_db()
    assert order.status == "Paid"
    assert order.payment_events.count() == 1
    assert order.sources.get().amount_debited == order.total_incl_tax
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_get_on_mark_paid_changes_nothing(client, two_products, staff_user):
    order = buy_both(client, two_products, guest_email="tamu@example.id")
    client.force_login(staff_user)

    response = client.get(reverse("payments-order-mark-paid", kwargs={"number": order.number}))

    assert response.status_code == 405
    order.refresh_from_db()
    assert order.status == "Awaiting payment"


def test_a_draft_product_cannot_be_added_to_the_basket(client, product):
    response = basket_add(client, product)

    assert response.status_code == 302
    basket_page = client.get(reverse("basket:summary"))
    assert basket_page.context["basket"].num_lines == 0


def test_a_product_delisted_after_adding_blocks_checkout_with_a_message(client, two_products):
    batik, pewter = two_products
    basket_add(client, batik)
    basket_add(client, pewter)
    checkout_to_preview(client, guest_email="tamu@example.id")
    # The council delists the batik while the buyer looks at the preview.
    type(batik).objects.filter(pk=batik.pk).update(
        curation_state=CurationState.DELISTED, is_public=False
    )

    response = place_order(client)

    assert redirects_to(response, "basket:summary")
    assert not Order.objects.exists()
    assert StockRecord.objects.get(product=pewter).num_allocated in (None, 0)
    basket_page = client.get(reverse("basket:summary"))
    messages = [str(m) for m in basket_page.context["messages"]]
    assert len(messages) == 1 and batik.get_title() in messages[0]
    # The checkout stays closed until the line is removed.
    assert redirects_to(client.get(reverse("checkout:index")), "basket:summary")


def test_the_last_item_sold_meanwhile_is_not_sold_twice(client, two_products, monkeypatch):
    batik, _ = two_products
    StockRecord.objects.filter(product=batik).update(num_in_stock=1)
    basket_add(client, batik)
    checkout_to_preview(client, guest_email="tamu@example.id")
    # Another buyer's order takes the last one between this buyer's basket check and
    # the placement: let the basket check pass so that placement meets the race.
    monkeypatch.setattr(PaymentDetailsView, "check_basket_is_valid", lambda self, request: None)
    StockRecord.objects.filter(product=batik).update(num_allocated=1)

    response = place_order(client)

    assert response.status_code == 200  # the preview again, with the reason
    assert batik.get_title() in response.context["error"]
    assert not Order.objects.exists()
    assert StockRecord.objects.get(product=batik).num_allocated == 1
    assert Basket.objects.get().status == Basket.OPEN  # thawed for the buyer to adjust
