"""The product form on a phone: refusals keep what was typed and the accepted photos;
photo order; GPS gone from every stored file; renditions and their fallback on pages."""

import pytest
from django.urls import reverse

from catalogue import photos, services

from artisans.portal import services as portal_services
from catalogue.photo_storage import product_photos_follow
from catalogue.models import Product
from curation import evidence, revisions
from curation.models import RevisionImage
from catalogue.states import CurationState
from search.indexing import products_index_after_change
from core.storages import private_storage
from tests.factories import ArtisanFactory, CriterionFactory, ProductFactory
from tests.support.photos import photo_upload
from tests.support.photos import REFUSALS, exif_of, gps_jpeg

from tests.integration.artisans.portal.helpers import create_url, product_post

pytestmark = pytest.mark.django_db

TYPED = {"title": "Judul Diketik di Ponsel", "description": "Deskripsi panjang yang diketik.",
         "attr_motif": "Parang Rusak", "price": "1850000", "num_in_stock": "4"}


def _stored_exif(field) -> dict:
    with field.storage.open(field.name) as stored:
        return exif_of(stored.read())


@pytest.mark.parametrize("case", list(REFUSALS))
def test_each_refusal_gives_its_message_keeps_the_form_and_the_accepted_photo(
    case, artisan_client, artisan, craft, category
):
    build, why = REFUSALS[case]
    refused = build()
    data = product_post(craft, category, **TYPED)
    data["photos"] = [photo_upload("baik.jpg"), refused]

    artisan_client.cookies["django_language"] = "en"  # the messages are read in English
    response = artisan_client.post(create_url(craft), data)

    assert response.status_code == 200
    assert not Product.objects.filter(title=TYPED["title"]).exists()
    errors = response.context["form"].errors["photos"]
    assert any(f"“{refused.name}”" in e and why in e for e in errors), errors
    content = response.content.decode()
    for value in (TYPED["title"], TYPED["attr_motif"], TYPED["price"], TYPED["num_in_stock"]):
        assert f'value="{value}"' in content
    assert TYPED["description"] in content
    # the accepted photo is kept, stripped, under the artisan's pending folder
    [kept] = response.context["kept_photos"]
    assert kept.name == "baik.jpg" and kept.path.startswith(f"pending-photos/{artisan.pk}/")
    assert private_storage().exists(kept.path)
    assert f'value="{kept.token}" checked' in content


def test_the_next_post_uses_the_kept_photo_first_and_removes_it_from_pending(
    artisan_client, artisan, craft, category, django_capture_on_commit_callbacks
):
    data = product_post(craft, category, **TYPED)
    data["photos"] = [gps_jpeg("pertama.jpg"), REFUSALS["svg"][0]()]
    [kept] = artisan_client.post(create_url(craft), data).context["kept_photos"]

    data = product_post(craft, category, **TYPED)
    data.update(kept_photos=[kept.token], photos=[photo_upload("kedua.png", "PNG")])
    with django_capture_on_commit_callbacks(execute=True):
        response = artisan_client.post(create_url(craft), data)

    product = Product.objects.get(title=TYPED["title"])
    assert response.status_code == 302
    images = list(product.images.order_by("display_order"))
    assert [i.original.name.rsplit(".", 1)[1] for i in images] == ["jpg", "png"]
    assert _stored_exif(images[0].original)["exif"] == {}
    assert not private_storage().exists(kept.path)
    # the renditions were made once the product was committed (eager Celery)
    assert all(set(i.renditions) == set(photos.RENDITIONS) for i in images)


def test_another_artisans_kept_photo_token_is_ignored(artisan_client, craft, category):
    stranger = ArtisanFactory()
    content, _ext = services.photo_prepare(file=photo_upload("curian.jpg"))
    theirs = photos.pending_photo_save(artisan_id=stranger.pk, content=content)
    data = product_post(craft, category, **TYPED)
    data.update(kept_photos=[theirs.token, "rusak:token"])

    response = artisan_client.post(create_url(craft), data)

    assert response.status_code == 302
    assert Product.objects.get(title=TYPED["title"]).images.count() == 0
    assert private_storage().exists(theirs.path)


def test_gps_is_gone_from_product_revision_and_evidence_photos(
    artisan_client, artisan, artisan_user, craft, category
):
    draft = portal_services.product_create(
        artisan=artisan, user=artisan_user, product_class=craft, title="Batik", description="",
        category=category, price=100000, num_in_stock=1, attributes={"motif": "Kawung"},
        photos=[gps_jpeg("a.jpg")],
    )
    live = ProductFactory(artisan=artisan, curation_state=CurationState.APPROVED,
                          is_public=True)
    revisions.revision_propose(product_id=live.pk, user=artisan_user, title="Baru",
                               description="", category=None, attributes={},
                               photos=[gps_jpeg("b.jpg")])
    criterion = CriterionFactory(asks_evidence=True)
    proof = evidence.evidence_add(product_id=draft.pk, user=artisan_user,
                                  criterion_id=criterion.pk, image=gps_jpeg("c.jpg"))
    stored = [draft.images.get().original, RevisionImage.objects.get().original, proof.image]

    for field in stored:
        found = _stored_exif(field)
        assert found["exif"] == {} and found["size"] == (40, 80), field.name


def test_the_artisan_chooses_the_main_photo_and_moves_photos(
    artisan_client, artisan_user, product
):
    first, second, third = (
        portal_services.product_image_add(product=product, user=artisan_user, file=photo_upload(n))
        for n in ("1.jpg", "2.jpg", "3.jpg")
    )
    move = lambda image, how: artisan_client.post(  # noqa: E731
        reverse("portal-product-photo-move", args=[product.pk, image.pk]), {"move": how})

    assert move(third, "main").status_code == 302
    assert list(product.images.values_list("pk", flat=True)) == [third.pk, first.pk, second.pk]
    assert Product.objects.get(pk=product.pk).primary_image().pk == third.pk
    move(second, "earlier")
    assert list(product.images.values_list("pk", flat=True)) == [third.pk, second.pk, first.pk]
    move(third, "later")
    assert list(product.images.values_list("pk", flat=True)) == [second.pk, third.pk, first.pk]


def test_photos_of_a_submitted_product_cannot_be_reordered(artisan_client, artisan_user, product):
    first, second = (portal_services.product_image_add(product=product, user=artisan_user,
                                                file=photo_upload()) for _ in range(2))
    Product.objects.filter(pk=product.pk).update(curation_state=CurationState.SUBMITTED)

    artisan_client.post(reverse("portal-product-photo-move", args=[product.pk, second.pk]),
                        {"move": "main"})

    assert list(product.images.values_list("pk", flat=True)) == [first.pk, second.pk]


def test_another_artisans_photo_cannot_be_moved(artisan_client, other_region):
    theirs = ProductFactory(artisan=ArtisanFactory(region=other_region))
    image = theirs.images.create(original=photo_upload())

    response = artisan_client.post(
        reverse("portal-product-photo-move", args=[theirs.pk, image.pk]), {"move": "main"})

    assert response.status_code == 404


def test_card_and_gallery_render_before_and_after_the_renditions(client, artisan, artisan_user):
    product = ProductFactory(artisan=artisan)
    image = portal_services.product_image_add(product=product, user=artisan_user,
                                       file=photo_upload(size=(900, 600)))
    Product.objects.filter(pk=product.pk).update(curation_state=CurationState.APPROVED,
                                                 is_public=True)
    # Published behind the services' back: the search index is told, and the photo moved
    # to the public storage, as they would do after commit.
    products_index_after_change(product_ids=[product.pk])
    product_photos_follow(product_id=product.pk)
    pages = (product.get_absolute_url(), reverse("catalogue:index"))

    for url in pages:
        before = client.get(url).content.decode()
        assert "/media/cache/" in before and "renditions/" not in before

    photos.product_image_renditions_make(image_id=image.pk)
    detail, listing = (client.get(url).content.decode() for url in pages)
    assert f"/media/renditions/{image.pk}/card.jpg" in detail
    assert f'srcset="/media/renditions/{image.pk}/card_webp.webp"' in listing
