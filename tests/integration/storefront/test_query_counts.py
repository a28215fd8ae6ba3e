"""The number of SQL queries of the busiest storefront pages does not grow with the catalogue.

Each page is measured with 3 and with 30 published products (each with a photo, a
stock record and a category, all of one artisan so that "more from this artisan"
is full too). Every measurement follows one warm-up request: the first render of a
new photo's thumbnail records it in sorl-thumbnail's key-value store (a query per
new thumbnail, once); the steady state is what every later buyer gets.
"""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.integration.storefront.conftest import add_photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue_of(artisan, craft_category):
    """Grow the catalogue to `n` published products, each with a photo and the category."""
    products = []

    def grow_to(n: int):
        while len(products) < n:
            product = factories.published_product(artisan=artisan)
            product.categories.add(craft_category)
            add_photo(product)
            products.append(product)
        return products

    return grow_to


def queries_for(client, url: str) -> int:
    assert client.get(url).status_code == 200  # warm-up: thumbnails, category URL cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_home_page_queries_do_not_grow(client, catalogue_of, django_assert_num_queries):
    catalogue_of(3)
    with_3 = queries_for(client, reverse("home"))

    catalogue_of(30)
    client.get(reverse("home"))
    with django_assert_num_queries(with_3):
        response = client.get(reverse("home"))

    assert len(response.context["featured_products"]) == 8
    print(f"home: {with_3} queries with 3 and with 30 products")


def test_category_page_queries_do_not_grow(
    client, catalogue_of, craft_category, django_assert_num_queries
):
    url = craft_category.get_absolute_url()
    catalogue_of(3)
    with_3 = queries_for(client, url)

    catalogue_of(30)
    client.get(url)
    with django_assert_num_queries(with_3):
        response = client.get(url)

    assert response.context["paginator"].count == 30
    assert len(response.context["products"]) == 24
    print(f"category: {with_3} queries with 3 and with 30 products")


def test_product_page_queries_do_not_grow(client, catalogue_of, django_assert_num_queries):
    product = catalogue_of(3)[0]
    url = product.get_absolute_url()
    with_3 = queries_for(client, url)

    catalogue_of(30)
    client.get(url)
    with django_assert_num_queries(with_3):
        response = client.get(url)

    assert len(response.context["more_from_artisan"]) == 4
    print(f"product: {with_3} queries with 3 and with 30 products")


@pytest.mark.parametrize("url_name", ["catalogue:index", "search:search", "region", "artisan"])
def test_other_lists_queries_do_not_grow(client, catalogue_of, artisan, url_name):
    urls = {
        "catalogue:index": reverse("catalogue:index"),
        "search:search": reverse("search:search") + "?q=batik",
        "region": artisan.region.get_absolute_url(),
        "artisan": artisan.get_absolute_url(),
    }
    catalogue_of(3)
    with_3 = queries_for(client, urls[url_name])

    catalogue_of(30)
    assert queries_for(client, urls[url_name]) == with_3
