"""Before anything is bought: find the item (a URL or a row of the last find), re-read it live, and pick
the variant (size, colour) that must exist and be in stock."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from urllib.parse import urlsplit

from shopper.checkout.lines import Line
from shopper.errors import CheckoutError, UsageError
from shopper.models import BUYABLE, FindResult, Money, Offer, Profile, Query, ShopConfig, Variant
from shopper.shops.fetch import Fetcher

SIZE_KEYS = ("size",)
COLOUR_KEYS = ("colour", "color")  # "color" until every extractor writes the canonical key


class NeedSize(CheckoutError):
    """The product comes in sizes and none was chosen; `sizes` are the ones in stock."""

    exit_code = 2

    def __init__(self, title: str, sizes: list[str]) -> None:
        listed = ", ".join(sizes) if sizes else "none in stock"
        super().__init__(f"{title} comes in sizes; choose one with --size (in stock: {listed})")
        self.sizes = sizes


@dataclass
class Target:
    """What the user pointed at: a URL, and what the last find said about it."""

    url: str
    shop: str | None = None
    title: str | None = None
    seen_price: Money | None = None


def target_of(ref: str, conn: sqlite3.Connection) -> Target:
    """A URL as it is, or RANK: that row of the last `find` (1 is the first)."""
    text = ref.strip()
    if text.isdigit():
        from shopper.store.repos import LastResultsRepo

        latest = LastResultsRepo(conn).latest()
        if latest is None:
            raise UsageError(f'no earlier find to take row {text} from: run `shopper find "..."` first')
        result = FindResult.model_validate_json(latest[1])
        rank = int(text)
        if not 1 <= rank <= len(result.offers):
            raise UsageError(
                f"the last find ({result.request!r}) has {len(result.offers)} row(s), not {rank}"
            )
        ranked = result.offers[rank - 1]
        return Target(ranked.offer.url, ranked.offer.shop or None, ranked.offer.title, ranked.offer.price)
    if not text.lower().startswith(("http://", "https://")):
        raise UsageError(f"{ref!r} is neither a product URL (http/https) nor a row number of the last find")
    return Target(text)


def _netloc(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}:{parts.port}" if parts.port else host


def shop_of(target: Target, profile: Profile) -> ShopConfig:
    """The profile's (or the demo's) shop the URL belongs to; an ad-hoc shop for any other site."""
    shops = list(profile.shops)
    from shopper.demo import is_demo_url

    if is_demo_url(target.url) or (not shops and profile.demo):
        from shopper.pipeline import shops_for

        shops = shops + shops_for(Profile(name=profile.name, currency=profile.currency))[0]
    netloc = _netloc(target.url)
    by_name = [s for s in shops if target.shop and s.name.casefold() == target.shop.casefold()]
    by_host = [s for s in shops if _netloc(s.url) == netloc]
    for shop in by_name + by_host:
        return shop.model_copy()
    parts = urlsplit(target.url)
    return ShopConfig(name=netloc, url=f"{parts.scheme}://{parts.netloc}")


async def read_live(fetcher: Fetcher, conn: sqlite3.Connection | None, shop: ShopConfig, url: str) -> Offer:
    """The offer read live through the shop's adapter (the page itself when the adapter cannot)."""
    from shopper.shops.adapters.html import read_product
    from shopper.shops.search import SearchContext, resolve_adapter

    ctx = SearchContext(fetcher=fetcher, conn=conn, query=Query(text=url))
    offer: Offer | None = None
    try:
        adapter = await resolve_adapter(ctx, shop)
        offer = await adapter.product(fetcher, shop, url)
    except CheckoutError:
        raise
    except Exception as exc:  # a shop that cannot be detected still has its product page
        fetcher.warnings.append(f"{shop.name}: {exc}")
    if offer is not None and not _same_product(offer.url, url):
        # An adapter that answered with another product must not decide what is bought: read the page.
        offer = None
    if offer is None:
        offer = await read_product(fetcher, shop, url)
    if offer is None:
        why = "; ".join(fetcher.warnings[-2:]) or "no product found on the page"
        raise CheckoutError(f"could not re-check {url} live, so nothing is bought ({why})")
    offer.shop = shop.name
    return offer


def _same_product(found: str, wanted: str) -> bool:
    a, b = urlsplit(found), urlsplit(wanted)
    return (_netloc(found), a.path.rstrip("/")) == (_netloc(wanted), b.path.rstrip("/"))


def _option(variant: Variant, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        for name, value in variant.options.items():
            if name.casefold() == key:
                return value
    return None


def _same_size(a: str, b: str) -> bool:
    from shopper.understand.sizes import canonical_size

    return (canonical_size(a) or a.strip()).casefold() == (canonical_size(b) or b.strip()).casefold()


def _same_colour(a: str, b: str) -> bool:
    from shopper.understand.features import colour_of

    return (colour_of(a.strip()) or a.strip().casefold()) == (colour_of(b.strip()) or b.strip().casefold())


def _buyable(availability: str | None) -> bool:
    return availability is None or availability in BUYABLE


def choose_variant(
    offer: Offer, size: str | None, colour: str | None
) -> tuple[Variant | None, dict[str, str]]:
    """The variant to buy and its options; raises when it does not exist, is sold out or must be chosen."""
    sized = [v for v in offer.variants if _option(v, SIZE_KEYS)]
    coloured = [v for v in offer.variants if _option(v, COLOUR_KEYS)]
    candidates = list(offer.variants)
    if colour:
        if coloured:
            candidates = [v for v in candidates if _same_colour(_option(v, COLOUR_KEYS) or "", colour)]
            if not candidates:
                have = sorted({_option(v, COLOUR_KEYS) or "" for v in coloured})
                raise CheckoutError(f"{offer.title} has no colour {colour!r} (colours: {', '.join(have)})")
        else:
            raise CheckoutError(f"{offer.title} does not come in colours; leave out --colour")
    in_stock_sizes = _unique(
        _option(v, SIZE_KEYS) or "" for v in candidates if _option(v, SIZE_KEYS) and _buyable(v.availability)
    )
    if sized and not size:
        raise NeedSize(offer.title, in_stock_sizes)
    if size:
        if not sized:
            raise CheckoutError(f"{offer.title} does not come in sizes; leave out --size")
        candidates = [v for v in candidates if _same_size(_option(v, SIZE_KEYS) or "", size)]
        if not candidates:
            raise CheckoutError(
                f"{offer.title} has no size {size!r} (in stock: {', '.join(in_stock_sizes) or 'none'})"
            )
    if (
        coloured
        and not colour
        and len({_option(v, COLOUR_KEYS) for v in candidates if _option(v, COLOUR_KEYS)}) > 1
    ):
        have = _unique(_option(v, COLOUR_KEYS) or "" for v in candidates if _buyable(v.availability))
        raise CheckoutError(
            f"{offer.title} comes in several colours; choose one with --colour ({', '.join(have)})"
        )
    if not offer.variants:
        if not _buyable(offer.availability):
            raise CheckoutError(f"{offer.title} is sold out ({offer.availability})")
        return None, {}
    buyable = [v for v in candidates if _buyable(v.availability)]
    if not buyable:
        what = " ".join(
            x for x in (f"size {size}" if size else "", f"colour {colour}" if colour else "") if x
        )
        raise CheckoutError(
            f"{offer.title}{' in ' + what if what else ''} is sold out now "
            f"(in stock: {', '.join(in_stock_sizes) or 'nothing'})"
        )
    chosen = buyable[0]
    options: dict[str, str] = {}
    if (found := _option(chosen, SIZE_KEYS)) is not None:
        options["size"] = found
    if (found := _option(chosen, COLOUR_KEYS)) is not None:
        options["colour"] = found
    return chosen, options


def _unique(values: object) -> list[str]:
    out: list[str] = []
    for value in values:  # type: ignore[attr-defined]
        if value and value not in out:
            out.append(value)
    return out


def line_for(offer: Offer, target: Target, size: str | None, colour: str | None, qty: int) -> Line:
    """The line to buy, with the live price of the chosen variant."""
    variant, options = choose_variant(offer, size, colour)
    price = (variant.price if variant is not None and variant.price is not None else None) or offer.price
    if price is None:
        raise CheckoutError(f"{offer.title}: no price on the live page, so nothing is bought")
    availability = variant.availability if variant is not None else offer.availability
    sku = variant.sku if variant is not None and variant.sku else None
    return Line(
        url=offer.url if offer.url else target.url,
        shop=offer.shop,
        title=offer.title,
        options=options,
        qty=qty,
        unit_price=price,
        seen_price=target.seen_price,
        sku=sku,
        availability=availability,
    )
