"""A redis-server of the test's own as the broker, and a real worker on it."""
import pytest

from tests.worker import RedisServer, require_redis_server


@pytest.fixture
def redis_server(tmp_path):
    """A redis-server on a free port, running; stopped at the end of the test."""
    require_redis_server()
    server = RedisServer(log=tmp_path / "redis.log").start()
    yield server
    server.stop()
