"""One basket, two artisans: a buyer on a phone orders both pieces by bank transfer, and
each artisan then sees only their own line (issue 6's browser test)."""
import pytest
from oscar.apps.order.models import Order

from tests.browser.conftest import PHONE
from tests.browser.test_journey import log_in
from tests.factories import ArtisanFactory, RegionFactory, published_product

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EMAIL = "dewi@example.id"


@pytest.fixture
def two_pieces():
    region = RegionFactory(name="Bangka Belitung")
    cual = published_product(artisan=ArtisanFactory(region=region, name="Tenun Cual Ishadi"),
                             title="Selendang Tenun Cual Mentok")
    pewter = published_product(artisan=ArtisanFactory(region=region, name="Timah Kapal"),
                               title="Miniatur Kapal Pewter")
    return cual, pewter


def buyer_orders_both(page, base, products, screenshot) -> Order:
    for product in products:
        page.goto(f"{base}{product.get_absolute_url()}")
        with page.expect_navigation():
            page.click("#add_to_basket_form button[type=submit]")
    page.goto(f"{base}/basket/")
    content = page.content()
    assert all(product.title in content for product in products)
    screenshot(page, "two-artisans-basket-phone")
    page.goto(f"{base}/checkout/")
    page.fill("#id_username", EMAIL)
    page.check("input[name=options][value=anonymous]")
    with page.expect_navigation():
        page.click("form.card button[type=submit]")
    page.fill("#id_first_name", "Dewi")
    page.fill("#id_last_name", "Lestari")
    page.fill("#id_line1", "Jl. Merdeka No. 3")
    page.fill("#id_line4", "Kota Pangkalpinang")
    page.select_option("#id_state", "Kepulauan Bangka Belitung")
    page.fill("#id_postcode", "33121")
    page.fill("#id_phone_number", "0812 7777 8888")
    with page.expect_navigation():
        page.click("#new_shipping_address button[type=submit]")
    with page.expect_navigation():
        page.click("#view_preview")
    with page.expect_navigation():
        page.click("#place-order")
    order = Order.objects.get(guest_email=EMAIL)
    assert order.number in page.content()
    screenshot(page, "two-artisans-confirmation-phone")
    return order


def test_one_order_two_artisans_each_sees_only_their_own_line(live_server, new_page,
                                                             screenshot, two_pieces):
    base = live_server.url
    order = buyer_orders_both(new_page(PHONE), base, two_pieces, screenshot)

    assert order.status == "Awaiting payment"
    assert {line.product for line in order.lines.all()} == set(two_pieces)
    assert len({line.partner_id for line in order.lines.all()}) == 2

    for own, other in (two_pieces, tuple(reversed(two_pieces))):
        page = new_page(PHONE)
        log_in(page, base, own.artisan.partner.users.get().email)
        page.goto(f"{base}/dashboard/artisan/orders/")
        content = page.content()
        assert order.number in content and own.title in content
        assert other.title not in content
        screenshot(page, f"two-artisans-lines-{own.artisan.slug}-phone")
        own_line = order.lines.get(product=own)
        other_line = order.lines.get(product=other)
        assert page.goto(f"{base}/dashboard/artisan/orders/{own_line.pk}/").status == 200
        assert page.goto(f"{base}/dashboard/artisan/orders/{other_line.pk}/").status == 404
