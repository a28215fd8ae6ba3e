"""Every page carries a Content-Security-Policy that lets only our own scripts run."""
import json
import logging
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, engines
from django.template.utils import get_app_template_dirs
from django.template.loader import get_template
from django.urls import reverse

from shop.csp import ALLOWED_INLINE_HANDLERS, handler_hash
from tests.factories import UserFactory, published_product

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>", re.I)
INLINE_HANDLER = re.compile(r"""\son[a-z]+\s*=\s*(["'])(.*?)\1""", re.I | re.S)


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def assert_only_nonced_inline_scripts(response):
    directives = policy(response)
    nonces = [source for source in directives["script-src"] if source.startswith("'nonce-")]
    html = response.content.decode()
    inline = INLINE_SCRIPT.findall(html)
    assert inline, "the base template's inline scripts are expected on every page"
    for attributes in inline:
        assert f"nonce=\"{nonces[0][7:-1]}\"" in attributes, attributes
    for _quote, handler in INLINE_HANDLER.findall(html):
        assert handler in ALLOWED_INLINE_HANDLERS, handler


def test_the_storefront_sends_a_policy_without_unsafe_inline_scripts(client):
    product = published_product()

    for url in ("/", product.get_absolute_url(), reverse("basket:summary"),
                reverse("customer:login")):
        response = client.get(url)
        assert response.status_code == 200, url
        directives = policy(response)
        assert "'unsafe-inline'" not in directives["script-src"]
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert_only_nonced_inline_scripts(response)


def test_each_response_has_its_own_nonce(client):
    first = policy(client.get("/"))["script-src"]
    second = policy(client.get("/"))["script-src"]
    assert [s for s in first if s.startswith("'nonce-")] != [
        s for s in second if s.startswith("'nonce-")]


def test_the_dashboard_and_the_curation_area_run_under_the_policy(client, curator):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for url in (reverse("dashboard:index"), reverse("dashboard:order-list"),
                reverse("curation-queue")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_only_nonced_inline_scripts(response)


def test_the_allowed_handlers_are_in_the_policy():
    script_src = [str(source) for source in
                  settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"]]
    for handler in ALLOWED_INLINE_HANDLERS:
        assert handler_hash(handler) in script_src
    # The hash is the one browsers compute: base64 of the SHA-256 of the exact text
    # (here as `printf 'window.print()' | openssl dgst -sha256 -binary | base64` gives it).
    assert handler_hash("window.print()") == "'sha256-MguIPR6qNR8D3B+eAlK+bIRTZe8t3wkOY4B/56Me9FU='"


def every_template_name():
    """Each template name any installed app or our templates/ folder provides."""
    names = set()
    for directory in [*engines["django"].engine.dirs, *get_app_template_dirs("templates")]:
        root = Path(directory)
        names.update(str(path.relative_to(root)) for path in root.rglob("*.html"))
    return sorted(names)


def sources_rendered(name: str) -> list[Path]:
    """The file the loader picks for `name`, and the files it extends in turn
    (ours may extend Oscar's template of the same name)."""
    files = []
    template = get_template(name).template
    while template is not None:
        files.append(Path(template.origin.name))
        parent = next((node for node in template.nodelist
                       if type(node).__name__ == "ExtendsNode"), None)
        if parent is None or parent.parent_name.var is None:
            break
        context = Context()
        context.template = template
        try:
            template = parent.get_parent(context)
        except Exception:  # a parent chosen by a variable at render time
            break
    return files


def test_no_template_the_site_renders_has_an_inline_handler_the_policy_blocks():
    """Each template, as the loader resolves it (ours over Oscar's), and each template
    it extends, runs under the policy.

    An onclick with template variables or new text would be blocked by browsers: it
    belongs in a static script, or its exact text in ALLOWED_INLINE_HANDLERS.
    """
    blocked = {}
    for name in every_template_name():
        try:
            source = "\n".join(path.read_text() for path in sources_rendered(name))
        except Exception:  # a broken or partial-only template of a third-party app
            continue
        for _quote, handler in INLINE_HANDLER.findall(source):
            if handler not in ALLOWED_INLINE_HANDLERS:
                blocked.setdefault(name, []).append(handler)
        for attributes in INLINE_SCRIPT.findall(source):
            if "nonce=" not in attributes and "application/json" not in attributes \
                    and "text/template" not in attributes:
                blocked.setdefault(name, []).append(f"<script{attributes}>")
    assert blocked == {}


def test_browsers_report_violations_to_the_log(client, caplog):
    report = {"csp-report": {"document-uri": "https://pasarkriya.id/catalogue/",
                             "violated-directive": "script-src-elem",
                             "blocked-uri": "https://evil.example/x.js"}}
    with caplog.at_level(logging.WARNING, logger="shop.views"):
        response = client.post(reverse("csp-report"), json.dumps(report),
                               content_type="application/csp-report")
        garbage = client.post(reverse("csp-report"), b"\xff[1,2", content_type="application/json")
        deep = client.post(reverse("csp-report"), b"[" * 16000, content_type="application/json")
        listed = client.post(reverse("csp-report"), b"[1, 2]", content_type="application/json")

    assert (response.status_code, garbage.status_code) == (204, 204)
    assert (deep.status_code, listed.status_code) == (204, 204)
    assert "https://evil.example/x.js" in caplog.text
    assert client.get(reverse("csp-report")).status_code == 405
