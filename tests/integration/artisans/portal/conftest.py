"""Fixtures of the artisan area's tests: a craft with its attributes, a category, the
artisan's signed-in client, and a product published through curation (`live`)."""
import pytest

from tests.factories import (
    ArtisanFactory, AttributeOptionGroupFactory, CategoryFactory, ProductAttributeFactory,
    ProductClassFactory, ProductFactory,
)
from tests.integration.artisans.portal.helpers import approve
from tests.support.photos import photo_upload


@pytest.fixture
def craft(artisan):
    craft = ProductClassFactory(name="Kriya Uji Portal")
    ProductAttributeFactory(product_class=craft, code="motif", name="Motif", required=True)
    ProductAttributeFactory(
        product_class=craft, code="bahan", name="Bahan", type="option",
        option_group=AttributeOptionGroupFactory(options=["Katun", "Sutra"]),
    )
    artisan.crafts.add(craft)
    return craft


@pytest.fixture
def category():
    return CategoryFactory(name="Kain")


@pytest.fixture
def other_product(other_region):
    return ProductFactory(artisan=ArtisanFactory(region=other_region), title="Milik Orang Lain")


@pytest.fixture
def artisan_client(client, artisan_user):
    client.force_login(artisan_user)
    return client


@pytest.fixture
def owner(artisan):
    return artisan.partner.users.get()


@pytest.fixture
def live(artisan, craft, owner):
    from artisans.portal import services as portal_services

    category = CategoryFactory(name="Selendang")
    cotton = craft.attributes.get(code="bahan").option_group.options.get(option="Katun")
    product = portal_services.product_create(
        artisan=artisan, user=owner, product_class=craft, title="Selendang Cual",
        description="Katun.", category=category, price=500000, num_in_stock=2,
        attributes={"motif": "Kembang Kundur", "bahan": cotton}, photos=[photo_upload()],
    )
    curator_user = approve(product, owner)
    product.refresh_from_db()
    product.curator_user = curator_user
    return product
