"""Evidence and revision photos: private storage, handed out only by the checked view.

Evidence is for the council and the artisan; a pending revision's photos are not
public before the council approves them, even when the product itself is.
"""
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from curation import revisions, services
from curation.evidence import evidence_add
from curation.models import Evidence, RevisionImage
from tests import factories

pytestmark = pytest.mark.django_db


def photo(name: str = "bukti.jpg") -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (40, 30), (150, 90, 40)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def files_under(root: str) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in Path(root).rglob("*") if p.is_file())


@pytest.fixture
def proof(product, artisan_user) -> Evidence:
    technique = factories.CriterionFactory(asks_evidence=True, is_mandatory=False)
    return evidence_add(product_id=product.pk, user=artisan_user, criterion_id=technique.pk,
                        image=photo(), caption="Mencanting")


@pytest.fixture
def people(artisan_user, curator, other_curator):
    """Everyone who asks for a private file, by who they are."""
    staff = factories.UserFactory(is_staff=True)
    return {
        "owner": artisan_user,
        "curator of the region": curator.user,
        "superuser": factories.UserFactory(is_superuser=True, is_staff=True),
        "staff": staff,
        "another artisan": factories.ArtisanFactory().partner.users.get(),
        "curator of another region": other_curator.user,
        "buyer": factories.UserFactory(),
    }


ALLOWED = ["owner", "curator of the region", "superuser", "staff"]
REFUSED = ["another artisan", "curator of another region", "buyer"]


def test_evidence_is_stored_outside_media_root_and_its_address_is_the_checked_view(proof):
    assert proof.image.url == f"/private-media/{proof.image.name}"
    assert files_under(settings.MEDIA_ROOT) == []
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == [proof.image.name]


@pytest.mark.parametrize("who", ALLOWED)
def test_evidence_is_sent_to_the_owner_and_the_council(client, proof, people, who):
    client.force_login(people[who])

    response = client.get(proof.image.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"].startswith("private")
    assert response["X-Content-Type-Options"] == "nosniff"
    with proof.image.open("rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()


@pytest.mark.parametrize("who", REFUSED)
def test_evidence_is_a_404_to_anyone_else(client, proof, people, who):
    client.force_login(people[who])

    assert client.get(proof.image.url).status_code == 404


def test_evidence_is_a_404_to_a_stranger_even_once_the_product_is_published(
        client, product, artisan_user, curator, proof):
    services.submission_submit(product_id=product.pk, user=artisan_user)
    services.submission_claim(product_id=product.pk, user=curator.user)
    services.submission_approve(product_id=product.pk, user=curator.user)

    assert client.get(proof.image.url).status_code == 404


def test_the_review_page_and_the_artisans_page_link_evidence_through_the_checked_view(
        client, product, proof, curator, artisan_user):
    client.force_login(curator.user)
    review = client.get(reverse("curation-product", args=[product.pk])).content.decode()
    client.force_login(artisan_user)
    own = client.get(reverse("portal-product-update", args=[product.pk])).content.decode()

    assert f'src="/private-media/{proof.image.name}"' in review
    assert f'src="/private-media/{proof.image.name}"' in own


@pytest.mark.parametrize("address", [
    "/private-media/../../etc/passwd",
    "/private-media/curation/evidence/../../../shop/settings/base.py",
    "/private-media/%2e%2e/%2e%2e/etc/passwd",
    "/private-media//etc/passwd",
    "/private-media/curation/evidence/..%5c..%5cetc%5cpasswd",
])
def test_no_path_leaves_the_private_folder(client, people, address):
    client.force_login(people["superuser"])

    assert client.get(address).status_code == 404


def test_a_file_the_database_does_not_know_is_a_404_even_to_a_superuser(client, people):
    from core.storages import private_storage

    name = private_storage().save("curation/evidence/2026/01/stray.jpg", photo())
    client.force_login(people["superuser"])

    assert client.get(f"/private-media/{name}").status_code == 404


@pytest.fixture
def revision_photo(artisan, artisan_user) -> RevisionImage:
    live = factories.published_product(artisan=artisan, title="Tikar Pandan")
    revision = revisions.revision_propose(
        product_id=live.pk, user=artisan_user, title="Tikar Pandan Baru",
        description=live.description, category=None, attributes={}, photos=[photo("baru.jpg")],
    )
    return revision.new_images.get()


def test_a_pending_revisions_photo_is_private_though_the_product_is_public(
        client, revision_photo, people):
    name = revision_photo.original.name
    assert revision_photo.original.url == f"/private-media/{name}"
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == [name]
    assert client.get(revision_photo.original.url).status_code == 404
    for who in REFUSED:
        client.force_login(people[who])
        assert client.get(revision_photo.original.url).status_code == 404, who
    for who in ALLOWED:
        client.force_login(people[who])
        assert client.get(revision_photo.original.url).status_code == 200, who


def test_the_review_page_shows_a_revisions_photo_through_the_checked_view(
        client, revision_photo, curator):
    client.force_login(curator.user)

    page = client.get(reverse("curation-product", args=[revision_photo.revision.product_id]))

    assert f'src="/private-media/{revision_photo.original.name}"' in page.content.decode()
