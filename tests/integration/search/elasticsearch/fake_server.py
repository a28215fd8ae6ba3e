"""A small stand-in for Elasticsearch's HTTP API, for testing the backend at the HTTP boundary.

It answers the endpoints the elasticsearch client calls for this backend, keeps
which indices and aliases exist, records every request (method, path, query and
parsed body), and answers _search with a canned response. Nothing of our own
code is replaced: the real client talks HTTP to it.
"""
import fnmatch
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Recorded:
    method: str
    path: str
    query: dict
    body: object

    @property
    def endpoint(self) -> str:
        return f"{self.method} {self.path}"


@dataclass
class FakeState:
    indices: set[str] = field(default_factory=set)
    aliases: dict[str, set[str]] = field(default_factory=dict)  # alias -> indices
    documents: dict[str, dict[str, dict]] = field(default_factory=dict)  # index -> id -> source
    search_response: dict = field(default_factory=dict)
    search_delay: float = 0.0
    requests: list[Recorded] = field(default_factory=list)

    def resolve(self, name: str) -> list[str]:
        if name in self.aliases:
            return sorted(self.aliases[name])
        return [name] if name in self.indices else []

    def calls(self, method: str, path_part: str = "") -> list[Recorded]:
        return [r for r in self.requests if r.method == method and path_part in r.path]

    def bulk_calls(self) -> list[Recorded]:
        """The _bulk requests (the client sends them with PUT)."""
        return [r for r in self.requests if r.path.endswith("/_bulk")]

    def index_creations(self) -> list[Recorded]:
        return [r for r in self.requests if r.method == "PUT" and r.path.count("/") == 1
                and not r.path.startswith("/_")]


ELASTIC_HEADERS = {"X-Elastic-Product": "Elasticsearch"}


def parse_body(raw: bytes, path: str):
    if not raw:
        return None
    text = raw.decode()
    if path.endswith("/_bulk"):
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return json.loads(text)


class Handler(BaseHTTPRequestHandler):
    state: FakeState  # set on the subclass the server makes

    def log_message(self, *args):  # quiet test output
        pass

    def _answer(self, status: int, payload=None):
        body = b"" if payload is None or self.command == "HEAD" else json.dumps(payload).encode()
        self.send_response(status)
        for name, value in ELASTIC_HEADERS.items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def _handle(self):
        parts = urlsplit(self.path)
        path = parts.path
        length = int(self.headers.get("Content-Length") or 0)
        body = parse_body(self.rfile.read(length) if length else b"", path)
        self.state.requests.append(
            Recorded(self.command, path, parse_qs(parts.query), body))
        segments = [s for s in path.split("/") if s]
        try:
            status, payload = self.route(self.command, segments, body)
        except Exception as error:  # an answer the client can read, and a failing test
            status, payload = 500, {"error": {"type": "fake_server_error", "reason": repr(error)}}
        self._answer(status, payload)

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _handle

    def route(self, method, segments, body):
        state = self.state
        if not segments:
            return 200, {"name": "fake", "cluster_name": "fake", "version": {
                "number": "8.19.3", "build_flavor": "default"}, "tagline": "You Know, for Search"}
        if segments == ["_bulk"]:
            return 200, self.bulk(body)
        if segments == ["_aliases"]:
            for action in body["actions"]:
                (kind, spec), = action.items()
                if kind == "add":
                    state.aliases.setdefault(spec["alias"], set()).add(spec["index"])
                elif kind == "remove":
                    state.aliases.get(spec["alias"], set()).discard(spec["index"])
                elif kind == "remove_index":
                    state.indices.discard(spec["index"])
            return 200, {"acknowledged": True}
        if segments[0] == "_alias":
            indices = state.resolve(segments[1]) if segments[1] in state.aliases else []
            if not indices:
                return 404, {"error": f"alias [{segments[1]}] missing", "status": 404}
            return 200, {index: {"aliases": {segments[1]: {}}} for index in indices}
        name = segments[0]
        if len(segments) == 1:
            if method == "HEAD":
                return (200 if name in state.indices else 404), None
            if method == "PUT":
                state.indices.add(name)
                return 200, {"acknowledged": True, "shards_acknowledged": True, "index": name}
            if method == "GET":
                matching = sorted(index for index in state.indices
                                  if fnmatch.fnmatchcase(index, name))
                return 200, {index: {"aliases": {}, "mappings": {}, "settings": {}}
                             for index in matching}
            if method == "DELETE":
                for index in name.split(","):
                    state.indices.discard(index)
                    state.documents.pop(index, None)
                return 200, {"acknowledged": True}
        action = segments[1]
        if action == "_search":
            if state.search_delay:
                time.sleep(state.search_delay)
            return 200, state.search_response
        if action == "_settings":
            return 200, {"acknowledged": True}
        if action == "_refresh":
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        return 400, {"error": {"type": "unexpected", "reason": f"{method} /{'/'.join(segments)}"}}

    def bulk(self, lines):
        items = []
        lines = list(lines)
        while lines:
            meta = lines.pop(0)
            (op, spec), = meta.items()
            index = spec["_index"]
            target = (self.state.resolve(index) or [index])[0]
            documents = self.state.documents.setdefault(target, {})
            if op == "delete":
                found = documents.pop(str(spec["_id"]), None) is not None
                items.append({op: {"_index": target, "_id": str(spec["_id"]),
                                   "status": 200 if found else 404,
                                   "result": "deleted" if found else "not_found"}})
                continue
            documents[str(spec["_id"])] = lines.pop(0)
            items.append({op: {"_index": target, "_id": str(spec["_id"]), "status": 201,
                               "result": "created"}})
        return {"took": 1, "errors": False, "items": items}


class FakeElasticsearch:
    """Run with `with FakeElasticsearch() as fake:`; `fake.url` is its address."""

    def __init__(self) -> None:
        self.state = FakeState()
        handler = type("BoundHandler", (Handler,), {"state": self.state})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeElasticsearch":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
