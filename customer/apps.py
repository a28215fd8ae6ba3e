import oscar.apps.customer.apps as apps


class CustomerConfig(apps.CustomerConfig):
    """Oscar's customer app, forked (label "customer", Oscar's migrations kept).

    Oscar's ready() loads every view of the account pages with
    get_class("customer.<module>", ...), which looks in this fork first, and its
    get_urls() mounts them; so the fork owns its pages by defining classes, with no
    URL overrides and nothing patched from another app:
    - customer/views.py: sign-in and sign-up that pass the request to django-axes;
    - customer/wishlists/views.py: the buyer's wish lists, published products only;
    - customer/alerts/views.py: stock alerts, published products only.
    Every other view is Oscar's.
    """

    name = "customer"
