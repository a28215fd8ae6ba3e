"""The account pages of wish lists and stock alerts are the customer fork's views,
loaded by Oscar's get_class from customer/ (no other app patches the customer app)."""
import pytest
from django.apps import apps
from django.urls import resolve, reverse

from customer.alerts import views as alert_views
from customer.wishlists import views as wishlist_views
from wishlists import views as shared_wishlist_views
from wishlists.apps import WishlistsConfig

ACCOUNT_PAGES = [
    ("customer:alerts-list", {}, alert_views.ProductAlertListView),
    ("customer:alert-create", {"pk": 1}, alert_views.ProductAlertCreateView),
    ("customer:alerts-confirm", {"key": "k"}, alert_views.ProductAlertConfirmView),
    ("customer:alerts-cancel-by-key", {"key": "k"}, alert_views.ProductAlertCancelView),
    ("customer:alerts-cancel-by-pk", {"pk": 1}, alert_views.ProductAlertCancelView),
    ("customer:wishlists-add-product", {"product_pk": 1}, wishlist_views.WishListAddProduct),
    ("customer:wishlists-create", {}, wishlist_views.WishListCreateView),
    ("customer:wishlists-create-with-product", {"product_pk": 1},
     wishlist_views.WishListCreateView),
    ("customer:wishlists-detail", {"key": "k"}, wishlist_views.WishListDetailView),
]


@pytest.mark.parametrize(("name", "kwargs", "view"), ACCOUNT_PAGES,
                         ids=[name for name, _, _ in ACCOUNT_PAGES])
def test_the_account_page_is_the_customer_forks_view(name, kwargs, view):
    view_class = resolve(reverse(name, kwargs=kwargs)).func.view_class

    assert view_class is view
    assert view_class.__module__.startswith("customer.")


def test_the_customer_config_loaded_the_forks_views():
    config = apps.get_app_config("customer")

    assert type(config).__module__ == "customer.apps"
    assert config.wishlists_detail_view is wishlist_views.WishListDetailView
    assert config.alert_create_view is alert_views.ProductAlertCreateView
    # the wish list pages we leave as they are stay Oscar's
    assert config.wishlists_list_view.__module__ == "oscar.apps.customer.wishlists.views"


def test_the_shared_wish_list_page_is_the_wishlists_forks_view():
    view_class = resolve(reverse("wishlists:detail", kwargs={"key": "k"})).func.view_class

    assert view_class is shared_wishlist_views.WishListView


def test_the_wishlists_app_changes_no_other_app_when_ready():
    # Oscar's WishlistsConfig.ready() only loads its own view; ours adds nothing.
    assert "ready" not in vars(WishlistsConfig)
