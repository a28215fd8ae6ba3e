"""The Content-Security-Policy the site sends (django-csp builds the header).

Scripts run only from our own static files, Stripe's, and the inline blocks of our
base template, which carry the request's nonce. A few of Oscar's templates still
put a fixed line of JavaScript in an onclick attribute ("go back", "close this
window"); 'unsafe-hashes' lets exactly those lines run and nothing else: an
attribute anyone injected has another hash. tests/integration/shop/test_csp.py
checks every template's inline handlers against this list.
"""
import base64
import hashlib
from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF, UNSAFE_HASHES, UNSAFE_INLINE

#: The inline event handlers in Oscar's templates that may run, word for word.
ALLOWED_INLINE_HANDLERS = (
    "history.go(-1);return false",
    "window.history.go(-1);return false",
    "javascript:history.go(-1);",
    "window.close();return false;",
    "window.print()",
)

STRIPE_JS = "https://js.stripe.com"
STRIPE_FRAMES = ("https://js.stripe.com", "https://hooks.stripe.com")
STRIPE_API = "https://api.stripe.com"


def handler_hash(handler: str) -> str:
    """The CSP source expression ('sha256-...') that allows this exact inline handler."""
    digest = hashlib.sha256(handler.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def content_security_policy(*, media_urls: list[str], report_uri: str) -> dict:
    """django-csp's CONTENT_SECURITY_POLICY for this site.

    `media_urls` are where photos are served from besides this site (an object
    store's public or signed address); `report_uri` receives the browsers' reports.
    """
    media_origins = sorted({origin for origin in map(_origin, media_urls) if origin})
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF, NONCE, STRIPE_JS, UNSAFE_HASHES,
                           *map(handler_hash, ALLOWED_INLINE_HANDLERS)],
            # Oscar's templates and its dashboard widgets set style attributes.
            "style-src": [SELF, UNSAFE_INLINE],
            # data: for small inline icons, blob: for the upload form's previews.
            "img-src": [SELF, "data:", "blob:", *media_origins, "https://*.stripe.com"],
            "font-src": [SELF, "data:"],
            "connect-src": [SELF, STRIPE_API],
            "frame-src": [*STRIPE_FRAMES],
            "frame-ancestors": [NONE],
            "form-action": [SELF],
            "base-uri": [SELF],
            "object-src": [NONE],
            "report-uri": [report_uri],
        },
    }
