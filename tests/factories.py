"""factory_boy factories for every model the tests build, in one place."""
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils.text import slugify
from oscar.apps.partner.models import StockRecord

from catalogue.models import Artisan, Category, Product, ProductClass, Region
from curation.models import Curator
from partner.models import Partner

PASSWORD = "rahasia-uji-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.id")
    first_name = factory.Faker("first_name", locale="id_ID")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Wilayah {n}")
    kind = Region.Kind.KABUPATEN
    province = "Jawa Timur"
    slug = factory.LazyAttribute(lambda r: slugify(f"{r.kind} {r.name}"))


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Usaha {n}")


class ArtisanFactory(factory.django.DjangoModelFactory):
    """A verified artisan business with one login (`artisan.partner.users.first()`)."""

    class Meta:
        model = Artisan
        skip_postgeneration_save = True

    partner = factory.SubFactory(PartnerFactory)
    name = factory.LazyAttribute(lambda a: a.partner.name)
    slug = factory.LazyAttribute(lambda a: slugify(a.name))
    region = factory.SubFactory(RegionFactory)
    story_id = "Kisah perajin."
    story_en = "The artisan's story."
    nib = "1234567890123"
    is_verified = True

    @factory.post_generation
    def login(obj, create, extracted, **kwargs):
        if create:
            obj.partner.users.add(extracted or UserFactory())


class CuratorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Curator
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)

    @factory.post_generation
    def regions(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.regions.set(extracted)


class ProductClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductClass
        django_get_or_create = ("slug",)

    name = "Batik"
    slug = factory.LazyAttribute(lambda c: slugify(c.name))
    requires_shipping = True
    track_stock = True


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Kriya {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.add_root(**kwargs)


class ProductFactory(factory.django.DjangoModelFactory):
    """A standalone draft product of an artisan, with one stock record."""

    class Meta:
        model = Product
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Kain Batik Tulis {n}")
    description = "Batik tulis pewarna alam."
    product_class = factory.SubFactory(ProductClassFactory)
    artisan = factory.SubFactory(ArtisanFactory)
    structure = Product.STANDALONE

    @factory.post_generation
    def stock(obj, create, extracted, **kwargs):
        if create:
            price, num_in_stock = extracted or (Decimal("1250000"), 5)
            StockRecord.objects.create(
                product=obj, partner=obj.artisan.partner, partner_sku=f"SKU-{obj.pk}",
                price=price, num_in_stock=num_in_stock,
            )


def published_product(**kwargs) -> Product:
    """A product taken through the real curation services to approval."""
    from curation import services

    product = ProductFactory(**kwargs)
    artisan_user = product.artisan.partner.users.first()
    curator = CuratorFactory(regions=[product.artisan.region])
    services.submission_submit(product_id=product.pk, user=artisan_user)
    services.submission_claim(product_id=product.pk, user=curator.user)
    return services.submission_approve(product_id=product.pk, user=curator.user)
