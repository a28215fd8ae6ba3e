"""Photos of a product that is not published are not public (catalogue.photo_storage).

They are kept in the private storage and handed out by the checked view to the
artisan and the region's council only; publishing moves them to the public media
storage, delisting moves them back.
"""
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template import Context, Template
from PIL import Image

from artisans.portal import services as portal_services
from catalogue.models import ProductImage
from curation import revisions, services
from curation.evidence import evidence_add
from curation.models import Evidence
from tests import factories

pytestmark = pytest.mark.django_db


def photo(name: str = "kain.jpg") -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (700, 500), (150, 90, 40)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def files_under(root: str) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in Path(root).rglob("*") if p.is_file())


def addresses(image: ProductImage) -> list[str]:
    image.refresh_from_db()
    return [image.original.url, *(image.original.storage.url(p) for p in image.renditions.values())]


@pytest.fixture
def draft_photo(product, artisan_user, django_capture_on_commit_callbacks) -> ProductImage:
    """A draft's photo, with its renditions made (the task runs after commit)."""
    with django_capture_on_commit_callbacks(execute=True):
        image = portal_services.product_image_add(product=product, user=artisan_user,
                                                     file=photo())
    image.refresh_from_db()
    assert len(image.renditions) == 5
    return image


def publish(product, *, artisan_user, curator, capture) -> None:
    with capture(execute=True):
        services.submission_submit(product_id=product.pk, user=artisan_user)
        services.submission_claim(product_id=product.pk, user=curator.user)
        services.submission_approve(product_id=product.pk, user=curator.user)


def test_a_drafts_photo_and_renditions_are_private_and_a_404_to_a_stranger(client, draft_photo):
    urls = addresses(draft_photo)

    assert all(url.startswith("/private-media/unpublished/") for url in urls)
    assert files_under(settings.MEDIA_ROOT) == []
    assert len(files_under(settings.PRIVATE_MEDIA_ROOT)) == 6
    assert [client.get(url).status_code for url in urls] == [404] * 6


def test_a_drafts_photo_is_sent_to_its_artisan_and_the_regions_curator(
        client, draft_photo, artisan_user, curator):
    for user in (artisan_user, curator.user):
        client.force_login(user)
        response = client.get(draft_photo.original.url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"].startswith("private")
        assert all(client.get(url).status_code == 200 for url in addresses(draft_photo))


def test_a_drafts_photo_is_a_404_to_another_artisan_and_another_regions_curator(
        client, draft_photo, other_curator):
    for user in (factories.ArtisanFactory().partner.users.get(), other_curator.user):
        client.force_login(user)
        assert [client.get(url).status_code for url in addresses(draft_photo)] == [404] * 6


def test_no_public_thumbnail_is_made_of_a_private_photo(draft_photo):
    page = Template(
        '{% load image_tags %}{% oscar_thumbnail image.original "70x70" as thumb %}{{ thumb.url }}'
    ).render(Context({"image": draft_photo}))

    assert page == draft_photo.original.url
    assert files_under(settings.MEDIA_ROOT) == []


def test_after_approval_the_photos_are_public_and_the_private_copies_gone(
        client, product, draft_photo, artisan_user, curator, django_capture_on_commit_callbacks):
    private_urls = addresses(draft_photo)

    publish(product, artisan_user=artisan_user, curator=curator,
            capture=django_capture_on_commit_callbacks)

    public_urls = addresses(draft_photo)
    assert all(url.startswith(settings.MEDIA_URL) for url in public_urls)
    assert len(files_under(settings.MEDIA_ROOT)) == 6
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == []
    assert [client.get(url).status_code for url in private_urls] == [404] * 6
    page = client.get(product.get_absolute_url()).content.decode()
    assert draft_photo.original.url in page and "/private-media/" not in page


def test_delisting_makes_the_photos_private_again(
        client, product, draft_photo, artisan_user, curator, django_capture_on_commit_callbacks):
    publish(product, artisan_user=artisan_user, curator=curator,
            capture=django_capture_on_commit_callbacks)
    public_names = [draft_photo.original.name, *draft_photo.renditions.values()]

    with django_capture_on_commit_callbacks(execute=True):
        services.product_delist(product_id=product.pk, user=curator.user, note="Motif tiruan.")

    urls = addresses(draft_photo)
    assert not any(storages["default"].exists(name) for name in public_names)
    assert files_under(settings.MEDIA_ROOT) == []
    assert [client.get(url).status_code for url in urls] == [404] * 6
    client.force_login(artisan_user)
    assert [client.get(url).status_code for url in urls] == [200] * 6


def test_an_approved_revisions_photo_becomes_a_public_product_photo(
        client, artisan, artisan_user, curator, django_capture_on_commit_callbacks):
    live = factories.published_product(artisan=artisan)
    with django_capture_on_commit_callbacks(execute=True):
        revision = revisions.revision_propose(
            product_id=live.pk, user=artisan_user, title="Judul Baru",
            description=live.description, category=None, attributes={}, photos=[photo()])
        services.submission_claim(product_id=live.pk, user=curator.user)
        services.submission_approve(product_id=live.pk, user=curator.user)

    image = live.images.get()
    assert image.original.url.startswith(settings.MEDIA_URL)
    assert client.get(image.original.url.replace("/media/", "/private-media/")).status_code == 404
    kept = revision.new_images.get()
    assert kept.original.url.startswith("/private-media/curation/revisions/")
    assert client.get(kept.original.url).status_code == 404


def test_the_command_moves_files_stored_publicly_before_and_is_safe_to_run_again(
        product, artisan_user, django_capture_on_commit_callbacks):
    public = storages["default"]
    technique = factories.CriterionFactory(asks_evidence=True, is_mandatory=False)
    proof = evidence_add(product_id=product.pk, user=artisan_user, criterion_id=technique.pk,
                         image=photo())
    # As uploads were stored before the private storage: in MEDIA_ROOT, by the same names.
    old_evidence = public.save("curation/evidence/2025/01/lama.jpg", ContentFile(b"x"))
    Evidence.objects.filter(pk=proof.pk).update(image=old_evidence)
    old_photo = public.save("images/products/2025/01/lama.jpg", ContentFile(b"y"))
    image = ProductImage.objects.create(product=product, original=old_photo)
    old_kept = public.save(f"pending-photos/{product.artisan_id}/lama.jpg", ContentFile(b"z"))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("photos_make_private")
    with django_capture_on_commit_callbacks(execute=True) as second_run:
        call_command("photos_make_private")

    image.refresh_from_db()
    assert image.original.name == f"unpublished/{old_photo}"
    assert files_under(settings.MEDIA_ROOT) == []
    with storages["private"].open(old_evidence) as moved:
        assert moved.read() == b"x"
    with storages["private"].open(old_kept) as moved:
        assert moved.read() == b"z"
    with image.original.open("rb") as moved:
        assert moved.read() == b"y"
    assert second_run == []  # nothing left to move


def test_a_photo_kept_for_a_form_is_private_to_its_business_and_council(
        client, artisan, artisan_user, curator, other_curator):
    from catalogue.photos import pending_photo_save
    from catalogue.services import photo_prepare

    content, _extension = photo_prepare(file=photo("tersimpan.jpg"))
    kept = pending_photo_save(artisan_id=artisan.pk, content=content)

    assert kept.url == f"/private-media/{kept.path}"
    assert files_under(settings.MEDIA_ROOT) == []
    assert client.get(kept.url).status_code == 404
    for refused in (factories.ArtisanFactory().partner.users.get(), other_curator.user):
        client.force_login(refused)
        assert client.get(kept.url).status_code == 404
    for allowed in (artisan_user, curator.user):
        client.force_login(allowed)
        assert client.get(kept.url).status_code == 200


def test_a_file_two_products_share_stays_for_the_published_one(
        artisan, product, django_capture_on_commit_callbacks):
    live = factories.published_product(artisan=artisan)
    shared = storages["default"].save("images/products/demo/bersama.jpg",
                                      ContentFile(photo().read()))
    ProductImage.objects.create(product=live, original=shared)
    ProductImage.objects.create(product=product, original=shared)  # a draft, as the demo has

    with django_capture_on_commit_callbacks(execute=True):
        call_command("photos_make_private")

    assert product.images.get().original.name == f"unpublished/{shared}"
    assert storages["default"].exists(shared)


def test_the_public_record_of_a_delisted_product_shows_no_photo(
        client, product, draft_photo, artisan_user, curator, django_capture_on_commit_callbacks):
    from django.urls import reverse

    publish(product, artisan_user=artisan_user, curator=curator,
            capture=django_capture_on_commit_callbacks)
    product.refresh_from_db()
    record = reverse("curation-verify", args=[product.verify_code])
    assert "data-record-photo" in client.get(record).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.product_delist(product_id=product.pk, user=curator.user, note="Motif tiruan.")

    page = client.get(record).content.decode()
    assert "data-record-photo" not in page and "/private-media/" not in page
