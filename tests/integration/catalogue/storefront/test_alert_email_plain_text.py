"""Oscar's back-in-stock email is plain text too: the buyer's name and the product's
title read as typed; its HTML alternative escapes them."""
import pytest
from oscar.apps.customer.alerts.utils import AlertsDispatcher

from customer.models import ProductAlert
from tests.factories import UserFactory, published_product

pytestmark = pytest.mark.django_db

TITLE = 'Batik "Sekar" <Jati> & Co'
NAME = "Sri & <Tono>"


def test_the_back_in_stock_email_reads_name_and_title_as_typed(artisan, mailoutbox):
    product = published_product(artisan=artisan, title=TITLE)
    buyer = UserFactory(first_name=NAME)
    ProductAlert.objects.create(product=product, user=buyer, status=ProductAlert.ACTIVE)
    mailoutbox.clear()

    AlertsDispatcher().send_product_alert_email_for_user(product)

    [message] = mailoutbox
    assert message.to == [buyer.email]
    assert NAME in message.body and TITLE in message.body and TITLE in message.subject
    assert "&amp;" not in message.body + message.subject
    assert "&lt;" not in message.body + message.subject
    for html, _mimetype in getattr(message, "alternatives", []):
        assert NAME not in html and "Sri &amp; &lt;Tono&gt;" in html
