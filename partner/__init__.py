"""Oscar's partner app, forked: stock records and their locking for checkout.

May import: core.
"""

default_app_config = 'partner.apps.PartnerConfig'
