"""A buyer reads their order's status in their own language (statuses are stored in English)."""
import pytest
from django.urls import reverse
from oscar.apps.order.models import Order

from tests.factories import UserFactory, published_product
from tests.support.checkout import basket_add, checkout_to_preview, place_order

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language, shown", [("id", "Menunggu pembayaran"),
                                             ("en", "Awaiting payment")])
def test_order_page_shows_the_status_translated(client, language, shown):
    client.force_login(UserFactory())
    basket_add(client, published_product())
    checkout_to_preview(client)
    place_order(client)
    order = Order.objects.get()
    assert order.status == "Awaiting payment"
    client.cookies["django_language"] = language
    page = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    assert page.status_code == 200
    assert f"<p>{shown}</p>" in page.content.decode()
