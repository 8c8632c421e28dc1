"""Draws the example photos in this folder (run it to make them again: python profiles/photos/draw.py).

They are drawn, not downloaded: a garment's silhouette on a lit backdrop, with soft shading and noise so
they behave like photos rather than flat swatches.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent
SIZE = (480, 480)


def _sweater(d: ImageDraw.ImageDraw, colour: tuple[int, int, int]) -> None:
    d.polygon([(150, 110), (330, 110), (420, 200), (385, 235), (340, 200), (340, 400), (140, 400),
               (140, 200), (95, 235), (60, 200)], fill=colour)  # fmt: skip
    d.ellipse((205, 90, 275, 135), fill=(236, 232, 226))


def _trousers(d: ImageDraw.ImageDraw, colour: tuple[int, int, int]) -> None:
    d.polygon([(160, 70), (320, 70), (345, 420), (262, 420), (240, 170), (218, 420), (135, 420)], fill=colour)


def _stripes(img: Image.Image, colour: tuple[int, int, int], box: tuple[int, int, int, int]) -> None:
    mask = Image.new("L", img.size, 0)
    md = ImageDraw.Draw(mask)
    for y in range(box[1], box[3], 28):
        md.rectangle((box[0], y, box[2], y + 12), fill=255)
    layer = Image.new("RGB", img.size, colour)
    garment = img.convert("L").point(lambda v: 255 if v < 200 else 0)
    mask = Image.composite(mask, Image.new("L", img.size, 0), garment)
    img.paste(layer, mask=mask)


def _checks(img: Image.Image, colour: tuple[int, int, int], box: tuple[int, int, int, int]) -> None:
    mask = Image.new("L", img.size, 0)
    md = ImageDraw.Draw(mask)
    for y in range(box[1], box[3], 30):
        for x in range(box[0], box[2], 30):
            if ((x - box[0]) // 30 + (y - box[1]) // 30) % 2:
                md.rectangle((x, y, x + 29, y + 29), fill=255)
    garment = img.convert("L").point(lambda v: 255 if v < 200 else 0)
    img.paste(
        Image.new("RGB", img.size, colour), mask=Image.composite(mask, Image.new("L", img.size, 0), garment)
    )


def photo(kind: str, colour: tuple[int, int, int], pattern: str = "plain", second=(240, 240, 240), seed=1):
    """One drawn photo: backdrop with a light falloff, the garment, its pattern, shading and grain."""
    rng = random.Random(seed)
    img = Image.new("RGB", SIZE, (238, 236, 232))
    d = ImageDraw.Draw(img)
    (_sweater if kind == "sweater" else _trousers)(d, colour)
    if pattern == "striped":
        _stripes(img, second, (40, 60, 440, 430))
    elif pattern == "checked":
        _checks(img, second, (40, 60, 440, 430))
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    px = img.load()
    for _ in range(SIZE[0] * SIZE[1] // 6):
        x, y = rng.randrange(SIZE[0]), rng.randrange(SIZE[1])
        r, g, b = px[x, y]
        n = rng.randint(-9, 9)
        px[x, y] = (max(0, min(255, r + n)), max(0, min(255, g + n)), max(0, min(255, b + n)))
    return img


PHOTOS = {
    "red-sweater.jpg": ("sweater", (178, 28, 36), "plain", (0, 0, 0)),
    "navy-striped-sweater.jpg": ("sweater", (24, 36, 86), "striped", (236, 236, 230)),
    "green-checked-shirt.jpg": ("sweater", (34, 110, 60), "checked", (20, 30, 26)),
    "black-trousers.jpg": ("trousers", (28, 28, 30), "plain", (0, 0, 0)),
}


def main() -> None:
    """Write every example photo next to this script."""
    for i, (name, (kind, colour, pattern, second)) in enumerate(PHOTOS.items()):
        photo(kind, colour, pattern, second, seed=i + 1).save(HERE / name, "JPEG", quality=85)


if __name__ == "__main__":
    main()
