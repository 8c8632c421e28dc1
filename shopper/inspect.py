"""Read product pages (URLs or saved files) and extract one offer from each: the core of `shopper inspect`."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

from pydantic import BaseModel, Field

from shopper.errors import UsageError
from shopper.extract.listing import Listing
from shopper.models import Offer

MAX_FILE_BYTES = 10_000_000


class InspectResult(BaseModel):
    """What one source held; `error` is set when the source could not be read."""

    source: str
    url: str | None = None
    offer: Offer | None = None
    listing: Listing | None = None  # set when the source was read as a listing page
    notes: list[str] = Field(default_factory=list)
    error: str | None = None


def is_url(source: str) -> bool:
    """True for http(s) URLs; other schemes are not sources."""
    return source.lower().startswith(("http://", "https://"))


def read_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """A saved page's bytes, gunzipped when compressed, never more than `limit` bytes decompressed."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a directory, not a page") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if raw[:2] != b"\x1f\x8b":
        if len(raw) > limit:
            raise UsageError(f"{path}: larger than {limit:,} bytes")
        return raw
    # Decompress incrementally so a gzip bomb stops at the cap instead of filling memory.
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(raw, limit + 1)
    except (zlib.error, gzip.BadGzipFile) as exc:
        raise UsageError(f"{path}: damaged gzip file ({exc})") from None
    if len(data) > limit:
        raise UsageError(f"{path}: larger than {limit:,} bytes when decompressed")
    if not inflater.eof:
        raise UsageError(f"{path}: damaged gzip file (it ends too early)")
    return data


def inspect_bytes(content: bytes, source: str, url: str | None, *, listing: bool = False) -> InspectResult:
    """Run the extraction over one page's bytes (the product extraction, or the listing one)."""
    from shopper.extract.page import extract_product

    base = url or Path(source).resolve().as_uri()
    if listing:
        from shopper.extract.listing import read_listing

        found = read_listing(content, base)
        notes = list(found.notes)
        if not found.offers:
            notes.append(f"no offers read ({found.cards_seen} product card(s) seen)")
        return InspectResult(source=source, url=url, listing=found, notes=notes)
    offer = extract_product(content, base)
    notes = list(offer.notes) if offer else []
    if offer is not None and offer.price is None:
        notes.append("no price found")
    return InspectResult(source=source, url=url or (offer.url if offer else None), offer=offer, notes=notes)


async def inspect_sources(
    sources: list[str], urls: list[str], *, listing: bool = False
) -> list[InspectResult]:
    """Inspect every source in order; the i-th url is the i-th file's original address."""
    if len(urls) > len(sources):
        raise UsageError(f"{len(urls)} --url given for {len(sources)} source(s)")
    results: list[InspectResult] = []
    file_urls = iter(urls)
    remote = [s for s in sources if is_url(s)]
    pages = await _fetch_all(remote) if remote else {}
    for source in sources:
        if is_url(source):
            content, error = pages[source]
            if content is None:
                results.append(InspectResult(source=source, url=source, error=error))
            else:
                results.append(inspect_bytes(content, source, source, listing=listing))
            continue
        if "://" in source:
            scheme = source.split("://", 1)[0]
            results.append(
                InspectResult(
                    source=source, error=f"{source}: {scheme}:// is not supported (http, https or a file)"
                )
            )
            continue
        url = next(file_urls, None)
        if url is not None and not is_url(url):
            raise UsageError(f"--url {url!r} is not an http(s) address")
        try:
            content = read_file(Path(source))
        except UsageError as exc:
            results.append(InspectResult(source=source, url=url, error=str(exc)))
            continue
        results.append(inspect_bytes(content, source, url, listing=listing))
    return results


async def _fetch_all(urls: list[str]) -> dict[str, tuple[bytes | None, str | None]]:
    import asyncio

    from shopper.config import cache_dir
    from shopper.demo import start_if_named
    from shopper.shops.fetch import Fetcher, FetchSettings

    start_if_named(urls)
    out: dict[str, tuple[bytes | None, str | None]] = {}
    async with Fetcher(FetchSettings(cache_path=cache_dir() / "http.sqlite")) as fetcher:
        pages = await asyncio.gather(*(fetcher.get(u) for u in urls))
        for url, page in zip(urls, pages, strict=True):
            if page is None:
                reason = next(
                    (w for w in reversed(fetcher.warnings) if url in w), f"{url}: could not be fetched"
                )
                out[url] = (None, reason)
            else:
                out[url] = (page.content, None)
    return out
