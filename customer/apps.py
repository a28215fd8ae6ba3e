import oscar.apps.customer.apps as apps


class CustomerConfig(apps.CustomerConfig):
    """Oscar's customer app, forked so that Oscar loads customer.* classes from here."""

    name = "customer"
