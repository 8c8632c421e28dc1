"""Example photos -> visual features (CIELAB colours, histogram, brightness, pattern) and similarity."""

from __future__ import annotations

import io
import itertools
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from shopper.errors import PhotoError

if TYPE_CHECKING:
    from PIL import Image

MAX_FILE_BYTES = 20 * 1024 * 1024  # a photo file or product image larger than this is refused
MAX_PIXELS = 40_000_000  # width x height; beyond this a file is treated as a decompression bomb
SAMPLE_SIDE = 48  # features are computed on a thumbnail this wide: colour and pattern survive it
PATTERN_SIDE = 32
K_COLOURS = 4
KMEANS_ROUNDS = 8
MIN_SWATCH_WEIGHT = 0.08  # dominant colours covering less of the object than this are dropped
MERGE_DELTA_E = 10.0  # two cluster centres closer than this are one colour
COLOUR_GRAIN = 3.0  # CIELAB units: colours this close are one point for k-means
BACKGROUND_DELTA_E = 14.0  # pixels this close to a uniform border colour are background
UNIFORM_BORDER_SHARE = 0.7  # the border is a background when this share of it is one colour
MIN_FOREGROUND = 0.08  # if less than this is left after removing the background, keep everything
COLOUR_FALLOFF = 45.0  # ΔE at which two colours count as entirely different
EDGE_JUMP = 18.0  # a colour step (ΔE) this large between neighbouring samples is an edge of a pattern
PATTERN_EDGES = 2.5  # mean edges per line above which a direction counts as patterned
NAME_WEIGHT = 0.25  # a dominant colour must cover this share to name the photo's colour
# How the parts of the similarity add up (they sum to 1).
W_COLOUR = 0.55
W_HISTOGRAM = 0.2
W_PATTERN = 0.15
W_BRIGHTNESS = 0.1
_L_BINS, _AB_BINS = 4, 6

Pattern = Literal["plain", "striped", "checked"]
Lab = tuple[float, float, float]

# Reference colours for naming, as sRGB anchors; the names are the lexicon's canonical English ones.
_NAMED_RGB: dict[str, tuple[int, int, int]] = {
    "red": (200, 30, 35),
    "orange": (240, 135, 30),
    "yellow": (240, 215, 40),
    "green": (40, 150, 60),
    "blue": (35, 80, 200),
    "navy": (20, 30, 85),
    "purple": (120, 50, 150),
    "pink": (240, 150, 190),
    "brown": (115, 70, 35),
    "beige": (220, 200, 160),
    "black": (20, 20, 20),
    "grey": (128, 128, 128),
    "white": (245, 245, 245),
}


@dataclass(frozen=True)
class Swatch:
    """One dominant colour: CIELAB, sRGB for display, its share of the object, and its name."""

    lab: Lab
    rgb: tuple[int, int, int]
    weight: float
    name: str


@dataclass
class VisualFeatures:
    """What a picture looks like, in the terms ranking compares."""

    swatches: list[Swatch]
    histogram: list[float] = field(repr=False)
    brightness: float  # mean L* of the object, 0..100
    pattern: Pattern
    size: tuple[int, int]

    def colour_names(self) -> list[str]:
        """Canonical English names of the colours that dominate the object ('red', 'navy')."""
        names = [s.name for s in self.swatches if s.weight >= NAME_WEIGHT]
        return list(dict.fromkeys(names or [s.name for s in self.swatches[:1]]))


# --- colour science -----------------------------------------------------------------------------

_LINEAR = [
    ((c / 255) / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4) for c in range(256)
]
_WHITE = (0.95047, 1.0, 1.08883)  # D65


def _f(t: float) -> float:
    return t ** (1 / 3) if t > 0.008856 else t / 0.128418 + 4 / 29


def rgb_to_lab(rgb: tuple[int, int, int]) -> Lab:
    """sRGB (0-255) to CIELAB under D65."""
    r, g, b = (_LINEAR[c] for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / _WHITE[0]
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / _WHITE[2]
    fx, fy, fz = _f(x), _f(y), _f(z)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def _inv(t: float) -> float:
    return t**3 if t > 6 / 29 else 0.128418 * (t - 4 / 29)


def lab_to_rgb(lab: Lab) -> tuple[int, int, int]:
    """CIELAB back to sRGB (clipped), for swatches."""
    fy = (lab[0] + 16) / 116
    x, y, z = _WHITE[0] * _inv(fy + lab[1] / 500), _inv(fy), _WHITE[2] * _inv(fy - lab[2] / 200)
    lin = (
        3.2406 * x - 1.5372 * y - 0.4986 * z,
        -0.9689 * x + 1.8758 * y + 0.0415 * z,
        0.0557 * x - 0.2040 * y + 1.0570 * z,
    )
    out = []
    for c in lin:
        c = max(0.0, min(1.0, c))
        s = 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055
        out.append(round(s * 255))
    return out[0], out[1], out[2]


def delta_e(a: Lab, b: Lab) -> float:
    """CIE76 colour difference."""
    return math.dist(a, b)


_NAMED_LAB = {name: rgb_to_lab(rgb) for name, rgb in _NAMED_RGB.items()}


def colour_name(lab: Lab) -> str:
    """The nearest canonical colour name; greys by lightness when there is little chroma."""
    chroma = math.hypot(lab[1], lab[2])
    if chroma < 9:
        return "black" if lab[0] < 28 else "white" if lab[0] > 88 else "grey"
    return min(_NAMED_LAB, key=lambda n: delta_e(lab, _NAMED_LAB[n]))


# --- loading ------------------------------------------------------------------------------------


def load_photo(path: str | Path) -> VisualFeatures:
    """Features of a photo on disk; PhotoError (one line) for a missing, bad, huge or truncated file."""
    p = Path(path).expanduser()
    if not p.is_file():
        raise PhotoError(f"photo not found: {p}")
    if p.stat().st_size > MAX_FILE_BYTES:
        raise PhotoError(f"photo too large: {p.name} is over {MAX_FILE_BYTES // 1_000_000} MB")
    return features_from_bytes(p.read_bytes(), name=p.name)


def features_from_bytes(data: bytes, *, name: str = "image") -> VisualFeatures:
    """Features of an image given as bytes (a photo or a fetched product image: both untrusted)."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_FILE_BYTES:
        raise PhotoError(f"{name}: image too large")
    try:
        with Image.open(io.BytesIO(data)) as img:
            width, height = img.size
            if width * height > MAX_PIXELS or width <= 0 or height <= 0:
                raise PhotoError(f"{name}: {width}x{height} pixels is too large to read safely")
            img.draft("RGB", (SAMPLE_SIDE * 4, SAMPLE_SIDE * 4))  # JPEG: decode at a reduced scale
            rgb = _flatten(img)
            rgb.thumbnail((SAMPLE_SIDE, SAMPLE_SIDE))
    except PhotoError:
        raise
    except Image.DecompressionBombError:
        raise PhotoError(f"{name}: too large to read safely (a decompression bomb?)") from None
    except UnidentifiedImageError:
        raise PhotoError(f"{name}: not a readable image") from None
    except (OSError, ValueError, SyntaxError) as exc:  # truncated or corrupt data
        raise PhotoError(f"{name}: damaged image ({exc})") from None
    return _features(rgb, (width, height))


def _flatten(img: Image.Image) -> Image.Image:
    from PIL import Image

    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        base = Image.new("RGB", rgba.size, (255, 255, 255))
        base.paste(rgba, mask=rgba.getchannel("A"))
        return base
    return img.convert("RGB")


# --- features -----------------------------------------------------------------------------------


def _features(img: Image.Image, size: tuple[int, int]) -> VisualFeatures:
    w, h = img.size
    flat = getattr(img, "get_flattened_data", None)  # Pillow 12+; getdata() is deprecated there
    pixels: list[tuple[int, int, int]] = list(flat() if flat else img.getdata())
    cache: dict[tuple[int, int, int], Lab] = {}
    labs = [cache.setdefault(p, rgb_to_lab(p)) if p not in cache else cache[p] for p in pixels]
    mask = _foreground(labs, w, h)
    fg = [lab for lab, keep in zip(labs, mask, strict=True) if keep]
    swatches = _dominant(fg)
    return VisualFeatures(
        swatches=swatches,
        histogram=_histogram(fg),
        brightness=sum(lab[0] for lab in fg) / len(fg),
        pattern=_pattern(labs, mask, w, h),
        size=size,
    )


def _foreground(labs: list[Lab], w: int, h: int) -> list[bool]:
    """True for object pixels: a uniform border colour (a studio or paper background) is removed."""
    border = [labs[i] for i in range(len(labs)) if i % w in (0, w - 1) or i // w in (0, h - 1)]
    if not border:
        return [True] * len(labs)
    ref = sorted(border, key=lambda c: c[0])[len(border) // 2]
    near = sum(1 for c in border if delta_e(c, ref) < BACKGROUND_DELTA_E)
    if near < UNIFORM_BORDER_SHARE * len(border):
        return [True] * len(labs)
    mask = [delta_e(c, ref) >= BACKGROUND_DELTA_E for c in labs]
    if sum(mask) < MIN_FOREGROUND * len(labs):
        return [True] * len(labs)
    return mask


def _dominant(labs: list[Lab]) -> list[Swatch]:
    """Weighted k-means in CIELAB over the distinct (rounded) colours, started from far-apart points,
    merged when close, largest first."""
    counts: dict[Lab, int] = {}
    for c in labs:
        key = (round(c[0] / COLOUR_GRAIN) * COLOUR_GRAIN, round(c[1] / COLOUR_GRAIN) * COLOUR_GRAIN,
               round(c[2] / COLOUR_GRAIN) * COLOUR_GRAIN)  # fmt: skip
        counts[key] = counts.get(key, 0) + 1
    points = list(counts)
    mean = _mean(labs)
    centres = [min(points, key=lambda c: delta_e(c, mean))]
    while len(centres) < min(K_COLOURS, len(points)):
        centres.append(max(points, key=lambda c: counts[c] ** 0.5 * min(delta_e(c, k) for k in centres)))
    groups: list[list[Lab]] = []
    for _ in range(KMEANS_ROUNDS):
        groups = [[] for _ in centres]
        for c in points:
            groups[min(range(len(centres)), key=lambda i: delta_e(c, centres[i]))].append(c)
        centres = [_weighted_mean(g, counts) if g else centres[i] for i, g in enumerate(groups)]
    merged: list[tuple[Lab, int]] = []
    sized = [(centre, sum(counts[c] for c in group)) for centre, group in zip(centres, groups, strict=True)]
    for centre, n in sorted(sized, key=lambda x: -x[1]):
        if not n:
            continue
        for i, (other, m) in enumerate(merged):
            if delta_e(centre, other) < MERGE_DELTA_E:
                share = n / (n + m)
                mixed = (
                    other[0] + (centre[0] - other[0]) * share,
                    other[1] + (centre[1] - other[1]) * share,
                    other[2] + (centre[2] - other[2]) * share,
                )
                merged[i] = (mixed, n + m)
                break
        else:
            merged.append((centre, n))
    total = sum(n for _, n in merged)
    swatches = [
        Swatch(lab=_round(c), rgb=lab_to_rgb(c), weight=round(n / total, 3), name=colour_name(c))
        for c, n in sorted(merged, key=lambda x: -x[1])
        if n / total >= MIN_SWATCH_WEIGHT
    ]
    return swatches or [
        Swatch(_round(merged[0][0]), lab_to_rgb(merged[0][0]), 1.0, colour_name(merged[0][0]))
    ]


def _weighted_mean(group: list[Lab], counts: dict[Lab, int]) -> Lab:
    n = sum(counts[c] for c in group)
    return (
        sum(c[0] * counts[c] for c in group) / n,
        sum(c[1] * counts[c] for c in group) / n,
        sum(c[2] * counts[c] for c in group) / n,
    )


def _mean(group: list[Lab]) -> Lab:
    n = len(group)
    return (sum(c[0] for c in group) / n, sum(c[1] for c in group) / n, sum(c[2] for c in group) / n)


def _round(lab: Lab) -> Lab:
    return (round(lab[0], 1), round(lab[1], 1), round(lab[2], 1))


def _histogram(labs: list[Lab]) -> list[float]:
    bins = [0.0] * (_L_BINS * _AB_BINS * _AB_BINS)
    for lightness, a, b in labs:
        li = min(_L_BINS - 1, max(0, int(lightness / 100 * _L_BINS)))
        ai = min(_AB_BINS - 1, max(0, int((a + 100) / 200 * _AB_BINS)))
        bi = min(_AB_BINS - 1, max(0, int((b + 100) / 200 * _AB_BINS)))
        bins[(li * _AB_BINS + ai) * _AB_BINS + bi] += 1
    total = sum(bins) or 1.0
    return [round(v / total, 4) for v in bins]


def _pattern(labs: list[Lab], mask: list[bool], w: int, h: int) -> Pattern:
    """Stripes change along one axis only; checks along both; a plain object along neither."""
    mask = _filled(mask, w, h)

    def inside(x: int, y: int) -> bool:
        # the object's own interior: its outline against the backdrop is no pattern
        return all(
            0 <= x + dx < w and 0 <= y + dy < h and mask[(y + dy) * w + x + dx]
            for dx, dy in ((0, 0), (1, 0), (-1, 0), (0, 1), (0, -1))
        )

    interior = [inside(i % w, i // w) for i in range(w * h)]

    def edges(lines: list[list[int]]) -> float:
        counts = []
        for line in lines:
            run = [i for i in line if interior[i]]
            if len(run) < 4:
                continue
            counts.append(
                sum(
                    1
                    for a, b in itertools.pairwise(run)
                    if delta_e(labs[a], labs[b]) >= EDGE_JUMP and abs(a - b) in (1, w)
                )
            )
        return sum(counts) / len(counts) if counts else 0.0

    along_x = edges([[y * w + x for x in range(w)] for y in range(h)])
    along_y = edges([[y * w + x for y in range(h)] for x in range(w)])
    if along_x >= PATTERN_EDGES and along_y >= PATTERN_EDGES:
        return "checked"
    if along_x >= PATTERN_EDGES or along_y >= PATTERN_EDGES:
        return "striped"
    return "plain"


def _filled(mask: list[bool], w: int, h: int) -> list[bool]:
    """The object's silhouette with holes closed: light stripes can look like the backdrop."""
    rows = [[x for x in range(w) if mask[y * w + x]] for y in range(h)]
    cols = [[y for y in range(h) if mask[y * w + x]] for x in range(w)]

    def filled(x: int, y: int) -> bool:
        col, row = cols[x], rows[y]
        in_col = bool(col) and col[0] <= y <= col[-1]
        # a stripe as light as the backdrop empties a whole row: the columns still span it
        return in_col and (not row or row[0] <= x <= row[-1])

    return [filled(i % w, i // w) for i in range(w * h)]


# --- similarity ---------------------------------------------------------------------------------


def _colour_match(a: VisualFeatures, b: VisualFeatures) -> float:
    def one_way(x: VisualFeatures, y: VisualFeatures) -> float:
        return sum(
            s.weight * max(0.0, 1.0 - min(delta_e(s.lab, t.lab) for t in y.swatches) / COLOUR_FALLOFF)
            for s in x.swatches
        ) / (sum(s.weight for s in x.swatches) or 1.0)

    return (one_way(a, b) + one_way(b, a)) / 2


def similarity(a: VisualFeatures, b: VisualFeatures) -> float:
    """How alike two pictures look, 0..1: colours first, then colour spread, pattern and brightness."""
    hist = sum(min(x, y) for x, y in zip(a.histogram, b.histogram, strict=True))
    pattern = 1.0 if a.pattern == b.pattern else 0.5 if "plain" not in (a.pattern, b.pattern) else 0.2
    bright = 1.0 - min(1.0, abs(a.brightness - b.brightness) / 100)
    score = W_COLOUR * _colour_match(a, b) + W_HISTOGRAM * hist + W_PATTERN * pattern + W_BRIGHTNESS * bright
    return round(score, 4)


def closeness_words(a: VisualFeatures, b: VisualFeatures) -> str:
    """A short phrase for a reason: what is alike ('colours', 'colours and pattern')."""
    parts = []
    if _colour_match(a, b) >= 0.6:
        parts.append("colours")
    if a.pattern == b.pattern and a.pattern != "plain":
        parts.append(f"{a.pattern} pattern")
    return " and ".join(parts) or "look"


def to_json(features: VisualFeatures) -> str:
    """Features as compact JSON, for the picture cache."""
    import json

    return json.dumps(
        {
            "swatches": [[list(s.lab), list(s.rgb), s.weight, s.name] for s in features.swatches],
            "histogram": features.histogram,
            "brightness": round(features.brightness, 2),
            "pattern": features.pattern,
            "size": list(features.size),
        },
        separators=(",", ":"),
    )


def from_json(text: str) -> VisualFeatures:
    """Features back from to_json()."""
    import json

    data = json.loads(text)
    swatches = [
        Swatch((lab[0], lab[1], lab[2]), (rgb[0], rgb[1], rgb[2]), w, n)
        for lab, rgb, w, n in data["swatches"]
    ]
    return VisualFeatures(
        swatches=swatches,
        histogram=[float(x) for x in data["histogram"]],
        brightness=float(data["brightness"]),
        pattern=data["pattern"],
        size=(int(data["size"][0]), int(data["size"][1])),
    )
