"""Several requests open the payment page at the same moment: one PaymentIntent
(PostgreSQL, where the order row lock is real)."""
import threading

import pytest
from django.conf import settings
from django.db import connection

from payments.models import StripePayment
from payments.card import payment_intent_for_order
from tests.support.stripe import checkout_by_card

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="row locks need PostgreSQL: runs in the PostgreSQL pass of `make test`",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_concurrent_payment_pages_create_one_intent(client, fake_stripe):
    _page, order = checkout_by_card(client)
    fake_stripe.create_delay = 0.3
    start = threading.Barrier(4)
    secrets, errors = [], []

    def open_page():
        try:
            start.wait(5)
            secrets.append(payment_intent_for_order(order=order)[1])
        except Exception as error:  # noqa: BLE001 - asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=open_page) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(15)

    assert errors == []
    creations = [r for r in fake_stripe.requests
                 if r["method"] == "POST" and r["path"] == "/v1/payment_intents"]
    assert len(creations) == 1 and len(fake_stripe.intents) == 1
    (intent,) = fake_stripe.intents.values()
    assert secrets == [intent["client_secret"]] * 4
    assert StripePayment.objects.get(order=order).payment_intent_id == intent["id"]
