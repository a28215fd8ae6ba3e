"""Renditions made by a real Celery worker over Redis, after the photo is committed.

Runs in the PostgreSQL pass of `make test` (the worker is another process and must
see the committed rows and the same MEDIA_ROOT and PRIVATE_MEDIA_ROOT); Redis missing: skipped locally,
a failure in CI. The worker is tests/worker.py's.
"""
import time

import pytest
from PIL import Image

from artisans.portal import services

from catalogue import photos
from catalogue.models import ProductImage
from tests.services import REDIS_URL, require_redis
from tests.support.photos import gps_jpeg
from tests.worker import WORKER_TEST_MARKS, celery_worker_process, in_process_broker, private_queue, worker_stop

pytestmark = WORKER_TEST_MARKS


@pytest.fixture
def worker(tmp_path):
    """A real `celery worker` process on a private queue, sharing this test's media folders."""
    require_redis()
    queue = private_queue()
    process = celery_worker_process(broker_url=REDIS_URL, queue=queue,
                                    mail_dir=tmp_path / "mail", log=tmp_path / "worker.log")
    with in_process_broker(REDIS_URL, queue):
        yield process
    worker_stop(process)


def wait_for_renditions(image_id: int, timeout: float = 90) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        renditions = ProductImage.objects.get(pk=image_id).renditions
        if renditions:
            return renditions
        time.sleep(0.3)
    raise AssertionError(f"the worker made no renditions of photo {image_id} in {timeout} s")


def test_the_worker_makes_the_renditions_of_a_committed_photo(worker, product, artisan_user):
    image = services.product_image_add(product=product, user=artisan_user,
                                       file=gps_jpeg("dari-ponsel.jpg", size=(1800, 900)))
    assert ProductImage.objects.get(pk=image.pk).renditions == {}  # the page uses the fallback

    renditions = wait_for_renditions(image.pk)

    assert set(renditions) == set(photos.RENDITIONS)
    storage = image.original.storage
    with storage.open(renditions["card"]) as card, Image.open(card) as opened:
        # the original was 1800 × 900 turned upright: 900 × 1800, so the card is 600 × 1200
        assert (opened.format, opened.size, dict(opened.getexif())) == ("JPEG", (600, 1200), {})
    with storage.open(renditions["large_webp"]) as large, Image.open(large) as opened:
        assert (opened.format, opened.size) == ("WEBP", (900, 1800))
