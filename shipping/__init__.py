"""Oscar's shipping app, forked: the shipping methods and the provinces of Indonesia.

May import: core.
"""

default_app_config = 'shipping.apps.ShippingConfig'
