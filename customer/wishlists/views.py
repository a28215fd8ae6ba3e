"""The wish list pages of the customer app: the shop's (wishlists/views.py), which
only ever show or add published products."""
from oscar.apps.customer.wishlists.views import *  # noqa: F401,F403  Oscar's others

from wishlists.views import (  # noqa: F401  loaded by Oscar's get_class
    WishListAddProduct,
    WishListCreateView,
    WishListDetailView,
)
