"""The storefront's reads in catalogue.selectors: what a buyer's lists are made of."""
from decimal import Decimal

import pytest

from catalogue.models import Product
from catalogue.selectors import (
    artisans_public,
    products_for_cards,
    products_in_category,
    products_of_artisan,
    products_of_region,
    products_ordered,
    products_search,
    regions_with_product_counts,
)
from catalogue.states import CurationState
from partner.models import StockRecord
from tests import factories

pytestmark = pytest.mark.django_db


def test_products_search_needs_every_word_and_ignores_case(artisan):
    # given two published products and a draft that would match
    gedhek = factories.published_product(artisan=artisan, title="Kain Gedhek Rubuh")
    factories.published_product(artisan=artisan, title="Kain Parang")
    factories.ProductFactory(artisan=artisan, title="Kain Gedhek Draf")

    # then
    assert list(products_search(q="KAIN gedhek")) == [gedhek]
    assert list(products_search(q="   ")) == []


def test_products_search_matches_artisan_and_region_names(region, other_region):
    here = factories.published_product(
        artisan=factories.ArtisanFactory(name="Sekar Jati", region=region))
    there = factories.published_product(
        artisan=factories.ArtisanFactory(name="Pandan Wangi", region=other_region))

    assert list(products_search(q="sekar")) == [here]
    assert list(products_search(q=other_region.name)) == [there]


def test_products_in_category_covers_the_subtree_once(artisan):
    kain = factories.CategoryFactory(name="Kain")
    batik = kain.add_child(name="Batik")
    sibling = factories.CategoryFactory(name="Rumah")
    both = factories.published_product(artisan=artisan)
    both.categories.add(kain, batik)  # in the tree twice: listed once
    only_child = factories.published_product(artisan=artisan)
    only_child.categories.add(batik)
    factories.published_product(artisan=artisan).categories.add(sibling)

    assert sorted(p.pk for p in products_in_category(category=kain)) == sorted(
        [both.pk, only_child.pk])
    assert sorted(p.pk for p in products_in_category(category=batik)) == sorted(
        [both.pk, only_child.pk])


def test_region_and_artisan_products_are_public_ones_only(artisan, other_region):
    mine = factories.published_product(artisan=artisan)
    factories.ProductFactory(artisan=artisan)  # draft
    factories.published_product(artisan=factories.ArtisanFactory(region=other_region))

    assert list(products_of_region(region=artisan.region)) == [mine]
    assert list(products_of_artisan(artisan=artisan)) == [mine]


def test_products_ordered_by_price_puts_products_without_price_last(artisan):
    cheap = factories.published_product(artisan=artisan, stock=(Decimal("85000"), 1))
    dear = factories.published_product(artisan=artisan, stock=(Decimal("900000"), 1))
    no_price = factories.published_product(artisan=artisan)
    StockRecord.objects.filter(product=no_price).delete()

    assert list(products_ordered(Product.objects.browsable(), sort="price-asc")) == [
        cheap, dear, no_price]
    assert list(products_ordered(Product.objects.browsable(), sort="price-desc")) == [
        dear, cheap, no_price]


def test_artisans_public_are_verified_or_have_public_products(region):
    verified = factories.ArtisanFactory(region=region)
    pending = factories.ArtisanFactory(region=region, is_verified=False)
    pending_with_product = factories.ArtisanFactory(region=region, is_verified=False)
    product = factories.ProductFactory(artisan=pending_with_product)
    Product.objects.filter(pk=product.pk).update(
        curation_state=CurationState.APPROVED, is_public=True)

    assert set(artisans_public()) == {verified, pending_with_product}
    assert pending not in artisans_public()


def test_regions_count_only_public_products(artisan, other_region):
    factories.published_product(artisan=artisan)
    factories.published_product(artisan=artisan)
    factories.ProductFactory(artisan=artisan)  # draft: not counted

    counts = {r.pk: r.num_products for r in regions_with_product_counts()}

    assert counts == {artisan.region.pk: 2, other_region.pk: 0}


def test_products_for_cards_loads_everything_a_card_reads(artisan, django_assert_num_queries):
    for _ in range(3):
        factories.published_product(artisan=artisan)

    # products, stock records, images, public variants: four queries for any number
    with django_assert_num_queries(4):
        cards = list(products_for_cards(Product.objects.browsable()))
        for product in cards:
            assert product.artisan.region.name and product.product_class.name
            assert product.stockrecords.all()[0].price
            assert list(product.images.all()) == []
            assert product.get_public_children() == []


def test_a_parent_product_sorts_by_its_cheapest_public_variant(artisan):
    parent = factories.published_product(artisan=artisan, structure=Product.PARENT)
    StockRecord.objects.filter(product=parent).delete()
    for price, approved in [(Decimal("300000"), True), (Decimal("10000"), False)]:
        child = Product.objects.create(
            structure=Product.CHILD, parent=parent, artisan=artisan, title=f"Varian {price}",
            curation_state=CurationState.APPROVED if approved else CurationState.DRAFT,
            is_public=approved)
        StockRecord.objects.create(product=child, partner=artisan.partner,
                                   partner_sku=f"V{child.pk}", price=price, num_in_stock=1)
    cheap = factories.published_product(artisan=artisan, stock=(Decimal("200000"), 1))
    dear = factories.published_product(artisan=artisan, stock=(Decimal("400000"), 1))

    ordered = products_ordered(Product.objects.browsable(), sort="price-asc")

    assert list(ordered) == [cheap, parent, dear]
