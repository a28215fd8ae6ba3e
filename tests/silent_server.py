"""A server that accepts connections and never answers: a hanging Redis or Elasticsearch.

    with SilentServer() as server:
        settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{server.port}"

Nothing of ours is replaced: the real client connects, sends its request and waits
for an answer that never comes, as it would for a service stuck in a pause or
behind a dropped route. The connections are closed when the block ends.
"""
import socket
import threading


class SilentServer:
    """Listens on 127.0.0.1 at a free port; counts the connections it accepted."""

    def __init__(self) -> None:
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self._listener.settimeout(0.05)  # to see the stop flag between connections
        self._stop = threading.Event()
        self.port = self._listener.getsockname()[1]
        self._connections: list[socket.socket] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    @property
    def connections(self) -> int:
        with self._lock:
            return len(self._connections)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _address = self._listener.accept()
            except TimeoutError:
                continue
            with self._lock:
                self._connections.append(connection)  # held open, never read or answered

    def __enter__(self) -> "SilentServer":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._listener.close()
        with self._lock:
            for connection in self._connections:
                connection.close()
