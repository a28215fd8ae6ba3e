"""The number of SQL queries of the busiest storefront pages does not grow with the catalogue.

Each page is measured with 3 and with 30 published products. The catalogue is
spread the way a real one is, so that a cost paid per artisan, region, category,
craft or variant would show:

- product i is a standalone product when i % 3 == 0, otherwise a parent product
  whose public variants number 2 + i // 10 (so the newest parents have more);
- the first three and every even-numbered product belong to the `artisan`
  fixture (so "more from this artisan" holds parents and standalone products at
  both sizes); every other product has an artisan of its own, in a new region
  for every second one;
- the crafts (product classes) take turns; every product is filed in the
  `craft_category` subtree (in one of its subcategories, a new one every four
  products, when i % 3 == 1, otherwise in it) and in a root collection category
  (a new one every five).

The product pages measured at 3 and at 30 products are of alike products (same
structure, artisan and kind of category), so only the catalogue's size differs.

Every measurement follows one warm-up request: the first render of a new photo's
thumbnail records it in sorl-thumbnail's key-value store (a query per new
thumbnail, once); the steady state is what every later buyer gets.
"""
import json

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalogue.models import Product
from curation import services
from search.backends import search_backend
from search.engine import SearchRequest
from tests import factories
from tests.support.storefront import add_photo

pytestmark = pytest.mark.django_db

CRAFTS = ["Batik", "Tenun", "Gerabah"]


def publish(product: Product) -> Product:
    """Approve `product` through the curation services (its variants follow it)."""
    artisan_user = product.artisan.partner.users.first()
    curator = factories.CuratorFactory(regions=[product.artisan.region])
    services.submission_submit(product_id=product.pk, user=artisan_user)
    services.submission_claim(product_id=product.pk, user=curator.user)
    return services.submission_approve(product_id=product.pk, user=curator.user)


def parent_with_variants(*, variants: int, **kwargs) -> Product:
    """A draft parent product with `variants` draft variants, each with its stock record."""
    parent = factories.ProductFactory(structure=Product.PARENT, **kwargs)
    parent.stockrecords.all().delete()  # a parent is sold through its variants
    for number in range(variants):
        factories.ProductFactory(
            structure=Product.CHILD, parent=parent, artisan=parent.artisan,
            product_class=None, title=f"{parent.title} varian {number}",
        )
    return parent


@pytest.fixture
def catalogue_of(artisan, craft_category):
    """Grow the catalogue to `n` published products, spread as the module docstring says."""
    products: list[Product] = []
    other_artisans: list = []
    subcategories: list = []
    collections: list = []

    def owner_of(i: int):
        if i < 3 or i % 2 == 0:
            return artisan
        if len(other_artisans) % 2 == 0:
            region = factories.RegionFactory()
        else:
            region = other_artisans[-1].region
        other_artisans.append(factories.ArtisanFactory(region=region))
        return other_artisans[-1]

    def file_in_categories(product: Product, i: int) -> None:
        if i % 4 == 1:
            subcategories.append(craft_category.add_child(name=f"Ragam {i}"))
        if i % 5 == 0:
            collections.append(factories.CategoryFactory(name=f"Koleksi {i}"))
        product.categories.add(subcategories[-1] if i % 3 == 1 else craft_category,
                               collections[-1])

    def grow_to(n: int) -> list[Product]:
        while len(products) < n:
            i = len(products)
            kwargs = {
                "artisan": owner_of(i),
                "product_class": factories.ProductClassFactory(name=CRAFTS[(i // 2) % 3]),
            }
            if i % 3 == 0:
                product = factories.ProductFactory(**kwargs)
            else:
                product = parent_with_variants(variants=2 + i // 10, **kwargs)
            product = publish(product)
            file_in_categories(product, i)
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


def test_the_catalogue_is_spread_as_described(catalogue_of, artisan):
    products = catalogue_of(30)

    public = Product.objects.public()
    assert public.filter(parent=None).count() == 30
    assert public.filter(structure=Product.PARENT).count() == 20
    assert public.filter(structure=Product.CHILD).count() == sum(
        2 + i // 10 for i in range(30) if i % 3
    )
    assert len({product.artisan_id for product in products}) == 15
    assert len({product.artisan.region_id for product in products}) == 8
    assert len({product.product_class_id for product in products}) == 3


def test_home_page_queries_do_not_grow(client, catalogue_of, django_assert_num_queries):
    catalogue_of(3)
    with_3 = queries_for(client, reverse("home"))

    catalogue_of(30)
    client.get(reverse("home"))
    with django_assert_num_queries(with_3):
        response = client.get(reverse("home"))

    featured = response.context["featured_products"]
    assert len(featured) == 8
    assert {product.structure for product in featured} == {Product.STANDALONE, Product.PARENT}
    shown = {category.name for category in response.context["categories"]}
    assert {f"Koleksi {i}" for i in range(0, 30, 5)} <= shown
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


@pytest.mark.parametrize("page", ["standalone", "parent", "variant"])
def test_product_page_queries_do_not_grow(client, catalogue_of, page, django_assert_num_queries):
    # the product measured at 3 products and the one measured at 30 are alike, but
    # the later parent has more variants; the buyer has recently viewed the two
    # newest products both times (so "recently viewed" is measured too)
    def measured(products: list[Product]) -> Product:
        if page == "standalone":
            return products[0]
        parent = products[1] if len(products) == 3 else products[28]
        return parent if page == "parent" else parent.children.first()

    def have_viewed(products: list[Product]) -> None:
        client.cookies[settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME] = json.dumps(
            [product.pk for product in products[-2:]]
        )

    products = catalogue_of(3)
    product = measured(products)
    have_viewed(products)
    with_3 = queries_for(client, product.get_absolute_url())

    products = catalogue_of(30)
    product = measured(products)
    have_viewed(products)
    url = product.get_absolute_url()
    client.get(url)
    with django_assert_num_queries(with_3):
        response = client.get(url)

    assert response.context["product"] == product
    assert response.context["recently_viewed"]
    more = response.context["more_from_artisan"]
    assert len(more) == 4
    assert {card.structure for card in more} == {Product.STANDALONE, Product.PARENT}
    print(f"product ({page}): {with_3} queries with 3 and with 30 products")


@pytest.mark.parametrize("url_name", ["catalogue:index", "search:search"])
def test_other_lists_queries_do_not_grow(client, catalogue_of, url_name):
    urls = {
        "catalogue:index": reverse("catalogue:index"),
        "search:search": reverse("search:search") + "?q=batik",
    }
    catalogue_of(3)
    with_3 = queries_for(client, urls[url_name])

    catalogue_of(30)
    assert queries_for(client, urls[url_name]) == with_3


#: What the region and artisan pages ask besides the search backend: the region (or
#: the artisan), the cards (products, their stock records, images, public variants
#: and the variants' stock records), the header's two category reads, and the
#: region's artisans (or the artisan's crafts).
REGION_AND_ARTISAN_OWN_QUERIES = 1 + 5 + 2 + 1


def backend_queries(search_request: SearchRequest) -> int:
    """How many queries the search backend spends answering `search_request` alone."""
    with CaptureQueriesContext(connection) as captured:
        search_backend().search(search_request)
    return len(captured.captured_queries)


@pytest.mark.parametrize("page", ["region", "artisan"])
def test_region_and_artisan_pages_cost_the_search_and_nine_queries_at_any_size(
    client, catalogue_of, artisan, craft_category, page, django_assert_num_queries
):
    # Narrowed by a facet and sorted by price: every product is filed under craft_category.
    url = (artisan.region if page == "region" else artisan).get_absolute_url()
    url += f"?category={craft_category.pk}&sort_by=price-asc"
    fixed = ({"region": (artisan.region.slug,)} if page == "region"
             else {"artisan": (artisan.slug,)})
    catalogue_of(3)
    with_3 = queries_for(client, url)
    search = backend_queries(SearchRequest(
        filters={"craft": (str(craft_category.pk),), **fixed}, sort="price-asc"))

    assert with_3 == search + REGION_AND_ARTISAN_OWN_QUERIES

    catalogue_of(30)
    client.get(url)
    with django_assert_num_queries(with_3):
        response = client.get(url)

    theirs = Product.objects.public().filter(parent=None, artisan=artisan).count()
    assert theirs == 16
    assert response.context["paginator"].count == theirs
    assert len(response.context["products"]) == theirs
    prices = [card.search_document.price for card in response.context["products"]]
    assert prices == sorted(prices)
    print(f"{page}: {with_3} queries with 3 and with 30 products "
          f"({search} of them the search backend's)")
