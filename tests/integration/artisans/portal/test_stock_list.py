"""Price and stock of all the artisan's products from one list."""
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from curation.models import CurationEvent
from tests.factories import ArtisanFactory, ProductFactory, UserFactory

from tests.integration.artisans.portal.helpers import stock_post_data

pytestmark = pytest.mark.django_db
URL = reverse("portal-stock-list")


def test_changed_rows_are_saved_and_recorded_the_others_untouched(artisan_client, artisan):
    first, second = ProductFactory(artisan=artisan, title="A"), ProductFactory(
        artisan=artisan, title="B")
    page = artisan_client.get(URL)
    assert [row.product for row in page.context["rows"]] == [first, second]
    events_before = CurationEvent.objects.filter(product=second).count()

    response = artisan_client.post(URL, stock_post_data(page, {first.pk: (275000, 9)}))

    assert response.status_code == 302
    record = first.stockrecords.get()
    assert (record.price, record.num_in_stock) == (Decimal("275000"), 9)
    assert set(first.curation_events.values_list("kind", flat=True)) >= {
        CurationEvent.Kind.PRICE_CHANGED, CurationEvent.Kind.STOCK_CHANGED
    }
    assert CurationEvent.objects.filter(product=second).count() == events_before


def test_a_row_changed_meanwhile_is_not_overwritten(artisan_client, artisan, artisan_user):
    from artisans.portal import services

    product = ProductFactory(artisan=artisan)
    page = artisan_client.get(URL)
    services.product_stock_update(product=product, user=artisan_user, price=111000,
                                  num_in_stock=1)  # another login of the business

    response = artisan_client.post(URL, stock_post_data(page, {product.pk: (222000, 2)}))

    assert response.status_code == 200
    (row,) = response.context["rows"]
    assert row.conflict
    assert "Rp\u00a0111.000" in row.conflict  # core.money.rupiah, as on every page
    record = product.stockrecords.get()
    assert (record.price, record.num_in_stock) == (Decimal("111000"), 1)


def test_a_bad_value_saves_nothing_and_keeps_what_was_typed(artisan_client, artisan):
    first, second = ProductFactory(artisan=artisan, title="A"), ProductFactory(
        artisan=artisan, title="B")
    old = first.stockrecords.get().price
    page = artisan_client.get(URL)
    data = stock_post_data(page, {first.pk: (300000, 4), second.pk: (0, 2)})

    response = artisan_client.post(URL, data)

    assert response.status_code == 200
    assert first.stockrecords.get().price == old
    forms = {row.product: row.form for row in response.context["rows"]}
    assert forms[first]["price"].value() == "300000"
    assert forms[second].errors


def test_another_businesss_product_cannot_be_smuggled_in(artisan_client, artisan, region):
    own = ProductFactory(artisan=artisan)
    other = ProductFactory(artisan=ArtisanFactory(region=region))
    other_price = other.stockrecords.get().price
    page = artisan_client.get(URL)
    data = stock_post_data(page, {})
    data["form-0-product"] = other.pk
    data["form-0-price"] = "5000"
    artisan_client.post(URL, data)
    assert other.stockrecords.get().price == other_price
    assert own.stockrecords.get().price != Decimal("5000")


def test_only_artisans_get_in(client):
    assert client.get(URL).status_code == 302
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403


def test_queries_do_not_grow_with_products(artisan_client, artisan):
    def queries(n):
        for _ in range(n):
            ProductFactory(artisan=artisan)
        artisan_client.get(URL)
        with CaptureQueriesContext(connection) as ctx:
            artisan_client.get(URL)
        return len(ctx.captured_queries)

    assert queries(2) == queries(12)


def test_the_list_sent_twice_saves_once_and_reports_no_conflict(artisan_client, artisan):
    # Given the list with one row changed
    product = ProductFactory(artisan=artisan)
    data = stock_post_data(artisan_client.get(URL), {product.pk: (275000, 9)})

    # When it is sent twice (a double click)
    artisan_client.post(URL, data)
    events = CurationEvent.objects.filter(product=product).count()
    second = artisan_client.post(URL, data)

    # Then the second copy is no "changed meanwhile" conflict and records nothing more
    assert second.status_code == 302
    assert CurationEvent.objects.filter(product=product).count() == events
    record = product.stockrecords.get()
    assert (record.price, record.num_in_stock) == (Decimal("275000"), 9)
