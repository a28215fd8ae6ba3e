"""What the catalogue asks of the apps above it (core.hooks), without importing them.

region_saved(region) and artisan_saved(artisan)
    A region or an artisan business was saved (Region.save, Artisan.save: the admin,
    the maker's profile, a data fix), inside the transaction that saves it. search
    registers the index upkeep: the products' rows hold the region's and the maker's
    names and slugs, and are rewritten when those changed. Fixtures loaded raw do
    not pass through save() and call nothing (the index is rebuilt after).
"""
from core.hooks import Hook

region_saved = Hook("catalogue.region_saved")
artisan_saved = Hook("catalogue.artisan_saved")
