"""Landed cost: price plus shipping, converted to the profile currency only with a configured rate."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlsplit

from shopper.models import Money, Offer, Profile, ShopConfig

CENT = Decimal("0.01")


def convert(money: Money, currency: str, rates: dict[str, Decimal]) -> Money | None:
    """Money in another currency via rates (units of `currency` per foreign unit); None if no rate."""
    if money.currency == currency:
        return money
    rate = rates.get(money.currency)
    if rate is None:
        return None
    return Money(amount=(money.amount * rate).quantize(CENT), currency=currency)


def _host(url: str) -> str:
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    return host.removeprefix("www.")


def shop_config(offer: Offer, profile: Profile) -> ShopConfig | None:
    """The profile's config for the offer's shop, by name or by domain."""
    host = _host(offer.url)
    for shop in profile.shops:
        if offer.shop and shop.name.casefold() == offer.shop.casefold():
            return shop
        if host and _host(shop.url) == host:
            return shop
    return None


@dataclass
class Landed:
    """A landed cost and how it came about."""

    total: Money | None  # in the profile currency when convertible, else the offer's own
    shipping: Money | None  # None: unknown
    comparable: bool  # total is in the profile currency
    notes: list[str]


def landed_cost(offer: Offer, profile: Profile, shop: ShopConfig | None = None) -> Landed:
    """Price plus shipping (page-stated, else the shop's rate unless over its free-shipping threshold)."""
    if offer.price is None:
        return Landed(None, None, False, ["no price"])
    price = offer.price
    shop = shop if shop is not None else shop_config(offer, profile)
    notes: list[str] = []
    shipping: Money | None = None
    if offer.shipping is not None:
        shipping = offer.shipping
    elif shop is not None and (shop.shipping is not None or shop.free_shipping_over is not None):
        cur = shop.currency or price.currency
        free = shop.free_shipping_over is not None and price.amount >= shop.free_shipping_over
        amount = Decimal(0) if free or shop.shipping is None else shop.shipping
        shipping = Money(amount=amount, currency=cur)
        if free and shop.shipping:
            notes.append(f"free shipping over {shop.free_shipping_over} {cur}")
    total = price
    if shipping is not None:
        if shipping.currency == price.currency:
            total = Money(amount=price.amount + shipping.amount, currency=price.currency)
        else:
            conv = convert(shipping, price.currency, profile.rates)
            if conv is not None:
                total = Money(amount=price.amount + conv.amount, currency=price.currency)
            else:
                notes.append(f"shipping in {shipping.currency} not added")
    in_profile = convert(total, profile.currency, profile.rates)
    if in_profile is None:
        notes.append(f"in {total.currency}; no rate to {profile.currency}, not compared on price")
        return Landed(total, shipping, False, notes)
    return Landed(in_profile, shipping, True, notes)


def money_str(m: Money) -> str:
    """Short human money: €12.50, $3.00, 12.50 NOK."""
    symbols = {"EUR": "€", "USD": "$", "GBP": "£"}
    sym = symbols.get(m.currency)
    return f"{sym}{m.amount:.2f}" if sym else f"{m.amount:.2f} {m.currency}"
