"""The private storage on S3: signed URLs for the browser's endpoint; the checked view redirects.

boto3 signs without calling S3, so these run without a bucket.
"""
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from curation.models import Evidence
from core.storages import PrivateS3Storage, private_url
from tests import factories

S3_PRIVATE = {
    "BACKEND": "core.storages.PrivateS3Storage",
    "OPTIONS": {
        "bucket_name": "pasar-kriya-private", "endpoint_url": "http://minio:9000",
        "browser_endpoint_url": "http://localhost:9000", "access_key": "kunci",
        "secret_key": "rahasia", "region_name": "us-east-1", "querystring_auth": True,
        "querystring_expire": 300, "default_acl": "private", "file_overwrite": False,
        "signature_version": "s3v4",
    },
}


def test_a_private_files_address_is_the_checked_view_and_its_signed_url_is_short_lived():
    storage = PrivateS3Storage(**S3_PRIVATE["OPTIONS"])

    signed = urlsplit(storage.signed_url("curation/evidence/2026/12/bukti.jpg"))

    assert storage.url("curation/evidence/2026/12/bukti.jpg") == \
        "/private-media/curation/evidence/2026/12/bukti.jpg"
    assert (signed.scheme, signed.netloc) == ("http", "localhost:9000")
    assert signed.path == "/pasar-kriya-private/curation/evidence/2026/12/bukti.jpg"
    query = parse_qs(signed.query)
    assert query["X-Amz-Expires"] == ["300"] and "X-Amz-Signature" in query


def test_private_url_quotes_the_name():
    assert private_url("unpublished/images/kain batik.jpg") == \
        "/private-media/unpublished/images/kain%20batik.jpg"


@pytest.mark.django_db
def test_on_s3_the_checked_view_redirects_those_allowed_and_404s_the_rest(
        client, settings, product, artisan_user):
    settings.STORAGES = {**settings.STORAGES, "private": S3_PRIVATE}
    criterion = factories.CriterionFactory(asks_evidence=True)
    Evidence.objects.create(product=product, criterion=criterion, uploaded_by=artisan_user,
                            image="curation/evidence/2026/12/bukti.jpg")
    address = reverse("private-media", args=["curation/evidence/2026/12/bukti.jpg"])

    refused = client.get(address)
    client.force_login(artisan_user)
    allowed = client.get(address)

    assert refused.status_code == 404
    assert allowed.status_code == 302
    assert allowed["Location"].startswith(
        "http://localhost:9000/pasar-kriya-private/curation/evidence/2026/12/bukti.jpg?")
    assert allowed["Cache-Control"] == "private, no-store"


def test_with_a_media_bucket_private_files_go_to_a_bucket_of_their_own_with_signed_urls():
    from tests.unit.shop.test_settings import run_manage

    result = run_manage(
        "shell", "-c",
        "from django.core.files.storage import storages as s; p = s['private'];"
        "print(type(p).__name__, p.bucket_name, p.querystring_auth, p.querystring_expire,"
        " p.default_acl, type(s['default']).__name__, s['default'].querystring_auth)",
        MEDIA_S3_BUCKET="pasar-kriya-media", MEDIA_S3_ENDPOINT_URL="http://minio:9000",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "PrivateS3Storage", "pasar-kriya-media-private", "True", "300", "private",
        "S3Storage", "False",
    ]
