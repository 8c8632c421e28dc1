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
) -> tuple[ShopConfig, Detection | None, Path | None]:
    """Detect a shop and save it into the profile; (the existing entry, None, None) when it is already in."""
    from shopper.demo import start_if_named
    from shopper.profiles import load_profile, save_profile, user_path_for
    from shopper.shops.fetch import Fetcher
    from shopper.shops.naming import same_shop_url, shop_name

    if not url.lower().startswith(("http://", "https://")):
        raise UsageError(f"{url!r} is not an http(s) address")
    profile = load_profile(profile_name)
    existing = next((s for s in profile.shops if same_shop_url(s.url, url)), None)
    if existing is not None:
        return existing, None, None
    start_if_named([url])
    async with Fetcher(_fetch_settings()) as fetcher:
        detection = await detect_shop(fetcher, url)
        if not detection.reachable:
            reason = fetcher.warnings[-1] if fetcher.warnings else "no answer"
            raise ShopError(f"cannot add {url}: {reason}")
        home = await fetcher.get(url)
    platform = detection.platform or "html"
    named = name or (shop_name(home.text, url) if home is not None else None) or host(url)
    taken = {s.name.casefold() for s in profile.shops}
    if named.casefold() in taken:
        named = f"{named} ({host(url)})"
    shop = ShopConfig(
        name=named,
        url=url.rstrip("/"),
        platform=platform,
        search_url=detection.search_url if platform == "html" else None,
        currency=detection.currency,
    )
    profile.shops = [*profile.shops, shop]
    # The profile's own file, or a copy in the data dir: a bundled example is never rewritten.
    path = save_profile(profile, user_path_for(profile))
    return shop, detection, path


async def sync_shops(profile: Profile) -> list[tuple[str, int, str | None]]:
    """Refresh the catalogue mirror of every listable shop: (shop, products, error)."""
    from shopper.models import Query
    from shopper.pipeline import shops_for
    from shopper.shops.fetch import Fetcher
    from shopper.shops.search import SearchContext, claim_shop_name, resolve_adapter, sync_catalogue
    from shopper.store.db import connect
    from shopper.store.writer import Writer

    shops, _ = shops_for(profile)
    conn = connect()
    results: list[tuple[str, int, str | None]] = []
    try:
        # the catalogues are indexed on the writer's thread while the other shops' pages come in
        async with Writer(conn) as writer, Fetcher(_fetch_settings()) as fetcher:
            ctx = SearchContext(fetcher=fetcher, conn=conn, query=Query(text=""), writer=writer)

            async def one(shop: ShopConfig) -> tuple[str, int, str | None]:
                try:
                    await claim_shop_name(ctx, shop)
                    adapter = await resolve_adapter(ctx, shop)
                    listed = await sync_catalogue(ctx, adapter, shop)
                except ShopError as exc:
                    return shop.name, 0, str(exc)
                if listed is None:
                    reason = next((w for w in reversed(fetcher.warnings) if host(shop.url) in w), "")
                    return shop.name, 0, "catalogue cannot be listed" + (f" ({reason})" if reason else "")
                return shop.name, len(listed), None

            results = list(await asyncio.gather(*(one(s) for s in shops)))
    finally:
        conn.close()
    return results


def remove_shop(name_or_url: str, profile_name: str | None) -> tuple[ShopConfig, Path]:
    """Remove a shop (by name, case-insensitive, or URL) from the profile; ShopError when it is not in it."""
    import difflib

    from shopper.profiles import load_profile, save_profile, user_path_for
    from shopper.shops.naming import same_shop_url

    profile = load_profile(profile_name)
    wanted = name_or_url.strip().casefold()
    found = next(
        (s for s in profile.shops if s.name.casefold() == wanted or same_shop_url(s.url, name_or_url)), None
    )
    if found is None:
        names = ", ".join(s.name for s in profile.shops) or "none"
        close = difflib.get_close_matches(name_or_url, [s.name for s in profile.shops], n=1)
        hint = f"; did you mean {close[0]}?" if close else f" (its shops: {names})"
        raise ShopError(f"no shop {name_or_url!r} in profile {profile.name}{hint}")
    profile.shops = [s for s in profile.shops if s is not found]
    return found, save_profile(profile, user_path_for(profile))
