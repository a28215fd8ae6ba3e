"""Storefront fixtures; the products in every state and page helpers are
tests.support.storefront's."""
import pytest

from tests import factories
from tests.support.storefront import NOT_APPROVED, product_in_state


@pytest.fixture
def craft_category():
    return factories.CategoryFactory(name="Kain")


@pytest.fixture
def unapproved_products(artisan, craft_category):
    """One product of `artisan` in each state other than approved, filed in `craft_category`."""
    products = []
    for state in NOT_APPROVED:
        product = product_in_state(state, artisan=artisan, title=f"Rahasia {state}",
                                   description="Batik tulis pewarna alam.")
        product.categories.add(craft_category)
        products.append(product)
    return products


@pytest.fixture
def published(artisan, craft_category):
    product = factories.published_product(artisan=artisan, title="Kain Terbit Sekar Jagad",
                                          description="Batik tulis pewarna alam.")
    product.categories.add(craft_category)
    return product
