import oscar.apps.wishlists.apps as apps


class WishlistsConfig(apps.WishlistsConfig):
    """Oscar's wishlists app, forked: Oscar's ready() loads the shared wish list page
    from wishlists/views.py; the buyer's own pages are the customer fork's
    (customer/wishlists/views.py)."""

    name = "wishlists"
