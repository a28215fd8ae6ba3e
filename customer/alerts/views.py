"""The stock-alert pages of the customer app: the catalogue's (catalogue/alerts.py),
which offer alerts for published products only and carry a one-time token."""
from catalogue.alerts import (  # noqa: F401  loaded by Oscar's get_class
    ProductAlertCancelView,
    ProductAlertConfirmView,
    ProductAlertCreateView,
    ProductAlertListView,
)
