"""Two saves of the stock list at the same moment (two tabs, two logins of a business).

Both pages were loaded with the same price and stock. The check that nobody changed
them since runs in product_stock_update under the row's lock, so the second save
waits for the first, then finds the first one's values: one is saved, the other
comes back as "changed meanwhile" and overwrites nothing.
"""
import time
from decimal import Decimal

from django.test import Client
from django.urls import reverse

from artisans.portal import services as portal_services
from curation.models import CurationEvent
from tests.concurrency import POSTGRES_RACE, run_at_once
from tests.factories import ProductFactory, UserFactory


from tests.integration.artisans.portal.helpers import stock_post_data

pytestmark = POSTGRES_RACE
URL = reverse("portal-stock-list")


def test_two_saves_at_once_cannot_both_pass_the_conflict_check(artisan, artisan_user,
                                                                monkeypatch):
    # Given one product, and two logins of the business with the list open
    product = ProductFactory(artisan=artisan)
    partner_login = UserFactory()
    artisan.partner.users.add(partner_login)
    tabs = []
    for user in (artisan_user, partner_login):
        tab = Client()
        tab.force_login(user)
        tabs.append(tab)
    page = tabs[0].get(URL)
    sent = [stock_post_data(page, {product.pk: (275000, 9)}),
            stock_post_data(page, {product.pk: (300000, 4)})]
    # Each save holds the row's lock a moment before writing: the other save arrives
    # while the first one's change is written but not committed.
    stockrecord_set = portal_services._stockrecord_set
    monkeypatch.setattr(portal_services, "_stockrecord_set",
                        lambda *args, **kwargs: (time.sleep(0.5),
                                                 stockrecord_set(*args, **kwargs))[1])

    # When both are saved at the same moment
    first, second = run_at_once(lambda: tabs[0].post(URL, sent[0]),
                                lambda: tabs[1].post(URL, sent[1]), refused=())

    # Then one is saved and the other comes back with the conflict, overwriting nothing
    assert sorted([first.status_code, second.status_code]) == [200, 302]
    saved, refused = (0, 1) if first.status_code == 302 else (1, 0)
    record = product.stockrecords.get()
    assert (int(record.price), record.num_in_stock) == (
        int(sent[saved]["form-0-price"]), int(sent[saved]["form-0-num_in_stock"]))
    # "Changed meanwhile to Rp ... and ... in stock", in the shop's Indonesian
    assert "Sementara itu sudah diubah menjadi" in (first, second)[refused].content.decode()
    assert CurationEvent.objects.filter(
        product=product, kind=CurationEvent.Kind.PRICE_CHANGED).count() == 1
    assert record.price != Decimal(sent[refused]["form-0-price"])
