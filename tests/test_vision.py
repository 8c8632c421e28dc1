"""Visual features of photos and product images: colours, pattern, similarity, and bad files."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from shopper import vision
from shopper.errors import PhotoError
from shopper.vision import features_from_bytes, load_photo, similarity

PHOTOS = Path(__file__).resolve().parents[1] / "profiles" / "photos"


def garment(
    colour: tuple[int, int, int], pattern: str = "plain", second=(245, 245, 245), fmt="JPEG"
) -> bytes:
    """A product-shot-like picture: a garment block on a white studio backdrop."""
    im = Image.new("RGB", (300, 300), (255, 255, 255))
    d = ImageDraw.Draw(im)
    d.rectangle((60, 40, 240, 270), fill=colour)
    for y in range(40, 270, 24):
        for x in range(60, 240, 24):
            stripe = pattern == "striped" and (y - 40) // 24 % 2 == 1
            check = pattern == "checked" and ((x - 60) // 24 + (y - 40) // 24) % 2 == 1
            if stripe or check:
                d.rectangle((x, y, x + 23, y + 11 if stripe else y + 23), fill=second)
    buf = io.BytesIO()
    im.save(buf, fmt)
    return buf.getvalue()


def test_colours_and_patterns_are_read() -> None:
    red = features_from_bytes(garment((190, 25, 35)))
    assert red.colour_names() == ["red"] and red.pattern == "plain"
    assert features_from_bytes(garment((25, 40, 120))).colour_names()[0] in {"blue", "navy"}
    assert features_from_bytes(garment((25, 40, 120), "striped")).pattern == "striped"
    assert features_from_bytes(garment((30, 120, 50), "checked", (20, 20, 20))).pattern == "checked"
    assert features_from_bytes(garment((30, 30, 30))).colour_names() == ["black"]


def test_the_backdrop_is_not_a_colour_of_the_product() -> None:
    shot = features_from_bytes(garment((230, 120, 30)))
    assert "white" not in shot.colour_names()


def test_similarity_prefers_the_same_colour_and_pattern() -> None:
    red = features_from_bytes(garment((185, 30, 40)))
    same = similarity(red, features_from_bytes(garment((200, 20, 30), fmt="PNG")))
    blue = similarity(red, features_from_bytes(garment((30, 60, 190))))
    green = similarity(red, features_from_bytes(garment((30, 140, 50))))
    striped = similarity(red, features_from_bytes(garment((200, 20, 30), "striped")))
    assert same > striped > max(blue, green)
    assert same > 0.75 and max(blue, green) < 0.4


def test_the_shipped_photos() -> None:
    expected = {
        "red-sweater.jpg": ("red", "plain"),
        "navy-striped-sweater.jpg": ("navy", "striped"),
        "green-checked-shirt.jpg": ("green", "checked"),
        "black-trousers.jpg": ("black", "plain"),
    }
    for name, (colour, pattern) in expected.items():
        photo = load_photo(PHOTOS / name)
        assert colour in photo.colour_names() and photo.pattern == pattern, name


def _png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def test_bad_photos_give_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(PhotoError, match="photo not found"):
        load_photo(tmp_path / "nope.jpg")
    text = tmp_path / "notes.jpg"
    text.write_text("not a picture at all")
    with pytest.raises(PhotoError, match="not a readable image"):
        load_photo(text)
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(_png_header(60_000, 60_000))  # 3.6 gigapixels announced in a few bytes
    with pytest.raises(PhotoError, match="too large"):
        load_photo(bomb)
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(garment((200, 20, 30))[:400])
    with pytest.raises(PhotoError, match=r"damaged|not a readable"):
        load_photo(cut)
    big = tmp_path / "big.jpg"
    big.write_bytes(garment((200, 20, 30)))
    monkeypatch.setattr(vision, "MAX_FILE_BYTES", 100)
    with pytest.raises(PhotoError, match="too large"):
        load_photo(big)


def test_transparent_images_are_read_on_white() -> None:
    im = Image.new("RGBA", (120, 120), (0, 0, 0, 0))
    ImageDraw.Draw(im).ellipse((20, 20, 100, 100), fill=(30, 140, 50, 255))
    buf = io.BytesIO()
    im.save(buf, "PNG")
    assert features_from_bytes(buf.getvalue()).colour_names() == ["green"]
