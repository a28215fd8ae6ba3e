"""Oscar's catalogue app, forked: what is for sale and who makes it.

Owns: products and their photos (photos.py, photo_storage.py), crafts (product
classes, crafts.py), categories, regions and artisan businesses (models.py), the
content primitives every writer of a product uses (services.py), the curation
states a product can be in (states.py, moved by curation), portraits, stock alerts
and reviews, and the storefront's home, region list and product pages.

May import: core, partner.
"""

default_app_config = 'catalogue.apps.CatalogueConfig'
