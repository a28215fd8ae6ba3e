"""Errors reach people: ADMINS by email, Sentry when SENTRY_DSN is set (off by default)."""
import gzip
import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import path

ROOT = Path(__file__).resolve().parents[3]


def broken_view(request):
    raise RuntimeError("the kiln is cold")


urlpatterns = [path("broken/", broken_view)]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False,
                   ADMINS=[("Tim Teknis", "teknis@pasarkriya.id")])
def test_an_error_page_is_emailed_to_the_admins():
    response = Client(raise_request_exception=False).get("/broken/")

    assert response.status_code == 500
    (message,) = mail.outbox
    assert message.to == ["teknis@pasarkriya.id"]
    assert "the kiln is cold" in message.body


def test_admins_are_read_from_the_environment():
    script = "from django.conf import settings; print(settings.ADMINS)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, timeout=120,
        capture_output=True, text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "shop.settings.base",
             "ADMINS": "Tim Teknis <teknis@pasarkriya.id>,ops@pasarkriya.id"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "[('Tim Teknis', 'teknis@pasarkriya.id'), ('ops@pasarkriya.id', 'ops@pasarkriya.id')]")


class _Envelopes(BaseHTTPRequestHandler):
    received: list[bytes] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"] or 0))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        self.received.append(body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


def test_with_sentry_dsn_an_exception_reaches_sentry_without_personal_data():
    """A local stand-in for Sentry's ingest endpoint receives what the SDK sends."""
    server = HTTPServer(("127.0.0.1", 0), _Envelopes)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Envelopes.received.clear()
    script = ("import sentry_sdk\n"
              "try:\n    raise RuntimeError('the kiln is cold')\n"
              "except RuntimeError as error:\n    sentry_sdk.capture_exception(error)\n"
              "sentry_sdk.flush(5)\n")
    try:
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, timeout=120,
            capture_output=True, text=True,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "shop.settings.base",
                 "SENTRY_DSN": f"http://publickey@127.0.0.1:{server.server_port}/1"})
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stderr
    body = b"\n".join(_Envelopes.received).decode()
    assert "the kiln is cold" in body
    event = next(json.loads(line) for line in body.splitlines()
                 if line.startswith("{") and "exception" in line)
    assert "user" not in event or "ip_address" not in event.get("user", {})


def test_without_sentry_dsn_nothing_is_initialised():
    import sentry_sdk

    assert not sentry_sdk.get_client().is_active()
