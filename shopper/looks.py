"""Product pictures against the user's example photos: fetch the top candidates' images, score, explain."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from shopper.errors import PhotoError
from shopper.vision import VisualFeatures, features_from_bytes, load_photo, similarity

if TYPE_CHECKING:
    from shopper.models import Offer, Profile, Query, RankedOffer, Variant
    from shopper.shops.fetch import Fetcher

MAX_CANDIDATES = 24  # offers whose pictures are fetched, best-ranked first
MAX_IMAGES_PER_OFFER = 6  # the main picture plus colour variants' pictures
MAX_IMAGE_BYTES = 4_000_000  # a product picture larger than this is skipped, not read
VISUAL_POINTS = 30.0  # score points for a perfect look match (relevance is worth up to 100)
CLOSE = 0.6  # similarity at which a reason says the offer looks like the photo
FAR = 0.4  # below this the reason says it does not


@dataclass(frozen=True)
class Photo:
    """One example photo of the user's and what it looks like."""

    name: str
    features: VisualFeatures


def load_photos(paths: list[str], warnings: list[str] | None = None) -> list[Photo]:
    """The readable photos among paths; unreadable ones become warnings (or raise without a list)."""
    photos: list[Photo] = []
    for path in paths:
        try:
            photos.append(Photo(Path(path).name, load_photo(path)))
        except PhotoError as exc:
            if warnings is None:
                raise
            warnings.append(f"photo skipped: {exc}")
    return photos


def profile_photo_paths(profile: Profile) -> list[str]:
    """The profile's example photos (already made absolute when the profile was loaded)."""
    return list(profile.example_photos)


def photo_colour_words(photos: list[Photo]) -> list[str]:
    """Canonical English colour names the photos show, most photos' main colour first."""
    return list(dict.fromkeys(name for p in photos for name in p.features.colour_names()))


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


async def fetch_features(fetcher: Fetcher, urls: list[str], warnings: list[str]) -> dict[str, VisualFeatures]:
    """Features of each picture URL that can be fetched and read; the rest are skipped with a warning."""
    out: dict[str, VisualFeatures] = {}

    async def one(url: str) -> None:
        page = await fetcher.get(url)
        if page is None:
            return
        if len(page.content) > MAX_IMAGE_BYTES:
            warnings.append(f"{url}: picture over {MAX_IMAGE_BYTES // 1_000_000} MB skipped")
            return
        try:
            # decoding and measuring a picture is CPU work: keep the event loop for the other fetches
            out[url] = await asyncio.to_thread(features_from_bytes, page.content, name=url)
        except PhotoError as exc:
            warnings.append(f"picture skipped: {exc}")

    await asyncio.gather(*(one(u) for u in dict.fromkeys(urls)))
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
        if score >= CLOSE:
            what = _what_is_close(photo, looks, r)
            r.reasons.append(f"+ {what} close to your photo {photo.name}")
        elif score < FAR:
            r.reasons.append(f"− looks unlike your photo {photo.name}")
        else:
            r.reasons.append(f"~ somewhat like your photo {photo.name}")
    ranked.sort(key=lambda r: -r.score)


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
    fetcher: Fetcher, ranked: list[RankedOffer], photos: list[Photo], warnings: list[str]
) -> None:
    """Fetch the top candidates' pictures (bounded) and fold the look-alike score into the ranking."""
    if not photos or not ranked:
        return
    urls = [url for r in ranked[:MAX_CANDIDATES] for url, _ in _pictures(r.offer)]
    looks = await fetch_features(fetcher, urls, warnings)
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
    terms = list(dict.fromkeys([*query.search_terms[:1], *phrases, *query.search_terms[1:]]))
    return query.model_copy(update={"search_terms": terms})
