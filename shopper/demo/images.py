"""Product images for the demo shops: a silhouette per kind in the product's colour, drawn with Pillow.

Drawn on first request and cached as PNG files in the data dir, so a shop serves them like any other file.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from pathlib import Path

SIZE = 256
IMAGES_VERSION = "1"
BACKGROUND = (244, 244, 242)

COLOURS: dict[str, tuple[int, int, int]] = {
    "black": (22, 22, 24),
    "white": (250, 250, 250),
    "grey": (128, 128, 130),
    "gray": (128, 128, 130),
    "silver": (192, 192, 196),
    "graphite": (70, 70, 75),
    "red": (200, 30, 40),
    "blue": (35, 85, 200),
    "navy": (22, 32, 85),
    "green": (40, 140, 60),
    "emerald": (20, 130, 90),
    "olive": (110, 110, 50),
    "lime": (160, 210, 40),
    "yellow": (245, 205, 30),
    "orange": (240, 120, 20),
    "pink": (240, 130, 170),
    "rose": (230, 150, 160),
    "purple": (110, 50, 150),
    "violet": (120, 70, 170),
    "brown": (120, 80, 40),
    "beige": (220, 200, 160),
    "sandstone": (210, 190, 150),
    "indigo": (50, 60, 120),
    "stonewash": (110, 140, 180),
    "rinse": (30, 40, 70),
    "khaki": (170, 160, 110),
    "titanium": (150, 145, 135),
    "obsidian": (30, 30, 35),
    "porcelain": (235, 230, 220),
    "hazel": (140, 130, 100),
    "bay": (120, 160, 200),
    "iceblue": (170, 210, 235),
    "smoke": (225, 225, 220),
    "natural": (200, 190, 170),
}


def rgb_of(colour: str) -> tuple[int, int, int]:
    """The RGB of a colour description: its last known colour word ("midnight blue" -> blue), else a hash."""
    words = colour.lower().replace("/", " ").replace("-", " ").split()
    for word in reversed(words):
        if word in COLOURS:
            return COLOURS[word]
    if "light" in words and "indigo" in colour.lower():
        return COLOURS["stonewash"]
    digest = hashlib.sha256(colour.encode()).digest()
    return (digest[0], digest[1], digest[2])


def _shape(draw: object, shape: str) -> None:
    """Draw the silhouette of `shape` in white (255) on a mask."""
    from PIL import ImageDraw

    d: ImageDraw.ImageDraw = draw  # type: ignore[assignment]
    s = SIZE / 256
    poly = {
        "shirt": [
            (78, 40),
            (108, 32),
            (148, 32),
            (178, 40),
            (228, 80),
            (204, 112),
            (182, 96),
            (182, 224),
            (74, 224),
            (74, 96),
            (52, 112),
            (28, 80),
        ],
        "sweater": [
            (80, 40),
            (110, 32),
            (146, 32),
            (176, 40),
            (214, 70),
            (232, 210),
            (206, 214),
            (184, 100),
            (184, 226),
            (72, 226),
            (72, 100),
            (50, 214),
            (24, 210),
            (42, 70),
        ],
        "jacket": [
            (80, 46),
            (100, 20),
            (156, 20),
            (176, 46),
            (214, 72),
            (232, 214),
            (206, 218),
            (186, 104),
            (186, 232),
            (70, 232),
            (70, 104),
            (50, 218),
            (24, 214),
            (42, 72),
        ],
        "trousers": [(72, 24), (184, 24), (200, 232), (146, 232), (128, 100), (110, 232), (56, 232)],
        "dress": [
            (98, 24),
            (110, 24),
            (116, 52),
            (140, 52),
            (146, 24),
            (158, 24),
            (164, 92),
            (212, 232),
            (44, 232),
            (92, 92),
        ],
        "shoe": [(30, 120), (70, 110), (100, 80), (140, 80), (150, 120), (226, 150), (232, 184), (30, 184)],
    }.get(shape)
    if poly:
        d.polygon([(x * s, y * s) for x, y in poly], fill=255)
        if shape == "shoe":
            d.rectangle([30 * s, 184 * s, 232 * s, 198 * s], fill=255)
    elif shape == "headphones":
        d.arc([54 * s, 34 * s, 202 * s, 182 * s], 180, 360, fill=255, width=int(14 * s))
        d.rounded_rectangle([40 * s, 110 * s, 86 * s, 200 * s], radius=int(14 * s), fill=255)
        d.rounded_rectangle([170 * s, 110 * s, 216 * s, 200 * s], radius=int(14 * s), fill=255)
    else:
        d.rounded_rectangle([48 * s, 64 * s, 208 * s, 192 * s], radius=int(16 * s), fill=255)


def _fill(rgb: tuple[int, int, int], pattern: str) -> object:
    from PIL import Image, ImageDraw

    fill = Image.new("RGB", (SIZE, SIZE), rgb)
    light = (250, 250, 250) if sum(rgb) < 600 else (30, 40, 90)
    band = SIZE // 16
    d = ImageDraw.Draw(fill)
    if pattern == "striped":
        for y in range(0, SIZE, band * 2):
            d.rectangle([0, y, SIZE, y + band - 1], fill=light)
    elif pattern == "checked":  # gingham: half-tone bands, light where they cross
        mid = tuple((a + b) // 2 for a, b in zip(rgb, light, strict=True))
        for i in range(0, SIZE, band * 2):
            d.rectangle([0, i, SIZE, i + band - 1], fill=mid)
            d.rectangle([i, 0, i + band - 1, SIZE], fill=mid)
        for y in range(0, SIZE, band * 2):
            for x in range(0, SIZE, band * 2):
                d.rectangle([x, y, x + band - 1, y + band - 1], fill=light)
    return fill


def draw(shape: str, colour: str, pattern: str = "plain") -> bytes:
    """A PNG of a `shape` silhouette filled with `colour` (plain, striped or checked)."""
    from PIL import Image, ImageDraw

    mask = Image.new("L", (SIZE, SIZE), 0)
    _shape(ImageDraw.Draw(mask), shape)
    img = Image.new("RGB", (SIZE, SIZE), BACKGROUND)
    img.paste(_fill(rgb_of(colour), pattern), (0, 0), mask)  # type: ignore[arg-type]
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


def _cache_dir() -> Path:
    from shopper.config import data_dir

    return data_dir() / "demo" / f"images-v{IMAGES_VERSION}"


def image(shape: str, colour: str, pattern: str = "plain") -> bytes:
    """The PNG for (shape, colour, pattern), from the data dir's cache or drawn and cached."""
    rgb = rgb_of(colour)
    name = f"{shape}-{pattern}-{rgb[0]:02x}{rgb[1]:02x}{rgb[2]:02x}.png"
    path: Path | None = None
    try:
        path = _cache_dir() / name
        return path.read_bytes()
    except OSError:
        pass
    body = draw(shape, colour, pattern)
    if path is None:
        return body
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename, so two processes drawing the same image never leave half a file.
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(body)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only data dir still gets its images, drawn each time
    return body
