"""The whole journey in a real browser (Debian's Chromium through Playwright).

An artisan creates a product with three photos and submits it, a curator of the
region claims and approves it, a buyer on a phone finds it by search, orders it as a
guest and pays by bank transfer, and the artisan sees the order line. Screenshots of
the home, the product page and the order confirmation are saved at phone and desktop
widths, with the artisan's and the curator's pages, under test-artifacts/screenshots/.
"""
import re
from io import BytesIO

import pytest
from oscar.apps.order.models import Order
from PIL import Image

from catalogue.models import Product
from catalogue.states import CurationState
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Kain Batik Tulis Motif Kayangan"


def jpeg(colour) -> dict:
    buffer = BytesIO()
    Image.new("RGB", (640, 480), colour).save(buffer, format="JPEG")
    return {"name": f"batik-{colour[0]}.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


def log_in(page, base_url, email):
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", PASSWORD)
    # Wait for the redirect away from the login page: only then is the session set.
    with page.expect_navigation():
        page.click("button[name=login_submit]")
    assert "/accounts/login/" not in page.url, "the login was refused"


def artisan_creates_and_submits(page, base, screenshot):
    page.goto(f"{base}/dashboard/artisan/products/new/?craft=batik")
    page.fill("#id_title", TITLE)
    page.fill("#id_description", "Dibatik dengan canting, pewarna alam dari kayu tingi.")
    page.select_option("#id_category", index=1)
    page.select_option("#id_attr_technique", label="tulis")
    page.fill("#id_price", "1250000")
    page.fill("#id_num_in_stock", "2")
    page.set_input_files("#id_photos", [jpeg((160, 82, 45)), jpeg((40, 70, 120)),
                                        jpeg((200, 170, 60))])
    screenshot(page, "artisan-product-form-phone")
    page.click("form[enctype='multipart/form-data'] button[type=submit]")
    # The form is sent in the background with progress bars; the product page follows.
    page.wait_for_url(re.compile(r"/dashboard/artisan/products/\d+/$"))
    product = Product.objects.get(title=TITLE)
    assert product.images.count() == 3
    page.goto(f"{base}/dashboard/artisan/")
    page.click(f"form[action$='/products/{product.pk}/submit/'] button")
    page.wait_for_load_state()
    screenshot(page, "artisan-submitted-phone")
    product.refresh_from_db()
    assert product.curation_state == CurationState.SUBMITTED
    return product


def curator_approves(page, base, product, screenshot):
    page.goto(f"{base}/curation/")
    screenshot(page, "curation-queue-desktop")
    page.click(f"tr[data-product='{product.pk}'] a")
    page.click(f"form[action$='/products/{product.pk}/claim/'] button")
    page.wait_for_load_state()
    page.fill("textarea[name=note]", "Tulis asli, pewarna alam.")
    screenshot(page, "curation-review-desktop")
    page.click(f"button[formaction$='/products/{product.pk}/approve/']")
    page.wait_for_load_state()
    product.refresh_from_db()
    assert product.curation_state == CurationState.APPROVED


def buyer_orders_as_guest(page, base, product, screenshot, width):
    page.goto(f"{base}/")
    screenshot(page, f"home-{width}")
    page.fill("#id_q", "kayangan")
    page.press("#id_q", "Enter")
    page.wait_for_load_state()
    page.click(f".k-card__body a[href='{product.get_absolute_url()}']")
    page.wait_for_load_state()
    assert TITLE in page.content()
    screenshot(page, f"product-{width}")
    page.click("#add_to_basket_form button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{base}/checkout/")
    page.fill("#id_username", f"siti-{width}@example.id")
    page.check("input[name=options][value=anonymous]")
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()
    page.fill("#id_first_name", "Siti")
    page.fill("#id_last_name", "Rahayu")
    page.fill("#id_line1", "Jl. Veteran No. 12")
    page.fill("#id_line4", "Kabupaten Bojonegoro")
    page.select_option("#id_state", "Jawa Timur")
    page.fill("#id_postcode", "62111")
    page.fill("#id_phone_number", "0812 3456 7890")
    page.click("#new_shipping_address button[type=submit]")
    page.wait_for_load_state()
    page.click("#view_preview")
    page.wait_for_load_state()
    page.click("#place-order")
    page.wait_for_load_state()
    order = Order.objects.get(guest_email=f"siti-{width}@example.id")
    assert order.number in page.content() and "0011-2233-44" in page.content()
    screenshot(page, f"order-confirmation-{width}")
    return order


def test_whole_journey_in_chromium(live_server, new_page, screenshot, artisan, artisan_user,
                                   curator):
    base = live_server.url
    artisan_page = new_page(PHONE)
    log_in(artisan_page, base, artisan_user.email)
    product = artisan_creates_and_submits(artisan_page, base, screenshot)

    curator_page = new_page(DESKTOP)
    log_in(curator_page, base, curator.user.email)
    curator_approves(curator_page, base, product, screenshot)

    phone_order = buyer_orders_as_guest(new_page(PHONE), base, product, screenshot, "phone")
    desktop_order = buyer_orders_as_guest(new_page(DESKTOP), base, product, screenshot,
                                          "desktop")
    for order in (phone_order, desktop_order):
        assert order.status == "Awaiting payment"
        assert [line.product for line in order.lines.all()] == [product]

    artisan_page.goto(f"{base}/dashboard/artisan/orders/")
    screenshot(artisan_page, "artisan-order-lines-phone")
    content = artisan_page.content()
    assert phone_order.number in content and desktop_order.number in content
    stock = product.stockrecords.get()
    assert stock.num_allocated == 2
