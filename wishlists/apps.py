import oscar.apps.wishlists.apps as apps


class WishlistsConfig(apps.WishlistsConfig):
    """Oscar's wishlists app, forked; its pages are served by the customer fork
    (customer/wishlists/views.py)."""

    name = "wishlists"
