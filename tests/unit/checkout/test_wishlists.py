"""Wish lists hold and show published products only."""
import pytest
from django.urls import resolve, reverse

from catalogue.models import Product
from catalogue.states import CurationState
from tests.factories import UserFactory, published_product
from customer.wishlists import views
from wishlists import views as shared_views
from wishlists.models import WishList

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer(client):
    user = UserFactory()
    client.force_login(user)
    return user


def delist(product):
    # Stands in for the curation delist transition, which only changes these two fields.
    Product.objects.filter(pk=product.pk).update(
        curation_state=CurationState.DELISTED, is_public=False
    )


def test_our_views_serve_oscars_wishlist_urls():
    assert resolve(reverse("customer:wishlists-add-product", kwargs={"product_pk": 1})).func.view_class is views.WishListAddProduct
    assert resolve(reverse("customer:wishlists-detail", kwargs={"key": "k"})).func.view_class is views.WishListDetailView
    assert resolve(reverse("customer:wishlists-create-with-product", kwargs={"product_pk": 1})).func.view_class is views.WishListCreateView
    assert resolve(reverse("wishlists:detail", kwargs={"key": "k"})).func.view_class is shared_views.WishListView


def test_a_draft_cannot_be_added_to_a_wishlist(client, buyer, product):
    response = client.post(reverse("customer:wishlists-add-product", kwargs={"product_pk": product.pk}))

    assert response.status_code == 404
    assert not WishList.objects.filter(owner=buyer, lines__product=product).exists()


def test_a_published_product_is_added_to_the_buyers_wishlist(client, buyer):
    product = published_product()

    response = client.post(reverse("customer:wishlists-add-product", kwargs={"product_pk": product.pk}))

    assert response.status_code == 302
    assert buyer.wishlists.get().lines.get().product == product


def test_creating_a_wishlist_with_a_draft_is_refused(client, buyer, product):
    response = client.post(
        reverse("customer:wishlists-create-with-product", kwargs={"product_pk": product.pk}),
        {"name": "Hadiah", "visibility": WishList.PRIVATE},
    )

    assert response.status_code == 302
    assert not buyer.wishlists.exists()


def test_owner_page_hides_a_product_delisted_since(client, buyer):
    kept, delisted = published_product(), published_product()
    wishlist = buyer.wishlists.create(name="Hadiah")
    wishlist.add(kept)
    wishlist.add(delisted)
    delist(delisted)

    response = client.get(reverse("customer:wishlists-detail", kwargs={"key": wishlist.key}))

    assert response.status_code == 200
    assert [form.instance.product for form in response.context["form"]] == [kept]
    # The line is kept: it shows again if the product is published again.
    assert wishlist.lines.count() == 2


def test_shared_page_hides_a_product_delisted_since(client):
    kept, delisted = published_product(), published_product()
    wishlist = UserFactory().wishlists.create(name="Untuk Ibu", visibility=WishList.PUBLIC)
    wishlist.add(kept)
    wishlist.add(delisted)
    delist(delisted)

    response = client.get(reverse("wishlists:detail", kwargs={"key": wishlist.key}))

    assert response.status_code == 200
    assert [line.product for line in response.context["page_obj"]] == [kept]
