"""Adding, checking and syncing a profile's shops (the core behind `shopper shops`)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from shopper.errors import ShopError, UsageError
from shopper.models import Profile, ShopConfig
from shopper.shops.detect import Detection, detect_shop
from shopper.shops.urls import host


def _fetch_settings() -> Any:
    from shopper.config import cache_dir
    from shopper.shops.fetch import FetchSettings

    return FetchSettings(cache_path=cache_dir() / "http.sqlite")


async def add_shop(
    url: str, profile_name: str | None, *, name: str | None = None
) -> tuple[ShopConfig, Detection, Path]:
    """Detect a shop and save it into the profile (replacing an entry with the same URL)."""
    from shopper.profiles import load_profile, save_profile, user_path_for
    from shopper.shops.fetch import Fetcher

    if not url.lower().startswith(("http://", "https://")):
        raise UsageError(f"{url!r} is not an http(s) address")
    profile = load_profile(profile_name)
    async with Fetcher(_fetch_settings()) as fetcher:
        detection = await detect_shop(fetcher, url)
        if not detection.reachable:
            reason = fetcher.warnings[-1] if fetcher.warnings else "no answer"
            raise ShopError(f"cannot add {url}: {reason}")
    platform = detection.platform or "html"
    shop = ShopConfig(
        name=name or host(url),
        url=url.rstrip("/"),
        platform=platform,
        search_url=detection.search_url if platform == "html" else None,
        currency=detection.currency,
    )
    profile.shops = [s for s in profile.shops if s.url.rstrip("/") != shop.url] + [shop]
    # The profile's own file, or a copy in the data dir: a bundled example is never rewritten.
    path = save_profile(profile, user_path_for(profile))
    return shop, detection, path


async def sync_shops(profile: Profile) -> list[tuple[str, int, str | None]]:
    """Refresh the catalogue mirror of every listable shop: (shop, products, error)."""
    from shopper.models import Query
    from shopper.pipeline import shops_for
    from shopper.shops.fetch import Fetcher
    from shopper.shops.search import SearchContext, resolve_adapter, sync_catalogue
    from shopper.store.db import connect

    shops, _ = shops_for(profile)
    conn = connect()
    results: list[tuple[str, int, str | None]] = []
    try:
        async with Fetcher(_fetch_settings()) as fetcher:
            ctx = SearchContext(fetcher=fetcher, conn=conn, query=Query(text=""))

            async def one(shop: ShopConfig) -> tuple[str, int, str | None]:
                try:
                    adapter = await resolve_adapter(ctx, shop)
                    count = await sync_catalogue(ctx, adapter, shop)
                except ShopError as exc:
                    return shop.name, 0, str(exc)
                if count is None:
                    reason = next((w for w in reversed(fetcher.warnings) if host(shop.url) in w), "")
                    return shop.name, 0, "catalogue cannot be listed" + (f" ({reason})" if reason else "")
                return shop.name, count, None

            results = list(await asyncio.gather(*(one(s) for s in shops)))
    finally:
        conn.close()
    return results
