"""Indonesia as the shipping country: addresses at checkout are Indonesian."""
from django.db import migrations

INDONESIA = {
    "iso_3166_1_a3": "IDN",
    "iso_3166_1_numeric": "360",
    "printable_name": "Indonesia",
    "name": "Republic of Indonesia",
    "is_shipping_country": True,
    # Oscar lists countries by descending display_order: Indonesia first.
    "display_order": 100,
}


def add_indonesia(apps, schema_editor):
    Country = apps.get_model("address", "Country")
    country, created = Country.objects.get_or_create(iso_3166_1_a2="ID", defaults=INDONESIA)
    if not created and not country.is_shipping_country:
        country.is_shipping_country = True
        country.save(update_fields=["is_shipping_country"])


class Migration(migrations.Migration):
    dependencies = [
        ("address", "0007_useraddress_code"),
        ("shipping", "0003_auto_20181115_1953"),
    ]

    # Reversing leaves the row: orders and address books point at it.
    operations = [migrations.RunPython(add_indonesia, migrations.RunPython.noop)]
