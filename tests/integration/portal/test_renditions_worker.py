"""Renditions made by a real Celery worker over Redis, after the photo is committed.

Runs in the PostgreSQL pass of `make test` (the worker is another process and must
see the committed rows and the same MEDIA_ROOT and PRIVATE_MEDIA_ROOT); Redis missing: skipped locally,
a failure in CI. The worker fixture is the one of tests/integration/curation/test_worker.py.
"""
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from catalogue import photos, services
from catalogue.models import ProductImage
from shop.celery import app as celery_app
from tests.integration.curation.test_worker import database_url, reset_producer_pool
from tests.services import REDIS_URL, require_redis
from tests.unit.portal.test_photos import gps_jpeg

ROOT = Path(__file__).resolve().parents[3]

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="runs in the PostgreSQL pass (`make test` runs both passes)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def worker(tmp_path):
    """A real `celery worker` process on a private queue, sharing this test's media folder."""
    require_redis()
    queue = f"test-{os.getpid()}-{time.monotonic_ns()}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "shop.settings.base",
        "DATABASE_URL": database_url(settings.DATABASES["default"]),
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),  # a draft's photos are private
        "EMAIL_URL": f"filemail:///{tmp_path / 'mail'}",
        "LOG_LEVEL": "WARNING",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "shop", "worker", "--pool", "solo",
         "--queues", queue, "--loglevel", "WARNING", "--without-heartbeat",
         "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    old = (celery_app.conf.broker_url, celery_app.conf.task_always_eager,
           celery_app.conf.task_default_queue)
    celery_app.conf.update(broker_url=REDIS_URL, task_always_eager=False,
                           task_default_queue=queue)
    reset_producer_pool()
    yield process
    celery_app.conf.update(broker_url=old[0], task_always_eager=old[1],
                           task_default_queue=old[2])
    reset_producer_pool()
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


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
