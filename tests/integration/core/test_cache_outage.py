"""A cache outage makes pages slower, never 500 (issue 12, item 3).

The cache on Redis is reached by Oscar's category URLs (every product page's
breadcrumbs), sorl-thumbnail's key-value store (photos without renditions) and
anything else that uses django.core.cache. The settings are made from CACHE_URL
as shop/settings/base.py makes them; the pages are the real views.
"""
import logging
import os
import socket
import time

import pytest
from django.core.cache import caches
from django.urls import reverse

from core.cache import OneRecordPerInterval, cache_settings
from tests import factories
from tests.support.storefront import add_photo
from tests.services import REDIS_URL, require_redis
from tests.silent_server import SilentServer

pytestmark = pytest.mark.django_db

#: What one page may take with the cache down or hanging: 0.1-0.2 s down, about 0.6-1.1 s
#: hanging here (each cache call waits its 0.25 s socket timeout); the margin is for
#: a loaded CI machine.
PAGE_SECONDS_AT_MOST = 4.0


def log_throttle() -> OneRecordPerInterval:
    """The filter settings.LOGGING puts on the "core.cache" logger."""
    return next(f for f in logging.getLogger("core.cache").filters
                if isinstance(f, OneRecordPerInterval))


def free_port() -> int:
    """A port nothing listens on once this returns."""
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        return unused.getsockname()[1]


@pytest.fixture
def shop_pages(artisan):
    """A published product in a craft's sub-category (Oscar caches the URL of a
    category below the root) with a photo (sorl makes its thumbnails on the pages),
    and the addresses of the pages a buyer goes through."""
    category = factories.CategoryFactory(name="Kain").add_child(name="Batik", slug="batik")
    product = factories.published_product(artisan=artisan, title="Kain Batik Tulis Sekar")
    product.categories.add(category)
    add_photo(product)
    return {
        "home": "/",
        "catalogue": "/catalogue/",
        "category": category.get_absolute_url(),
        "search": reverse("search:search") + "?q=batik",
        "product": product.get_absolute_url(),
        "basket": "/basket/",
    }, product


def pages_walk(client, pages: dict[str, str], product) -> dict[str, tuple[int, float]]:
    """Each page's status and seconds, for a buyer with the product in the basket."""
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    answers = {}
    for name, url in pages.items():
        started = time.monotonic()
        response = client.get(url)
        answers[name] = (response.status_code, time.monotonic() - started)
    return answers


def assert_every_page_answers_in_time(answers, pages):
    assert {name: status for name, (status, _) in answers.items()} == dict.fromkeys(pages, 200)
    slow = {name: seconds for name, (_, seconds) in answers.items()
            if seconds > PAGE_SECONDS_AT_MOST}
    assert not slow, slow


def test_with_redis_down_every_page_answers_in_bounded_time(shop_pages, client, settings,
                                                            caplog):
    # given the cache on a Redis port where nothing listens
    pages, product = shop_pages
    settings.CACHES = {"default": cache_settings(f"redis://127.0.0.1:{free_port()}/1")}
    log_throttle().reset()

    # when a buyer goes through the shop
    answers = pages_walk(client, pages, product)

    # then every page answers, none waits long, and the outage is in the log once
    # (not once for each of the dozens of cache calls that failed)
    assert_every_page_answers_in_time(answers, pages)
    assert product.title in client.get(pages["product"]).content.decode()
    logged = [record for record in caplog.records if record.name == "core.cache"]
    assert len(logged) == 1 and logged[0].exc_info, logged


def test_with_redis_hanging_every_page_answers_in_bounded_time(shop_pages, client, settings):
    # given the cache on a Redis that takes connections and never answers
    pages, product = shop_pages
    with SilentServer() as hanging_redis:
        settings.CACHES = {"default": cache_settings(f"redis://127.0.0.1:{hanging_redis.port}/1")}

        # when a buyer goes through the shop
        answers = pages_walk(client, pages, product)

        # then each cache call gave up after its socket timeout: every page answers
        assert hanging_redis.connections > 0
    assert_every_page_answers_in_time(answers, pages)


@pytest.mark.redis
def test_with_redis_up_the_cache_keeps_what_it_is_given(shop_pages, client, settings):
    # given the cache on the real Redis, under a key prefix of this test's own (the
    # Redis database is shared with other tests' brokers: nothing else is touched)
    require_redis()
    pages, _product = shop_pages
    prefix = f"test-cache-{os.getpid()}-{time.monotonic_ns()}"
    settings.CACHES = {"default": {**cache_settings(REDIS_URL), "KEY_PREFIX": prefix}}
    cache = caches["default"]

    try:
        # when a product page is shown (its breadcrumbs ask the cache for category URLs)
        response = client.get(pages["product"])

        # then Redis holds what the page put in the cache, and the cache hands it back
        assert response.status_code == 200
        stored = redis_keys(f"{prefix}:*")
        assert any(key.startswith(f"{prefix}:1:CATEGORY_URL_") for key in stored), stored
        cache.set("pasar-kriya-test", {"a": 1}, 30)
        assert cache.get("pasar-kriya-test") == {"a": 1}
        assert f"{prefix}:1:pasar-kriya-test" in redis_keys(f"{prefix}:*")
    finally:
        cache.delete_pattern("*")  # django-redis: only keys under this cache's prefix


def redis_keys(pattern: str) -> list[str]:
    """The keys matching `pattern` in the test Redis database (read with redis-py)."""
    import redis

    return [key.decode() for key in redis.Redis.from_url(REDIS_URL).keys(pattern)]
