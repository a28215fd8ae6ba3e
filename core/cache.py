"""The cache (settings.CACHES["default"]) from CACHE_URL: on Redis it fails soft.

The cache is a shortcut, never the only way to an answer: Oscar keeps category
URLs in it (every product page's breadcrumbs), sorl-thumbnail its key-value store
(in front of the database). With Redis down or hanging, django-redis treats every
cache error as a miss (IGNORE_EXCEPTIONS) and logs it to the "core.cache" logger,
and short socket timeouts bound what each call can wait: pages get slower, never
500. Any option given in the URL's query string (?socket_timeout=1) wins.

During an outage every cache call fails: OneRecordPerInterval lets one of those log
records through a minute (with the count of those held back), so the log, and
Sentry, which takes every logged error as an event, are not flooded.
"""
import logging
import threading
import time
from collections.abc import Callable

import environ

REDIS_SCHEMES = ("redis", "rediss", "rediscache", "valkey", "valkeys")
#: Seconds to open a connection to Redis (a LAN connects in well under 1 ms) and to
#: wait for an answer. A dead Redis costs each cache call at most this long.
REDIS_SOCKET_CONNECT_TIMEOUT = 0.1
REDIS_SOCKET_TIMEOUT = 0.25


def cache_settings(url: str) -> dict:
    """The Django cache settings for `url` (README: CACHE_URL).

    A Redis URL gets django-redis with errors ignored and short timeouts; any other
    (locmemcache://, dummycache://) is what django-environ makes of it.
    Raises ImproperlyConfigured (django-environ) for a scheme it does not know.
    """
    config = environ.Env.cache_url_config(url)
    if url.split("://", 1)[0] not in REDIS_SCHEMES:
        return config
    config["BACKEND"] = "django_redis.cache.RedisCache"
    options = config.setdefault("OPTIONS", {})
    options.setdefault("SOCKET_CONNECT_TIMEOUT", REDIS_SOCKET_CONNECT_TIMEOUT)
    options.setdefault("SOCKET_TIMEOUT", REDIS_SOCKET_TIMEOUT)
    options.setdefault("IGNORE_EXCEPTIONS", True)
    return config


class OneRecordPerInterval(logging.Filter):
    """A logger filter (settings.LOGGING, "core.cache") that lets one record through
    per `seconds` and adds to it how many it held back since the last one."""

    def __init__(self, seconds: float = 60, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.seconds = seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._last: float | None = None
        self._held = 0

    def filter(self, record: logging.LogRecord) -> bool:
        now = self._clock()
        with self._lock:
            if self._last is not None and now - self._last < self.seconds:
                self._held += 1
                return False
            held, self._held, self._last = self._held, 0, now
        if held:
            record.msg = f"{record.msg} ({held} more held back in the last {self.seconds:g} s)"
        return True

    def reset(self) -> None:
        """Let the next record through (tests)."""
        with self._lock:
            self._last, self._held = None, 0
