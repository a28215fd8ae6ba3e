"""Reaching the outside services the tests use for real (PostgreSQL, Redis, Chromium).

A test that needs one calls `require(...)`: when it is missing the test fails in
CI (CI=true) and is skipped elsewhere, with a message saying why.
Run as `python -m tests.services postgres URL` it exits 0 when PostgreSQL answers.
"""
import os
import socket
import sys
from urllib.parse import urlparse

import pytest

CHROMIUM = "/usr/bin/chromium"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def port_open(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=2
        ):
            return True
    except OSError:
        return False


def postgres_answers(url: str) -> bool:
    if not port_open(url, 5432):
        return False
    import psycopg

    parsed = urlparse(url)
    try:
        # Connect to the maintenance database: the test database may not exist yet.
        with psycopg.connect(
            host=parsed.hostname, port=parsed.port or 5432,
            user=parsed.username or "postgres", password=parsed.password,
            dbname="postgres", connect_timeout=3,
        ):
            return True
    except psycopg.Error:
        return False


def require(what: str, available: bool, why: str) -> None:
    """Skip (locally) or fail (in CI) the calling test when `what` is not available."""
    if available:
        return
    message = f"{what} is not available: {why}"
    if in_ci():
        pytest.fail(f"CI requires {message}")
    pytest.skip(message)


def require_redis() -> None:
    require("Redis", port_open(REDIS_URL, 6379), f"nothing answers at {REDIS_URL}")


def require_chromium() -> None:
    require(
        "Chromium", os.path.exists(CHROMIUM),
        f"{CHROMIUM} is missing (apt-get install chromium; `make test` does it as root)",
    )


if __name__ == "__main__":
    kind, url = sys.argv[1], sys.argv[2]
    if kind != "postgres":
        sys.exit(f"unknown service {kind}")
    sys.exit(0 if postgres_answers(url) else 1)
