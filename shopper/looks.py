"""Product pictures against the user's example photos: fetch the top candidates' images, score, explain."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from shopper.errors import PhotoError
from shopper.vision import VisualFeatures, features_from_bytes, from_json, load_photo, similarity, to_json

if TYPE_CHECKING:
    from shopper.llm.client import LLMClient
    from shopper.llm.photos import PhotoDescription
    from shopper.models import Offer, Profile, Query, RankedOffer, Variant
    from shopper.shops.fetch import Fetcher

MAX_CANDIDATES = 80  # offers whose pictures are fetched, best-ranked first
MAX_IMAGES_PER_OFFER = 6  # the main picture plus colour variants' pictures
MAX_IMAGE_BYTES = 4_000_000  # a product picture larger than this is skipped, not read
VISUAL_POINTS = 30.0  # score points for a perfect look match (relevance is worth up to 100)
DESCRIBED_POINTS = 6.0  # the offer names the material or style a vision LLM saw in the photo
CLOSE = 0.6  # similarity at which a reason says the offer looks like the photo
FAR = 0.4  # below this the reason says it does not
PICTURE_FRESH = timedelta(days=7)  # a picture URL measured this recently is not fetched again


@dataclass(frozen=True)
class Photo:
    """One example photo of the user's, what it looks like, and what a vision LLM said it shows."""

    name: str
    features: VisualFeatures
    path: str = ""
    description: PhotoDescription | None = None


def load_photos(paths: list[str], warnings: list[str] | None = None) -> list[Photo]:
    """The readable photos among paths; unreadable ones become warnings (or raise without a list)."""
    photos: list[Photo] = []
    for path in paths:
        try:
            photos.append(Photo(Path(path).name, load_photo(path), path=str(path)))
        except PhotoError as exc:
            if warnings is None:
                raise
            warnings.append(f"photo skipped: {exc}")
    return photos


def profile_photo_paths(profile: Profile) -> list[str]:
    """The profile's example photos (already made absolute when the profile was loaded)."""
    return list(profile.photos)


def photo_colour_words(photos: list[Photo]) -> list[str]:
    """Canonical English colour names the photos show, most photos' main colour first."""
    named = [c for p in photos if p.description for c in p.description.colours]
    return list(dict.fromkeys([*named, *(name for p in photos for name in p.features.colour_names())]))


def photo_request(photos: list[Photo]) -> str:
    """A request made from the photos alone: the item a vision LLM saw, else the photos' colours."""
    described = next((p.description for p in photos if p.description), None)
    if described is not None:
        # the colour joins the search phrases and the look score, not the request: shops rarely
        # name the colour a photo shows the way the model does
        return described.category
    return " ".join(photo_colour_words(photos))


def describe_photos(photos: list[Photo], client: LLMClient | None, warnings: list[str]) -> list[Photo]:
    """The photos with a vision LLM's description each (asked once, then cached); as-is without one."""
    if client is None or not photos:
        return photos
    from dataclasses import replace

    from shopper.llm.photos import describe_all

    found = describe_all(client, [p.path for p in photos if p.path], warnings)
    return [replace(p, description=found.get(p.path)) for p in photos]


def _pictures(offer: Offer) -> list[tuple[str, Variant | None]]:
    pics: list[tuple[str, Variant | None]] = []
    seen: set[str] = set()
    for variant in offer.variants:
        if variant.image and variant.image not in seen:
            seen.add(variant.image)
            pics.append((variant.image, variant))
    if offer.images and offer.images[0] not in seen:
        pics.insert(0, (offer.images[0], None))
    return pics[:MAX_IMAGES_PER_OFFER]


class PictureCache:
    """Measured pictures by the SHA-256 of their bytes, and which bytes each picture URL served."""

    def __init__(self, conn: sqlite3.Connection | None) -> None:
        self.conn = conn

    def by_url(self, url: str, now: datetime) -> VisualFeatures | None:
        """The features of the picture this URL served within PICTURE_FRESH, if any."""
        if self.conn is None:
            return None
        row = self.conn.execute(
            "SELECT l.features, u.fetched_at FROM picture_urls u JOIN picture_looks l ON l.digest = u.digest "
            "WHERE u.url = ?",
            (url,),
        ).fetchone()
        if row is None or now - datetime.fromisoformat(row[1]) > PICTURE_FRESH:
            return None
        return from_json(row[0])

    def by_digest(self, digest: str) -> VisualFeatures | None:
        """The features measured for these bytes before, if any."""
        if self.conn is None:
            return None
        row = self.conn.execute("SELECT features FROM picture_looks WHERE digest = ?", (digest,)).fetchone()
        return from_json(row[0]) if row else None

    def put(self, urls: dict[str, str], measured: dict[str, VisualFeatures], now: datetime) -> None:
        """Remember URL -> bytes and newly measured pictures (one short write transaction)."""
        if self.conn is None or not urls:
            return
        stamp = now.isoformat()
        with self.conn:
            self.conn.executemany(
                "INSERT OR REPLACE INTO picture_looks (digest, features, measured_at) VALUES (?, ?, ?)",
                [(d, to_json(f), stamp) for d, f in measured.items()],
            )
            self.conn.executemany(
                "INSERT OR REPLACE INTO picture_urls (url, digest, fetched_at) VALUES (?, ?, ?)",
                [(u, d, stamp) for u, d in urls.items()],
            )


async def fetch_features(
    fetcher: Fetcher, urls: list[str], warnings: list[str], cache: PictureCache | None = None
) -> dict[str, VisualFeatures]:
    """Features of each picture URL that can be fetched and read; the rest are skipped with a warning."""
    cache = cache or PictureCache(None)
    now = datetime.now(UTC)
    out: dict[str, VisualFeatures] = {}
    measured: dict[str, VisualFeatures] = {}
    served: dict[str, str] = {}

    async def one(url: str) -> None:
        known = cache.by_url(url, now)
        if known is not None:
            out[url] = known  # a product picture's URL rarely changes its bytes: no request needed
            return
        page = await fetcher.get(url)
        if page is None:
            return
        if len(page.content) > MAX_IMAGE_BYTES:
            warnings.append(f"{url}: picture over {MAX_IMAGE_BYTES // 1_000_000} MB skipped")
            return
        digest = hashlib.sha256(page.content).hexdigest()
        found = measured.get(digest) or cache.by_digest(digest)
        if found is None:
            try:
                # decoding and measuring a picture is CPU work: keep the event loop for other fetches
                found = measured[digest] = await asyncio.to_thread(
                    features_from_bytes, page.content, name=url
                )
            except PhotoError as exc:
                warnings.append(f"picture skipped: {exc}")
                return
        out[url] = found
        served[url] = digest

    await asyncio.gather(*(one(u) for u in dict.fromkeys(urls)))
    cache.put(served, measured, now)
    return out


def _best(features: VisualFeatures, photos: list[Photo]) -> tuple[float, Photo]:
    return max(((similarity(p.features, features), p) for p in photos), key=lambda x: x[0])


def apply_looks(ranked: list[RankedOffer], photos: list[Photo], looks: dict[str, VisualFeatures]) -> None:
    """Add a visual score term and reason to each offer whose picture was read; pick the look-alike
    colour variant as the offer shown; re-sort best first."""
    if not photos:
        return
    for r in ranked:
        scored = [(_best(looks[url], photos), variant) for url, variant in _pictures(r.offer) if url in looks]
        if not scored:
            continue
        (score, photo), variant = max(scored, key=lambda s: s[0][0])
        if variant is not None:
            # the look-alike colour stands in only where it is sold in the size the request matched
            shown = _with_size(variant, r)
            if shown is not None and shown.availability in (None, "InStock", "LimitedAvailability"):
                r.matched_variant = shown
        r.score = round(r.score + VISUAL_POINTS * score, 3)
        _described_words(r, photos)
        if score >= CLOSE:
            what = _what_is_close(photo, looks, r)
            r.reasons.append(f"+ {what} close to your photo {photo.name}")
        elif score < FAR:
            r.reasons.append(f"− looks unlike your photo {photo.name}")
        else:
            r.reasons.append(f"~ somewhat like your photo {photo.name}")
    ranked.sort(key=lambda r: -r.score)


def _described_words(r: RankedOffer, photos: list[Photo]) -> None:
    """A bonus when the offer's own words name the photo's material or style ("merino", "cable knit")."""
    from shopper.decide.textmatch import phrase_in, stems

    text = stems(" ".join(filter(None, [r.offer.title, r.offer.description, r.offer.category])))
    for photo in photos:
        if photo.description is None:
            continue
        shared = [w for w in photo.description.words() if phrase_in(w, text)]
        if shared:
            r.score = round(r.score + DESCRIBED_POINTS, 3)
            r.reasons.append(f"+ {', '.join(shared)}, like your photo {photo.name}")
            return


def _with_size(variant: Variant, r: RankedOffer) -> Variant | None:
    """The variant of the chosen colour in the size the request matched; None when not sold so."""
    matched = r.matched_variant
    if matched is None or "size" not in matched.options:
        return variant
    colour = _colour(variant)
    for v in r.offer.variants:
        if _colour(v) == colour and v.options.get("size") == matched.options["size"]:
            return v
    return None


def _colour(variant: Variant) -> str | None:
    # "colour" is the canonical option key; older readings used the American spelling
    return variant.options.get("colour") or variant.options.get("color")


def _what_is_close(photo: Photo, looks: dict[str, VisualFeatures], r: RankedOffer) -> str:
    from shopper.vision import closeness_words

    pics = [looks[url] for url, _ in _pictures(r.offer) if url in looks]
    best = max(pics, key=lambda f: similarity(photo.features, f))
    return closeness_words(photo.features, best)


async def rank_by_photos(
    fetcher: Fetcher,
    ranked: list[RankedOffer],
    photos: list[Photo],
    warnings: list[str],
    conn: sqlite3.Connection | None = None,
) -> None:
    """Fetch the top candidates' pictures (bounded) and fold the look-alike score into the ranking."""
    if not photos or not ranked:
        return
    urls = [url for r in ranked[:MAX_CANDIDATES] for url, _ in _pictures(r.offer)]
    looks = await fetch_features(fetcher, urls, warnings, PictureCache(conn))
    apply_looks(ranked, photos, looks)


def photo_search_terms(query: Query, photos: list[Photo]) -> Query:
    """The query with the photos' colours added to its search phrases (never as a requirement)."""
    from shopper.understand.lexicon import COLOURS, LANGUAGE_WORDS

    colours = photo_colour_words(photos)
    if not colours:
        return query
    own = LANGUAGE_WORDS.get(query.language, frozenset())
    base = query.search_terms[0] if query.search_terms else " ".join(query.terms)
    phrases = []
    for colour in colours[:2]:
        # the colour in the request's language ("rood", "rød", "rot"), English when unknown
        word = next((f for f in COLOURS.get(colour, ()) if f in own), colour)
        phrases.append(f"{word} {base}".strip())
    for described in (p.description for p in photos if p.description):
        phrases.extend(f"{w} {described.category}" for w in described.words())
    terms = list(dict.fromkeys([*query.search_terms[:1], *phrases, *query.search_terms[1:]]))
    return query.model_copy(update={"search_terms": terms})
