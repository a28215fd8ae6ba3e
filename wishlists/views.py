"""The shared wish list page (/wishlists/<key>/), without the products that are no
longer public.

Oscar's WishlistsConfig.ready() loads WishListView with
get_class("wishlists.views", "WishListView"), which finds this module of the fork.
The buyer's own wish list pages under /accounts/ are the customer app's
(customer/wishlists/views.py).
"""
from django.conf import settings
from django.core.paginator import Paginator
from oscar.apps.wishlists import views as oscar_views

from wishlists.selectors import wishlist_lines_visible


class WishListView(oscar_views.WishListView):
    """A shared wish list, without the products that are no longer public."""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        paginator = Paginator(
            wishlist_lines_visible(wishlist=self.object), settings.OSCAR_PRODUCTS_PER_PAGE
        )
        ctx["paginator"] = paginator
        ctx["page_obj"] = paginator.get_page(self.request.GET.get("page"))
        return ctx
