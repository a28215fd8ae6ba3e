"""Product photos on pages, through their renditions (catalogue.photos.RENDITIONS).

    {% load renditions %}
    {% rendition image "card" as url %}         the card's URL (see rendition_url)
    {% rendition_picture image "card" alt=product.title %}   <picture> with WebP

Renditions are made by a Celery task after upload; until they exist (or when the
task failed) a thumbnail made on request is served, so a page never waits for them.
They are a JSON field on the image row: no query is added to a page.
"""
import logging

from django import template
from django.conf import settings
from django.templatetags.static import static

from oscar.core.thumbnails import get_thumbnailer

from catalogue.photos import RENDITIONS

logger = logging.getLogger(__name__)
register = template.Library()

# The rendition to fall back on, after the asked one, before the original.
_FALLBACK = {"card_webp": "card", "large_webp": "large"}


def rendition_url(image, name: str) -> str:
    """The URL of the image's rendition `name`; until it is made, a sorl thumbnail of it.

    `image` is a ProductImage or the dict Oscar's primary_image returns for a
    product without photos (its "missing image" picture). While the renditions
    are being made (and for photos loaded in bulk, the demo's) the page shows a
    thumbnail of the same size made on request, as before renditions existed; the
    original itself only when even that fails.
    """
    if name not in RENDITIONS:
        raise template.TemplateSyntaxError(f"unknown rendition {name!r}")
    if not image:
        return static(f"oscar/img/{settings.OSCAR_MISSING_IMAGE_URL}")
    renditions = getattr(image, "renditions", None) or {}
    path = renditions.get(name) or renditions.get(_FALLBACK.get(name, ""))
    if path:
        return image.original.storage.url(path)
    original = image.get("original") if isinstance(image, dict) else image.original
    return _thumbnail_url(original, name)


def _thumbnail_url(original, name: str) -> str:
    _target, (width, height), crop = RENDITIONS[name]
    options = {"crop": "center"} if crop else {"upscale": False}
    try:
        thumbnail = get_thumbnailer().generate_thumbnail(
            original, size=f"{width}x{height or ''}", **options
        )
        return thumbnail.url
    except Exception:  # noqa: BLE001 - a page must not fail over a photo
        logger.warning("No thumbnail of %s", original, exc_info=True)
        if isinstance(original, str):
            return static(f"oscar/img/{original}")
        return original.url


@register.simple_tag
def rendition(image, name: str) -> str:
    """`{% rendition image "card" as url %}`: see rendition_url."""
    return rendition_url(image, name)


@register.inclusion_tag("catalogue/partials/rendition_picture.html")
def rendition_picture(image, name: str = "card", *, alt: str = "", width=None, height=None,
                      sizes: str = "", loading: str = "lazy", css_class: str = "",
                      fetchpriority: str = ""):
    """A <picture>: the WebP rendition for browsers that take it, the JPEG one else.

    Before the renditions are made there is no <source>: the <img> is the fallback.
    """
    renditions = getattr(image, "renditions", None) or {}
    webp_name = f"{name}_webp" if f"{name}_webp" in RENDITIONS else ""
    webp_path = renditions.get(webp_name) if webp_name else None
    return {
        "src": rendition_url(image, name),
        "webp": image.original.storage.url(webp_path) if webp_path else "",
        "alt": alt, "width": width, "height": height, "sizes": sizes, "loading": loading,
        "css_class": css_class, "fetchpriority": fetchpriority,
    }
