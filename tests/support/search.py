"""A known catalogue for the search tests: drafts with their craft options, published
through the curation services, on whichever backend the test runs."""
from decimal import Decimal

from catalogue.models import AttributeOption, Product, ProductAttribute
from curation import services
from tests import factories


def publish(product: Product) -> Product:
    """Approve `product` through the curation services, as the shop does."""
    artisan_user = product.artisan.partner.users.first()
    curator = factories.CuratorFactory(regions=[product.artisan.region])
    services.submission_submit(product_id=product.pk, user=artisan_user)
    services.submission_claim(product_id=product.pk, user=curator.user)
    return services.submission_approve(product_id=product.pk, user=curator.user)


def option_attribute(product_class, code: str, options: list[str]) -> ProductAttribute:
    """The craft's option attribute (catalogue/crafts.py installs them), made if missing."""
    existing = ProductAttribute.objects.filter(product_class=product_class, code=code).first()
    if existing is not None:
        assert set(options) <= set(existing.option_group.options.values_list("option", flat=True))
        return existing
    group = factories.AttributeOptionGroupFactory(options=options)
    return factories.ProductAttributeFactory(
        product_class=product_class, code=code, name=code.title(),
        type=ProductAttribute.OPTION, option_group=group,
    )


def draft(title: str, *, artisan, product_class, price: str, description: str,
          categories=(), **options) -> Product:
    """A draft product with its craft options (code=option value) and categories."""
    product = factories.ProductFactory(
        title=title, artisan=artisan, product_class=product_class, description=description,
        stock=(Decimal(price), 3),
    )
    for code, value in options.items():
        attribute = ProductAttribute.objects.get(product_class=product_class, code=code)
        setattr(product.attr, code, AttributeOption.objects.get(
            group=attribute.option_group, option=value))
    if options:
        product.attr.save()
    product.categories.add(*categories)
    return product


class Catalogue:
    """Four published products in three regions, and three that must never be found."""

    def __init__(self):
        bojonegoro = factories.RegionFactory(name="Bojonegoro", slug="bojonegoro")
        lumajang = factories.RegionFactory(name="Lumajang", slug="lumajang")
        bangka = factories.RegionFactory(name="Bangka Barat", slug="bangka-barat")
        self.sekar = factories.ArtisanFactory(name="Sekar Jati", slug="sekar-jati",
                                              region=bojonegoro)
        self.pandan = factories.ArtisanFactory(name="Pandan Lestari", slug="pandan-lestari",
                                               region=lumajang)
        self.timah = factories.ArtisanFactory(name="Timah Karya", slug="timah-karya",
                                              region=bangka)
        batik = factories.ProductClassFactory(name="Batik", slug="batik")
        option_attribute(batik, "technique", ["tulis", "cap"])
        option_attribute(batik, "dye", ["natural", "synthetic"])
        anyaman = factories.ProductClassFactory(name="Anyaman", slug="anyaman")
        option_attribute(anyaman, "material", ["pandan", "rattan"])
        pewter = factories.ProductClassFactory(name="Pewter", slug="pewter")
        self.kain = factories.CategoryFactory(name="Kain")
        self.kain_batik = self.kain.add_child(name="Kain Batik")
        self.tas = factories.CategoryFactory(name="Tas")
        self.tulis = publish(draft(
            "Kain Batik Tulis Sekar Jagad", artisan=self.sekar, product_class=batik,
            price="1250000", categories=[self.kain_batik], technique="tulis", dye="natural",
            description="Batik tulis pewarna alam dari Bojonegoro. "
                        "Hand-drawn batik cloth with natural dyes.",
        ))
        self.cap = publish(draft(
            "Selendang Batik Cap Parang", artisan=self.sekar, product_class=batik,
            price="350000", categories=[self.kain_batik], technique="cap", dye="synthetic",
            description="Selendang batik cap. A stamped batik scarf.",
        ))
        self.tas_pandan = publish(draft(
            "Tas Anyaman Pandan", artisan=self.pandan, product_class=anyaman, price="185000",
            categories=[self.tas], material="pandan",
            description="Tas anyaman daun pandan. A woven pandan leaf bag.",
        ))
        self.kapal = publish(draft(
            "Miniatur Kapal Pinisi", artisan=self.timah, product_class=pewter,
            price="2750000", description="Pewter gift: a miniature ship from Bangka tin.",
        ))
        self.hidden_draft = draft(
            "Kain Batik Tulis Rahasia Draf", artisan=self.sekar, product_class=batik,
            price="900000", categories=[self.kain_batik], technique="tulis",
            description="Batik tulis rahasia.",
        )
        self.hidden_submitted = draft(
            "Kain Batik Tulis Rahasia Diajukan", artisan=self.sekar, product_class=batik,
            price="900000", categories=[self.kain_batik], description="Batik tulis rahasia.",
        )
        services.submission_submit(
            product_id=self.hidden_submitted.pk,
            user=self.sekar.partner.users.first(),
        )
        self.hidden_delisted = publish(draft(
            "Kain Batik Tulis Rahasia Ditarik", artisan=self.sekar, product_class=batik,
            price="900000", categories=[self.kain_batik], description="Batik tulis rahasia.",
        ))
        curator = factories.CuratorFactory(regions=[self.sekar.region])
        services.product_delist(product_id=self.hidden_delisted.pk, user=curator.user,
                                note="Motif meniru karya lain.")
        self.public = [self.tulis, self.cap, self.tas_pandan, self.kapal]
        self.hidden = [self.hidden_draft, self.hidden_submitted, self.hidden_delisted]
