"""A buyer's emails and the artisan's and staff's about an order are plain text: a
product called `Batik "Sekar" <Jati> & Co` reads as it was typed in the subject and
the text body; only the HTML alternative of the order confirmation escapes it."""
import pytest
from django.urls import reverse
from oscar.apps.order.models import Order

from fulfilment.services import line_unable, line_withdraw
from tests.factories import ArtisanFactory, RegionFactory, UserFactory, published_product
from tests.support.checkout import INDONESIAN_ADDRESS, basket_add
from tests.support.stripe import PRICE, post_event

pytestmark = pytest.mark.django_db

TITLE = 'Batik "Sekar" <Jati> & Co'
REASON = "Kain <robek> & 'luntur'"
ESCAPED = ("&quot;", "&#x27;", "&#39;", "&lt;", "&gt;", "&amp;")
BUYER = "pembeli@example.id"


def plain(text: str) -> bool:
    return not any(entity in text for entity in ESCAPED)


@pytest.fixture
def order(client, fake_stripe, mailoutbox):
    """A guest's card order of one piece titled TITLE, its payment page opened."""
    product = published_product(
        artisan=ArtisanFactory(region=RegionFactory(name="Bojonegoro")), title=TITLE,
        stock=(PRICE, 5))
    mailoutbox.clear()  # the curation emails of publishing it
    basket_add(client, product)
    client.post(reverse("checkout:index"), {"username": BUYER, "options": "anonymous"})
    client.post(reverse("checkout:shipping-address"), INDONESIAN_ADDRESS)
    client.get(reverse("checkout:shipping-method"))
    client.post(reverse("checkout:payment-method"), {"method_code": "card"})
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    order = Order.objects.get(guest_email=BUYER)
    assert client.get(reverse("stripe-payment", kwargs={"number": order.number})).status_code == 200
    return order


def test_the_order_confirmation_is_plain_in_text_and_escaped_in_html(order, mailoutbox):
    [confirmation] = mailoutbox

    assert confirmation.to == [BUYER] and plain(confirmation.subject)
    assert TITLE in confirmation.body and plain(confirmation.body)
    [(html, mimetype)] = confirmation.alternatives
    assert mimetype == "text/html"
    assert "Batik &quot;Sekar&quot; &lt;Jati&gt; &amp; Co" in html and TITLE not in html


def test_the_paid_emails_to_the_buyer_and_the_artisan_read_the_title_as_typed(
        client, order, fake_stripe, mailoutbox, django_capture_on_commit_callbacks):
    mailoutbox.clear()
    (intent_id,) = fake_stripe.intents
    fake_stripe.succeed(intent_id)

    with django_capture_on_commit_callbacks(execute=True):
        post_event(client, fake_stripe.event("payment_intent.succeeded",
                                             fake_stripe.intents[intent_id]))

    to_buyer = [m for m in mailoutbox if m.to == [BUYER]]
    to_artisan = [m for m in mailoutbox if m.to != [BUYER]]
    assert len(to_buyer) == 1 and to_artisan
    for message in mailoutbox:
        assert plain(message.subject) and plain(message.body), message.subject
    assert all(TITLE in m.body for m in to_artisan)


def test_a_line_the_artisan_cannot_send_is_told_to_buyer_and_staff_as_typed(
        client, order, fake_stripe, mailoutbox, django_capture_on_commit_callbacks):
    UserFactory(is_staff=True, email="keuangan@pasarkriya.id")
    (intent_id,) = fake_stripe.intents
    fake_stripe.succeed(intent_id)
    with django_capture_on_commit_callbacks(execute=True):
        post_event(client, fake_stripe.event("payment_intent.succeeded",
                                             fake_stripe.intents[intent_id]))
    mailoutbox.clear()
    line = order.lines.get()

    with django_capture_on_commit_callbacks(execute=True):
        line_unable(line_id=line.pk, user=line.partner.users.first(), reason=REASON)

    assert {m.to[0] for m in mailoutbox} >= {BUYER, "keuangan@pasarkriya.id"}
    for message in mailoutbox:
        assert plain(message.subject) and plain(message.body), message.subject
        assert TITLE in message.body and REASON in message.body


def test_a_line_the_council_takes_back_is_told_to_the_artisan_as_typed(
        client, order, fake_stripe, payments_staff, mailoutbox,
        django_capture_on_commit_callbacks):
    (intent_id,) = fake_stripe.intents
    fake_stripe.succeed(intent_id)
    with django_capture_on_commit_callbacks(execute=True):
        post_event(client, fake_stripe.event("payment_intent.succeeded",
                                             fake_stripe.intents[intent_id]))
    mailoutbox.clear()
    line = order.lines.get()

    with django_capture_on_commit_callbacks(execute=True):
        line_withdraw(line_id=line.pk, user=payments_staff, reason=REASON)

    artisan_logins = {user.email for user in line.partner.users.all()}
    to_artisan = [m for m in mailoutbox if m.to[0] in artisan_logins]
    assert to_artisan
    for message in to_artisan:
        assert TITLE in message.subject and plain(message.subject)
        assert TITLE in message.body and REASON in message.body and plain(message.body)
