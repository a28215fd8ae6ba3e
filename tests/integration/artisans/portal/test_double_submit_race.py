"""A double-clicked new-product form whose two submits arrive at the same moment.

Both requests carry the same one-time token; the UNIQUE (kind, token) row written in
product_create's transaction makes the second wait for the first, then find its
product: one draft, both answers the same product.
"""
import time

from artisans.portal import services as portal_services
from catalogue.models import Product
from core.form_tokens.services import form_token_new
from tests.concurrency import POSTGRES_RACE, run_at_once
from tests.factories import CategoryFactory, ProductClassFactory

pytestmark = POSTGRES_RACE


def test_two_submits_of_one_form_at_once_make_one_draft(artisan, artisan_user, monkeypatch):
    craft = ProductClassFactory(name="Kriya Uji Balapan")
    artisan.crafts.add(craft)
    category = CategoryFactory(name="Kain Balapan")
    token = form_token_new()
    # Hold the first transaction open after its claim: the second submit arrives
    # while the first one's product is written but not committed.
    # (the artisan area's services hold their own name for the catalogue's primitive)
    category_set = portal_services.product_category_set
    monkeypatch.setattr(portal_services, "product_category_set",
                        lambda *args, **kwargs: (category_set(*args, **kwargs),
                                                 time.sleep(0.5))[0])

    def submit():
        return portal_services.product_create(
            artisan=artisan, user=artisan_user, product_class=craft, title="Songket Kembar",
            description="", category=category, price=900000, num_in_stock=1, attributes={},
            form_token=token,
        )

    first, second = run_at_once(submit, submit, refused=())

    assert Product.objects.filter(artisan=artisan).count() == 1
    assert first.pk == second.pk
