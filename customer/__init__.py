"""Oscar's customer app, forked: sign-in and sign-up with the security backends,
the wish list and stock alert pages of the shop (customer/views.py and the
packages below it). Loaded by Oscar's get_class in place of Oscar's classes."""
