"""The stock-alert form, with a one-time token: sent twice, one alert and one email.

The product page (catalogue/views.py) shows it and the customer app's alert pages
(customer/alerts/views.py, loaded by Oscar's get_class) handle it; it lives here,
below both, so that the catalogue needs nothing of the customer app. Oscar's form
finds its model (the customer app's ProductAlert) with get_model.
"""
from oscar.apps.customer.forms import ProductAlertForm as OscarProductAlertForm

from core.form_tokens.forms import FormTokenMixin

#: The stock-alert form's one-time token (core.form_tokens).
ALERT_FORM_KIND = "customer.productalert"


class ProductAlertForm(FormTokenMixin, OscarProductAlertForm):
    """Oscar's stock-alert form with a one-time token: sent twice, one alert and one email."""
