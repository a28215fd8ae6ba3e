"""Oscar's customer app, forked: sign-in and sign-up with the security backends,
and the buyer's wish list and stock alert pages (customer/views.py and the packages
below it), loaded by Oscar's get_class in place of Oscar's classes. Owns the account
pages and the customer models (Oscar's, declared by customer/models.py); the stock
alert form is the catalogue's (catalogue/alerts.py), what a wish list is the
wishlists app's.

May import: core, catalogue, wishlists.
"""
