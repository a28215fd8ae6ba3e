"""Staff refund a card payment through Stripe from the dashboard's order page."""
import re
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from payments.models import StripePayment
from tests.factories import PASSWORD, UserFactory
from tests.support.stripe import post_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_card_order(client, card_order, fake_stripe, django_capture_on_commit_callbacks):
    (intent_id,) = fake_stripe.intents
    fake_stripe.succeed(intent_id)
    with django_capture_on_commit_callbacks(execute=True):
        post_event(client, fake_stripe.event("payment_intent.succeeded", fake_stripe.intents[intent_id]))
    card_order.refresh_from_db()
    return card_order


def refund_url(order):
    return reverse("stripe-order-refund", kwargs={"number": order.number})


def form(amount, token=None, reason="Retak"):
    """The refund form as the order page renders it: one token per page shown."""
    return {"amount": amount, "reason": reason, "request_token": token or uuid.uuid4().hex}


def test_staff_refund_part_of_a_card_payment(client, paid_card_order, fake_stripe, payments_staff):
    client.force_login(payments_staff)
    shown = form("350000")

    response = client.post(refund_url(paid_card_order), shown)
    client.post(refund_url(paid_card_order), shown)  # double click

    assert response.status_code == 302
    assert response["Location"].endswith(
        reverse("dashboard:order-detail", kwargs={"number": paid_card_order.number}))
    (refund,) = fake_stripe.refunds.values()
    assert (refund["amount"], refund["payment_intent"]) == (
        35000000, StripePayment.objects.get(order=paid_card_order).payment_intent_id)


def test_a_refund_larger_than_the_payment_is_refused(client, paid_card_order, fake_stripe,
                                                    payments_staff):
    client.force_login(payments_staff)

    client.post(refund_url(paid_card_order), form(str(paid_card_order.total_incl_tax + 1)))
    client.post(refund_url(paid_card_order), form("1000.5"))
    client.post(refund_url(paid_card_order), {"amount": "1000"})  # a form without its token

    assert fake_stripe.refunds == {}
    assert paid_card_order.total_incl_tax == Decimal("1275000")


def test_buyers_and_anonymous_users_cannot_refund(paid_card_order, fake_stripe):
    from django.test import Client

    anonymous = Client().post(refund_url(paid_card_order), form("1000"))
    buyer = Client()
    buyer.force_login(UserFactory())
    refused = buyer.post(refund_url(paid_card_order), form("1000"))

    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    assert refused.status_code == 403
    assert fake_stripe.refunds == {}


def test_the_dashboard_order_page_offers_the_refund_to_payments_staff(
    client, paid_card_order, card_order, payments_staff
):
    client.force_login(payments_staff)
    page = client.get(reverse("dashboard:order-detail",
                              kwargs={"number": paid_card_order.number}))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="order-card-refund"' in html and refund_url(paid_card_order) in html
    assert re.search(r'name="request_token" value="[0-9a-f]{32}"', html)


def test_the_same_page_sent_again_after_stripe_confirmed_refunds_once(
    client, paid_card_order, fake_stripe, payments_staff, django_capture_on_commit_callbacks
):
    client.force_login(payments_staff)
    shown = form("350000")
    client.post(refund_url(paid_card_order), shown)
    (refund_id,) = fake_stripe.refunds
    fake_stripe.refund_succeed(refund_id)
    payment = StripePayment.objects.get(order=paid_card_order)
    charge = fake_stripe.charges[fake_stripe.intents[payment.payment_intent_id]["latest_charge"]]
    with django_capture_on_commit_callbacks(execute=True):
        post_event(client, fake_stripe.event("charge.refunded", charge))
    payment.refresh_from_db()
    assert payment.amount_refunded == Decimal("350000")

    client.post(refund_url(paid_card_order), shown)  # the tab reloaded and sent again

    assert list(fake_stripe.refunds) == [refund_id]


def test_a_second_refund_of_the_same_amount_from_the_page_shown_again_is_made(
    client, paid_card_order, fake_stripe, payments_staff
):
    client.force_login(payments_staff)

    client.post(refund_url(paid_card_order), form("100000"))
    client.post(refund_url(paid_card_order), form("100000"))  # a new page, a new token

    assert sorted(refund["amount"] for refund in fake_stripe.refunds.values()) == [
        10000000, 10000000]


def test_no_refund_form_before_the_card_payment_is_taken(client, card_order, payments_staff):
    client.force_login(payments_staff)
    page = client.get(reverse("dashboard:order-detail", kwargs={"number": card_order.number}))
    assert page.status_code == 200
    assert 'id="order-card-refund"' not in page.content.decode()
