"""Who is asking: the client's address behind our proxies, and the sign-in name.

django-axes counts failed sign-ins per (email, address) pair. Behind a reverse
proxy every request comes from the proxy's address, so the client's own is taken
from X-Forwarded-For, but only as far as our own proxies wrote it: each trusted
proxy appends the address it received the request from, so with
TRUSTED_PROXY_COUNT proxies in front the client is that many entries from the
right. Anything further left was written by the client and is not believed.
"""
import ipaddress

from django.conf import settings


def client_ip_address(request) -> str:
    """The address of the client that sent `request` (REMOTE_ADDR with no proxy in front)."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if not hops:
        return remote
    # Fewer hops than proxies: the request skipped a proxy (a health check, say);
    # the leftmost is then still one a proxy of ours wrote.
    candidate = hops[-count] if len(hops) >= count else hops[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def sign_in_name(request, credentials) -> str:
    """The email a sign-in was tried with, as axes counts it: case and spaces do not matter."""
    field = settings.AXES_USERNAME_FORM_FIELD
    source = credentials if credentials else getattr(request, "POST", {})
    name = source.get(field) or ""
    return name.strip().lower()
