"""The craft product classes, their attributes and a category tree per craft.

The data is catalogue/crafts.py's CRAFTS table; installing it is idempotent.
"""
from django.db import migrations

from catalogue.crafts import craft_catalogue_install


def install(apps, schema_editor):
    craft_catalogue_install(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("catalogue", "0033_region_product_curated_by_product_curation_state_and_more"),
    ]

    operations = [
        # Reversing keeps the rows: products may already belong to these classes.
        migrations.RunPython(install, migrations.RunPython.noop),
    ]
