"""A new wish list form sent twice (a double click) makes one list, with its product once."""
import pytest
from django.urls import reverse

from core.form_tokens.services import form_token_new
from tests.factories import UserFactory, published_product
from wishlists.models import WishList

pytestmark = pytest.mark.django_db


def test_the_new_wish_list_form_sent_twice_makes_one_list_with_the_product_once(client):
    # Given a buyer's new wish list form, started from a published product
    buyer = UserFactory()
    client.force_login(buyer)
    product = published_product()
    url = reverse("customer:wishlists-create-with-product", kwargs={"product_pk": product.pk})
    data = {"name": "Hadiah", "visibility": WishList.PRIVATE, "form_token": form_token_new(),
            "shared_emails-TOTAL_FORMS": "0", "shared_emails-INITIAL_FORMS": "0"}

    # When it is sent twice
    first = client.post(url, data)
    second = client.post(url, data)

    # Then one list holds the product once, and both answers lead to it
    wishlist = buyer.wishlists.get()
    assert wishlist.lines.get().product == product and wishlist.lines.get().quantity == 1
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == wishlist.get_absolute_url()


def test_the_form_renders_its_token_hidden(client):
    client.force_login(UserFactory())

    page = client.get(reverse("customer:wishlists-create")).content.decode()

    assert 'type="hidden" name="form_token"' in page
