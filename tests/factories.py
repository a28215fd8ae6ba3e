"""factory_boy factories for every model the tests build, in one place."""
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from catalogue.models import Artisan, Category, Product, ProductClass, Region
from curation.models import Criterion, Curator
from partner.models import Partner, StockRecord

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

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        """Tests name the standing as is_verified=False (pending) or with declined_at
        (declined), or as admission_state; the row keeps admission_state, is_verified
        and verified_at in step, as its database constraint wants."""
        declined_at = kwargs.pop("declined_at", None)
        state = kwargs.get("admission_state") or (
            Artisan.AdmissionState.VERIFIED if kwargs.get("is_verified")
            else Artisan.AdmissionState.DECLINED if declined_at
            else Artisan.AdmissionState.PENDING)
        kwargs["admission_state"] = state
        kwargs["is_verified"] = state == Artisan.AdmissionState.VERIFIED
        kwargs["verified_at"] = (kwargs.get("verified_at") or timezone.now()
                                 if kwargs["is_verified"] else None)
        return kwargs

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


class CriterionFactory(factory.django.DjangoModelFactory):
    """A council criterion; mandatory and for every craft unless told otherwise."""

    class Meta:
        model = Criterion
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"criterion-{n}")
    name_id = factory.Sequence(lambda n: f"Kriteria {n}")
    name_en = factory.Sequence(lambda n: f"Criterion {n}")
    guidance_id = "Periksa dengan teliti."
    guidance_en = "Check carefully."
    is_mandatory = True

    @factory.post_generation
    def crafts(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.crafts.set(extracted)


def published_product(**kwargs) -> Product:
    """A product taken through the real curation services to approval."""
    from curation import services

    product = ProductFactory(**kwargs)
    artisan_user = product.artisan.partner.users.first()
    curator = CuratorFactory(regions=[product.artisan.region])
    services.submission_submit(product_id=product.pk, user=artisan_user)
    services.submission_claim(product_id=product.pk, user=curator.user)
    return services.submission_approve(product_id=product.pk, user=curator.user)


# --- Craft attributes and orders (artisan area tests) -----------------------------
from oscar.core.loading import get_model  # noqa: E402

from catalogue.models import AttributeOption, AttributeOptionGroup, ProductAttribute  # noqa: E402

Country = get_model("address", "Country")
Order = get_model("order", "Order")
OrderLine = get_model("order", "Line")
ShippingAddress = get_model("order", "ShippingAddress")


class AttributeOptionGroupFactory(factory.django.DjangoModelFactory):
    """An option group with the given option names: AttributeOptionGroupFactory(options=[...])."""

    class Meta:
        model = AttributeOptionGroup
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Pilihan {n}")

    @factory.post_generation
    def options(obj, create, extracted, **kwargs):
        if create:
            for option in extracted or ("Katun", "Sutra"):
                AttributeOption.objects.create(group=obj, option=option)


class ProductAttributeFactory(factory.django.DjangoModelFactory):
    """An attribute of a craft; pass type=ProductAttribute.OPTION with option_group for a select."""

    class Meta:
        model = ProductAttribute

    product_class = factory.SubFactory(ProductClassFactory)
    name = factory.Sequence(lambda n: f"Atribut {n}")
    code = factory.Sequence(lambda n: f"atribut_{n}")
    type = ProductAttribute.TEXT
    required = False


def indonesia() -> "Country":
    country, _ = Country.objects.get_or_create(
        iso_3166_1_a2="ID",
        defaults={"iso_3166_1_a3": "IDN", "iso_3166_1_numeric": "360",
                  "printable_name": "Indonesia", "name": "Republic of Indonesia",
                  "is_shipping_country": True},
    )
    return country


class ShippingAddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShippingAddress

    first_name = "Sari"
    last_name = "Wulandari"
    line1 = "Jl. Panglima Sudirman 12"
    line4 = "Bojonegoro"
    state = "Jawa Timur"
    postcode = "62111"
    country = factory.LazyFunction(indonesia)


class OrderFactory(factory.django.DjangoModelFactory):
    """An order row built directly (no basket, no checkout); add lines with OrderLineFactory."""

    class Meta:
        model = Order

    number = factory.Sequence(lambda n: f"PK{100000 + n}")
    currency = "IDR"
    total_incl_tax = Decimal("0")
    total_excl_tax = Decimal("0")
    shipping_incl_tax = Decimal("25000")
    shipping_excl_tax = Decimal("25000")
    shipping_method = "Kurir"
    shipping_address = factory.SubFactory(ShippingAddressFactory)
    status = "Paid"
    guest_email = "pembeli@example.id"


class OrderLineFactory(factory.django.DjangoModelFactory):
    """A line of `order` selling `product` (a ProductFactory product) for its artisan."""

    class Meta:
        model = OrderLine

    order = factory.SubFactory(OrderFactory)
    product = factory.SubFactory(ProductFactory)
    stockrecord = factory.LazyAttribute(lambda line: line.product.stockrecords.first())
    partner = factory.LazyAttribute(lambda line: line.stockrecord.partner)
    partner_name = factory.LazyAttribute(lambda line: line.partner.name)
    partner_sku = factory.LazyAttribute(lambda line: line.stockrecord.partner_sku)
    title = factory.LazyAttribute(lambda line: line.product.title)
    quantity = 1
    unit_price_incl_tax = factory.LazyAttribute(lambda line: line.stockrecord.price)
    unit_price_excl_tax = factory.LazyAttribute(lambda line: line.stockrecord.price)
    line_price_incl_tax = factory.LazyAttribute(lambda line: line.stockrecord.price * line.quantity)
    line_price_excl_tax = factory.LazyAttribute(lambda line: line.line_price_incl_tax)
    line_price_before_discounts_incl_tax = factory.LazyAttribute(
        lambda line: line.line_price_incl_tax
    )
    line_price_before_discounts_excl_tax = factory.LazyAttribute(
        lambda line: line.line_price_incl_tax
    )
    status = "Paid"
    num_allocated = 0
