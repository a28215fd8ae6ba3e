"""Only published products can be bought (partner.strategy)."""
from decimal import Decimal

import pytest
from django.urls import reverse

from catalogue.models import Product
from catalogue.states import CurationState
from partner.availability import NotPublished
from partner.strategy import Default, Selector
from tests.factories import ProductFactory, published_product

pytestmark = pytest.mark.django_db


def delist(product):
    # Stands in for the curation delist transition, which only changes these two fields.
    Product.objects.filter(pk=product.pk).update(
        curation_state=CurationState.DELISTED, is_public=False
    )
    product.refresh_from_db()


def test_oscar_loads_our_selector():
    from oscar.core.loading import get_class

    assert get_class("partner.strategy", "Selector") is Selector
    assert isinstance(Selector().strategy(), Default)


def test_a_published_product_in_stock_is_available_at_its_price():
    product = published_product(stock=(Decimal("350000"), 3))

    info = Default().fetch_for_product(product)

    assert info.availability.is_available_to_buy
    assert (info.price.excl_tax, info.price.incl_tax) == (Decimal("350000"), Decimal("350000"))
    assert info.stockrecord.partner == product.artisan.partner


def test_a_draft_is_not_available_whatever_its_stock(product):
    info = Default().fetch_for_product(product)

    assert isinstance(info.availability, NotPublished)
    permitted, reason = info.availability.is_purchase_permitted(1)
    assert permitted is False and reason


def test_a_delisted_product_is_not_available():
    product = published_product()
    delist(product)

    assert isinstance(Default().fetch_for_product(product).availability, NotPublished)


def test_a_variant_of_an_unpublished_parent_is_not_available(artisan):
    parent = ProductFactory(artisan=artisan, structure=Product.PARENT, stock=(Decimal("1"), 0))
    child = ProductFactory(
        artisan=artisan, structure=Product.CHILD, parent=parent, title="",
        product_class=None,
    )
    # The child alone looks published; its parent is a draft.
    Product.objects.filter(pk=child.pk).update(
        curation_state=CurationState.APPROVED, is_public=True
    )
    child.refresh_from_db()

    assert isinstance(Default().fetch_for_product(child).availability, NotPublished)
    assert isinstance(Default().fetch_for_parent(parent).availability, NotPublished)


def test_basket_add_refuses_a_draft(client, product):
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})

    assert response.status_code == 302
    assert client.get(reverse("basket:summary")).context["basket"].num_lines == 0


def test_basket_add_accepts_a_published_product(client):
    product = published_product()

    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 2})

    assert response.status_code == 302
    basket = client.get(reverse("basket:summary")).context["basket"]
    (line,) = basket.all_lines()
    assert (line.product, line.quantity, line.stockrecord.partner) == (
        product, 2, product.artisan.partner
    )
