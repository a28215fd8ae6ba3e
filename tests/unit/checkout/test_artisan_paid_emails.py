"""A paid order of two artisans: each hears of their own lines only, once."""
from decimal import Decimal

import pytest

from payments.services import order_mark_paid
from payments.tasks import order_paid_artisans_notify_task
from tests.factories import ArtisanFactory, RegionFactory, published_product
from tests.support.checkout import basket_with, place_bank_transfer_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_artisans_order():
    region = RegionFactory(name="Bangka")
    cual = published_product(artisan=ArtisanFactory(region=region, email="cual@example.id",
                                                    language="en"),
                             title="Tenun Cual Mentok", stock=(Decimal("2750000"), 2))
    pewter = published_product(artisan=ArtisanFactory(region=region), title="Pewter Kapal",
                               stock=(Decimal("450000"), 3))
    return place_bank_transfer_order(basket_with(cual, pewter)), cual, pewter


def test_each_artisan_is_emailed_their_own_lines_when_the_order_is_paid(
    two_artisans_order, order_staff, mailoutbox, django_capture_on_commit_callbacks
):
    order, cual, pewter = two_artisans_order
    with django_capture_on_commit_callbacks(execute=True):
        order_mark_paid(order=order, user=order_staff)

    by_recipient = {to: message for message in mailoutbox for to in message.to}
    cual_logins = {u.email for u in cual.artisan.partner.users.all()} | {"cual@example.id"}
    pewter_logins = {u.email for u in pewter.artisan.partner.users.all()}
    assert cual_logins | pewter_logins <= set(by_recipient)
    for email in cual_logins:
        body = by_recipient[email].body
        assert "Tenun Cual Mentok" in body and "Pewter Kapal" not in body
        assert order.number in by_recipient[email].subject
    for email in pewter_logins:
        body = by_recipient[email].body
        assert "Pewter Kapal" in body and "Tenun Cual Mentok" not in body
    # The artisan who reads English gets English (Artisan.language).
    assert by_recipient["cual@example.id"].subject.startswith("Paid: order")


def test_a_second_run_sends_nothing_more(two_artisans_order, order_staff, mailoutbox,
                                         django_capture_on_commit_callbacks):
    order, _cual, _pewter = two_artisans_order
    with django_capture_on_commit_callbacks(execute=True):
        order_mark_paid(order=order, user=order_staff)
    sent = len(mailoutbox)
    assert order_paid_artisans_notify_task(order_id=order.pk) == 0
    assert len(mailoutbox) == sent
