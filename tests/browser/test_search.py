"""Search in a real browser on a phone: a typo, two facets, price order, a product.

Screenshots: test-artifacts/screenshots/search-*.png.
"""
import pytest

from tests.browser.conftest import PHONE
from tests.support.search import Catalogue

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def card_titles(page) -> list[str]:
    return [title.strip() for title in page.locator(".k-card__title a").all_inner_texts()]


def tick(page, facet: str, value: str) -> None:
    """Open a facet's list and tick a value; the form sends itself (data-autosubmit)."""
    details = page.locator(f"details[data-facet='{facet}']")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    with page.expect_navigation():
        details.locator(f"input[value='{value}']").check()


def test_typo_two_facets_price_order_and_a_product_on_a_phone(
    live_server, new_page, screenshot, settings
):
    settings.SEARCH_BACKEND = "database"
    catalogue = Catalogue()
    page = new_page(PHONE)

    # a typo in the header search box still finds the batik
    page.goto(f"{live_server.url}/")
    page.fill("#id_q", "batk")
    with page.expect_navigation():
        page.press("#id_q", "Enter")
    assert sorted(card_titles(page)) == sorted([catalogue.tulis.title, catalogue.cap.title])

    # two facets: a region, then a craft category (the other region's bag is never shown)
    tick(page, "region", "bojonegoro")
    tick(page, "craft", str(catalogue.kain.pk))
    assert "region=bojonegoro" in page.url and f"category={catalogue.kain.pk}" in page.url
    assert page.locator("input[name='region'][value='bojonegoro']").is_checked()
    screenshot(page, "search-facets-phone")

    # dearest first
    with page.expect_navigation():
        page.select_option("#id_sort_by", "price-desc")
    assert card_titles(page) == [catalogue.tulis.title, catalogue.cap.title]
    assert "region=bojonegoro" in page.url and "q=batk" in page.url

    # and the product opens
    with page.expect_navigation():
        page.locator(".k-card__title a").first.click()
    assert page.locator("h1").inner_text().strip() == catalogue.tulis.title
    screenshot(page, "search-product-phone")
