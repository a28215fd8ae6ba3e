"""The demo marketplace: regions, artisans, accounts and products in every curation state.

Loaded by `manage.py load_demo_crafts`; see loader.demo_load. The data lives in
places (regions, businesses), accounts (logins and passwords), designs (what each
craft's products are like) and specs (each product, from the seed alone).

May import: core, partner, catalogue, search, curation, artisans.
"""
