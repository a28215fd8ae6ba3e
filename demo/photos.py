"""Generated product photos: a batik-like pattern in the craft's colours, with the title.

Each photo is drawn from the seed and the product's number, so it is distinct and
the same on every run. Drawing is the slow part of the demo (some 10 ms a photo),
hence the pool that large demos reuse (see loader.PHOTO_POOL).
"""
import io
import random
from math import cos, pi, sin

from PIL import Image, ImageDraw, ImageFont

SIZE = 800
PALETTES = {  # background, main, accent per craft
    "batik": [("#f3e3c3", "#6b3e1e", "#1f3a5f"), ("#1f2a44", "#d9b26f", "#f4efe6")],
    "eco-print": [("#efe8d8", "#7a8b4f", "#a0522d"), ("#e9e2cf", "#5d6e3a", "#8b6b3d")],
    "tenun-cual": [("#5b1a2e", "#e0b84c", "#f2d7a0"), ("#1c3d5a", "#d4af37", "#e8d9b0")],
    "tenun-ikat": [("#4a1c14", "#c96a2b", "#e8d2b0"), ("#1b2733", "#b5542f", "#d9c7a3")],
    "pewter": [("#2b2d31", "#c0c4c8", "#8a9097"), ("#e6e7e9", "#6d737a", "#3d4248")],
    "anyaman": [("#d9c08f", "#8c6a3b", "#5b4526"), ("#cdb27a", "#6e5230", "#a8874f")],
    "wood-carving": [("#4b2e1a", "#a86b3c", "#d9a86c"), ("#6b4423", "#2e1b0e", "#c48a55")],
    "batu-satam": [("#101214", "#3b3f46", "#c0c0c0"), ("#f1efe9", "#1a1a1a", "#b08d57")],
    "kopiah-resam": [("#2a211b", "#8a6a45", "#c9a66b")],
    "knitwear": [("#f4eee6", "#b5485d", "#2f6f73"), ("#e8eef2", "#385170", "#d98f4e")],
}


def product_photo(*, seed: int, index: int, craft: str, title: str) -> bytes:
    """A JPEG of SIZE x SIZE pixels for product `index` of this seed."""
    rng = random.Random(f"{seed}:photo:{index}")
    background, main, accent = rng.choice(PALETTES.get(craft, PALETTES["batik"]))
    image = Image.new("RGB", (SIZE, SIZE), background)
    draw = ImageDraw.Draw(image)
    rng.choice(PATTERNS)(draw, rng, main, accent)
    _caption(draw, title, f"Pasar Kriya · No. {index + 1}", background, main)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82)
    return out.getvalue()


def _kawung(draw, rng, main, accent):
    """Four ovals around a point, repeated: the kawung of Javanese batik."""
    step = rng.choice((80, 100, 120))
    r = step * 0.42
    for cx in range(0, SIZE + step, step):
        for cy in range(0, SIZE + step, step):
            for angle in (0, pi / 2, pi, 3 * pi / 2):
                x, y = cx + cos(angle) * r * 0.6, cy + sin(angle) * r * 0.6
                wide = angle in (0, pi)
                box = (x - (r * 0.6 if wide else r * 0.3), y - (r * 0.3 if wide else r * 0.6),
                       x + (r * 0.6 if wide else r * 0.3), y + (r * 0.3 if wide else r * 0.6))
                draw.ellipse(box, fill=main, outline=accent, width=2)
            draw.ellipse((cx - 5, cy - 5, cx + 5, cy + 5), fill=accent)


def _parang(draw, rng, main, accent):
    """Diagonal bands of slanting blades: parang."""
    step = rng.choice((70, 90, 110))
    for offset in range(-SIZE, SIZE * 2, step):
        draw.line((offset, 0, offset + SIZE, SIZE), fill=main, width=step // 3)
        for k in range(0, SIZE, step // 2):
            x, y = offset + k, k
            draw.polygon(((x, y - 12), (x + 18, y), (x, y + 12)), fill=accent)


def _ceplok(draw, rng, main, accent):
    """A grid of eight-petalled flowers: ceplok."""
    step = rng.choice((100, 133, 160))
    for cx in range(step // 2, SIZE + step, step):
        for cy in range(step // 2, SIZE + step, step):
            for k in range(8):
                angle = k * pi / 4 + rng.uniform(-0.05, 0.05)
                x, y = cx + cos(angle) * step * 0.28, cy + sin(angle) * step * 0.28
                draw.ellipse((x - step * 0.12, y - step * 0.12, x + step * 0.12, y + step * 0.12),
                             fill=main)
            draw.ellipse((cx - step * 0.1, cy - step * 0.1, cx + step * 0.1, cy + step * 0.1),
                         fill=accent)


def _weave(draw, rng, main, accent):
    """Over-and-under strips, as in anyaman and tenun."""
    step = rng.choice((40, 50, 64))
    inset = step // 6
    for i, x in enumerate(range(0, SIZE, step)):
        for j, y in enumerate(range(0, SIZE, step)):
            if (i + j) % 2:
                draw.rectangle((x + inset, y, x + step - inset, y + step), fill=main)
            else:
                draw.rectangle((x, y + inset, x + step, y + step - inset), fill=accent)


PATTERNS = (_kawung, _parang, _ceplok, _weave)


def _caption(draw, title: str, subtitle: str, background: str, ink: str) -> None:
    draw.rectangle((0, SIZE - 170, SIZE, SIZE), fill=background)
    draw.line((40, SIZE - 170, SIZE - 40, SIZE - 170), fill=ink, width=3)
    title_font = ImageFont.load_default(size=42)
    while draw.textlength(title, font=title_font) > SIZE - 80 and title_font.size > 22:
        title_font = ImageFont.load_default(size=title_font.size - 2)
    draw.text((40, SIZE - 140), title, fill=ink, font=title_font)
    draw.text((40, SIZE - 70), subtitle, fill=ink, font=ImageFont.load_default(size=26))
