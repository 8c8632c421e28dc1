"""Offers as tools return them: short, numbered, scraped text flattened and capped."""

from __future__ import annotations

from pydantic import BaseModel, Field

from shopper.llm.untrusted import flat
from shopper.models import BUYABLE, Money, Offer, RankedOffer

TITLE_LIMIT = 120
REASONS_SHOWN = 4


class OfferCard(BaseModel):
    """One offer in a tool's answer."""

    n: int = Field(description="its number in the last results (0: not among them)")
    title: str
    shop: str
    url: str
    brand: str | None = None
    price: Money | None = None
    landed: Money | None = None
    availability: str | None = None
    sizes_in_stock: list[str] = Field(default_factory=list)
    sizes_sold_out: list[str] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)


class StockRow(BaseModel):
    """One shop's answer to "do you have it in this size?"."""

    n: int
    title: str
    shop: str
    url: str
    size: str
    in_stock: bool | None = Field(default=None, description="None when the shop does not say")
    availability: str | None = None
    price: Money | None = None
    note: str = ""


def card_of(n: int, ranked: RankedOffer) -> OfferCard:
    """A card for one ranked offer."""
    offer = ranked.offer
    in_stock, sold_out = _sizes(offer)
    return OfferCard(
        n=n,
        title=flat(offer.title, TITLE_LIMIT),
        shop=flat(offer.shop, 60),
        url=offer.url,
        brand=flat(offer.brand, 60) if offer.brand else None,
        price=offer.price,
        landed=ranked.landed,
        availability=offer.availability,
        sizes_in_stock=in_stock,
        sizes_sold_out=sold_out,
        reasons=[flat(r, 120) for r in ranked.reasons[:REASONS_SHOWN]],
    )


def _sizes(offer: Offer) -> tuple[list[str], list[str]]:
    in_stock: list[str] = []
    sold_out: list[str] = []
    for variant in offer.variants:
        size = variant.options.get("size")
        if not size:
            continue
        bucket = in_stock if (variant.availability or offer.availability) in BUYABLE else sold_out
        if size not in bucket:
            bucket.append(flat(size, 20))
    return in_stock, [s for s in sold_out if s not in in_stock]


def size_availability(n: int, offer: Offer, size: str) -> StockRow:
    """Whether `offer` has `size` in stock, from its variants."""
    from shopper.understand.sizes import canonical_size

    row = StockRow(
        n=n, title=flat(offer.title, TITLE_LIMIT), shop=flat(offer.shop, 60), url=offer.url, size=size
    )
    sized = [v for v in offer.variants if v.options.get("size")]
    matches = [v for v in sized if (canonical_size(v.options["size"]) or v.options["size"]) == size]
    if not sized:
        row.in_stock = None
        row.note = "the shop lists no sizes for it"
        row.availability = offer.availability
        row.price = offer.price
        return row
    if not matches:
        row.in_stock = False
        row.note = "not made in this size"
        return row
    buyable = [v for v in matches if (v.availability or offer.availability) in BUYABLE]
    chosen = buyable[0] if buyable else matches[0]
    row.in_stock = bool(buyable) if any(v.availability or offer.availability for v in matches) else None
    row.availability = chosen.availability or offer.availability
    row.price = chosen.price or offer.price
    return row
