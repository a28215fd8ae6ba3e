"""The artisan's product writes: create, edit, price and stock, photos, and who may do them."""
from decimal import Decimal

import pytest

from catalogue import services

from artisans.portal import services as portal_services
from catalogue.errors import ContentLocked, InvalidPhoto, InvalidValue, NotOwner
from catalogue.models import Product, ProductAttribute, ProductImage
from curation.models import CurationEvent
from catalogue.states import CurationState
from partner.models import StockRecord
from tests.factories import (
    ArtisanFactory, AttributeOptionGroupFactory, CategoryFactory, ProductAttributeFactory,
    ProductClassFactory, UserFactory, published_product,
)
from tests.support.photos import photo_upload, text_renamed_jpg

pytestmark = pytest.mark.django_db


@pytest.fixture
def craft():
    craft = ProductClassFactory(name="Kriya Uji Portal")
    ProductAttributeFactory(product_class=craft, code="motif", name="Motif", required=True)
    ProductAttributeFactory(
        product_class=craft, code="bahan", name="Bahan", type=ProductAttribute.OPTION,
        option_group=AttributeOptionGroupFactory(options=["Katun", "Sutra"]),
    )
    ProductAttributeFactory(
        product_class=craft, code="panjang_cm", name="Panjang (cm)", type=ProductAttribute.INTEGER,
    )
    return craft


@pytest.fixture
def category():
    return CategoryFactory(name="Kain")


def _silk(craft):
    return craft.attributes.get(code="bahan").option_group.options.get(option="Sutra")


def _create(artisan, user, craft, category, **overrides):
    kwargs = dict(
        artisan=artisan, user=user, product_class=craft, title="Tenun Cual Bangka",
        description="Ditenun dengan benang emas.", category=category,
        price=Decimal("2750000"), num_in_stock=3,
        attributes={"motif": "Kembang Kundur", "bahan": _silk(craft), "panjang_cm": 200},
    )
    kwargs.update(overrides)
    return portal_services.product_create(**kwargs)


def test_create_writes_a_private_draft_with_stock_attributes_category_and_event(
    artisan, artisan_user, craft, category
):
    product = _create(artisan, artisan_user, craft, category, photos=[photo_upload()])

    product = Product.objects.get(pk=product.pk)
    assert (product.artisan, product.product_class) == (artisan, craft)
    assert product.curation_state == CurationState.DRAFT
    assert product.is_public is False
    assert product.slug == "tenun-cual-bangka"
    assert list(product.categories.all()) == [category]
    assert product.attr.motif == "Kembang Kundur"
    assert product.attr.bahan == _silk(craft)
    assert product.attr.panjang_cm == 200

    record = StockRecord.objects.get(product=product)
    assert record.partner == artisan.partner
    assert record.partner_sku
    assert (record.price, record.price_currency, record.num_in_stock) == (
        Decimal("2750000"), "IDR", 3
    )
    [image] = product.images.all()
    assert image.original.name.endswith(".jpg") and image.display_order == 0

    [event] = product.curation_events.all()
    assert (event.kind, event.from_state, event.to_state, event.actor) == (
        CurationEvent.Kind.CREATED, "", "draft", artisan_user
    )


@pytest.mark.parametrize("who", ["other_artisan", "buyer"])
def test_create_for_an_artisan_the_user_does_not_belong_to_is_refused(
    who, artisan, craft, category
):
    user = (ArtisanFactory(region=artisan.region).partner.users.get() if who == "other_artisan"
            else UserFactory())
    with pytest.raises(NotOwner):
        _create(artisan, user, craft, category)
    assert not Product.objects.exists()
    assert not CurationEvent.objects.exists()


def test_create_with_a_refused_photo_writes_nothing_and_names_the_file(
    artisan, artisan_user, craft, category
):
    with pytest.raises(InvalidPhoto, match="catatan.jpg"):
        _create(artisan, artisan_user, craft, category,
                photos=[photo_upload(), text_renamed_jpg("catatan.jpg")])
    assert not Product.objects.exists()
    assert not ProductImage.objects.exists()


@pytest.mark.parametrize("price", [Decimal("1250000.50"), 0, -5, "abc"])
def test_create_refuses_a_price_that_is_not_whole_positive_rupiah(
    price, artisan, artisan_user, craft, category
):
    with pytest.raises(InvalidValue):
        _create(artisan, artisan_user, craft, category, price=price)
    assert not Product.objects.exists()


def test_create_refuses_a_missing_required_attribute_and_an_unknown_one(
    artisan, artisan_user, craft, category
):
    with pytest.raises(InvalidValue, match="motif"):
        _create(artisan, artisan_user, craft, category, attributes={"motif": ""})
    with pytest.raises(InvalidValue, match="warna"):
        _create(artisan, artisan_user, craft, category,
                attributes={"motif": "Bebek", "warna": "merah"})
    assert not Product.objects.exists()


def test_update_of_a_draft_changes_content_price_and_stock(
    artisan, artisan_user, craft, category
):
    product = _create(artisan, artisan_user, craft, category)
    other_category = CategoryFactory(name="Selendang")

    portal_services.product_update(
        product=product, user=artisan_user, title="Selendang Cual", description="Baru.",
        category=other_category, price=300000, num_in_stock=0,
        attributes={"motif": "Bunga", "bahan": None, "panjang_cm": None},
        photos=[photo_upload("a.png", "PNG"), photo_upload("b.webp", "WEBP")],
    )

    product = Product.objects.get(pk=product.pk)
    assert (product.title, product.description, product.curation_state) == (
        "Selendang Cual", "Baru.", CurationState.DRAFT
    )
    assert list(product.categories.all()) == [other_category]
    assert product.attr.motif == "Bunga"
    assert not product.attribute_values.filter(attribute__code__in=["bahan", "panjang_cm"]).exists()
    record = product.stockrecords.get()
    assert (record.price, record.num_in_stock) == (Decimal("300000"), 0)
    assert [i.original.name.rsplit(".", 1)[1] for i in product.images.all()] == ["png", "webp"]


def test_update_of_an_approved_products_content_is_refused_but_price_and_stock_change():
    product = published_product(title="Pewter Bangka")
    user = product.artisan.partner.users.get()

    with pytest.raises(ContentLocked):
        portal_services.product_update(
            product=product, user=user, title="Diganti", description="x",
            category=CategoryFactory(), price=1, num_in_stock=1, attributes={},
        )
    with pytest.raises(ContentLocked):
        portal_services.product_image_add(product=product, user=user, file=photo_upload())

    portal_services.product_stock_update(product=product, user=user, price=990000, num_in_stock=7)

    product.refresh_from_db()
    assert (product.title, product.curation_state, product.is_public) == (
        "Pewter Bangka", CurationState.APPROVED, True
    )
    assert not product.images.exists()
    record = product.stockrecords.get()
    assert (record.price, record.num_in_stock) == (Decimal("990000"), 7)


def test_writes_on_another_artisans_product_are_refused(product):
    intruder = ArtisanFactory(region=product.artisan.region).partner.users.get()
    image = portal_services.product_image_add(
        product=product, user=product.artisan.partner.users.get(), file=photo_upload()
    )
    with pytest.raises(NotOwner):
        portal_services.product_update(
            product=product, user=intruder, title="Curian", description="x",
            category=CategoryFactory(), price=1, num_in_stock=1, attributes={},
        )
    with pytest.raises(NotOwner):
        portal_services.product_stock_update(product=product, user=intruder, price=1, num_in_stock=0)
    with pytest.raises(NotOwner):
        portal_services.product_image_add(product=product, user=intruder, file=photo_upload())
    with pytest.raises(NotOwner):
        portal_services.product_image_delete(image=image, user=intruder)

    product.refresh_from_db()
    assert product.title.startswith("Kain Batik Tulis")
    assert product.stockrecords.get().price == Decimal("1250000")
    assert list(product.images.all()) == [image]


def test_photos_are_judged_by_content_and_limited_in_number_size_and_pixels(
    product, artisan_user, monkeypatch
):
    for accepted in (photo_upload("a.jpg"), photo_upload("b.png", "PNG"),
                     photo_upload("c.webp", "WEBP")):
        services.photo_check(file=accepted)
    for refused in (text_renamed_jpg("teks.jpg"), photo_upload("anim.gif", "GIF")):
        with pytest.raises(InvalidPhoto, match=refused.name):
            services.photo_check(file=refused)

    monkeypatch.setattr(services, "MAX_PHOTO_PIXELS", 100)
    with pytest.raises(InvalidPhoto, match="besar.jpg"):
        services.photo_check(file=photo_upload("besar.jpg", size=(20, 20)))
    monkeypatch.setattr(services, "MAX_PHOTO_BYTES", 10)
    with pytest.raises(InvalidPhoto, match="berat.jpg"):
        services.photo_check(file=photo_upload("berat.jpg"))
    monkeypatch.undo()

    for n in range(services.MAX_PHOTOS):
        portal_services.product_image_add(product=product, user=artisan_user, file=photo_upload(f"{n}.jpg"))
    with pytest.raises(InvalidPhoto):
        portal_services.product_image_add(product=product, user=artisan_user, file=photo_upload())
    assert product.images.count() == services.MAX_PHOTOS


def test_image_delete_removes_the_row_and_the_file_after_commit(
    product, artisan_user, django_capture_on_commit_callbacks
):
    image = portal_services.product_image_add(product=product, user=artisan_user, file=photo_upload())
    storage, name = image.original.storage, image.original.name
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        portal_services.product_image_delete(image=image, user=artisan_user)

    assert not product.images.exists()
    assert not storage.exists(name)


def test_a_submitted_products_photos_cannot_be_deleted(product, artisan_user):
    from curation.services import submission_submit

    image = portal_services.product_image_add(product=product, user=artisan_user, file=photo_upload())
    submission_submit(product_id=product.pk, user=artisan_user)
    with pytest.raises(ContentLocked):
        portal_services.product_image_delete(image=image, user=artisan_user)
    assert product.images.count() == 1



def test_price_and_stock_changes_are_recorded_with_who_and_what(product, artisan_user):
    from curation.models import CurationEvent

    portal_services.product_stock_update(product=product, user=artisan_user, price=1500000,
                                  num_in_stock=5)
    portal_services.product_stock_update(product=product, user=artisan_user, price=1500000,
                                  num_in_stock=5)  # no change: nothing recorded
    recorded = [(e.kind, e.note, e.actor) for e in product.curation_events.all()]
    assert recorded == [(CurationEvent.Kind.PRICE_CHANGED, "1250000 → 1500000", artisan_user)]
