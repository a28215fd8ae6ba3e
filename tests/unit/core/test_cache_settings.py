"""CACHE_URL to Django's cache settings, and the cache log's throttle (core/cache.py)."""
import logging

from core.cache import OneRecordPerInterval, cache_settings


def test_a_redis_url_gets_django_redis_failing_soft_with_short_timeouts():
    config = cache_settings("redis://redis:6379/1")

    assert config["BACKEND"] == "django_redis.cache.RedisCache"
    assert config["LOCATION"] == "redis://redis:6379/1"
    assert config["OPTIONS"] == {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.1,
                                 "SOCKET_TIMEOUT": 0.25}


def test_options_in_the_url_win_and_other_caches_are_left_as_they_are():
    assert cache_settings("redis://redis:6379/1?socket_timeout=1")["OPTIONS"]["SOCKET_TIMEOUT"] == 1
    assert cache_settings("locmemcache://pasar-kriya") == {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pasar-kriya"}


def record(message="Exception ignored") -> logging.LogRecord:
    return logging.LogRecord("core.cache", logging.ERROR, __file__, 1, message, None, None)


def test_the_throttle_lets_one_record_a_minute_through_and_counts_the_others():
    now = [100.0]
    throttle = OneRecordPerInterval(seconds=60, clock=lambda: now[0])

    assert throttle.filter(record())
    assert [throttle.filter(record()) for _ in range(40)] == [False] * 40
    now[0] += 60
    later = record()

    assert throttle.filter(later)
    assert later.getMessage() == "Exception ignored (40 more held back in the last 60 s)"
