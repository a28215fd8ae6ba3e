"""Oscar's wishlists app, forked: what a wish list is and what of it a buyer may see
(wishlists.forms, wishlists.selectors, wishlists.services) and the shared wish list
page (wishlists/views.py). Owns the wish list models (Oscar's, declared by
wishlists/models.py). The buyer's own wish list pages under /accounts/ are the
customer app's (customer/wishlists/views.py).

May import: core, catalogue.
"""
