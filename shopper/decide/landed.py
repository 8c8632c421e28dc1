"""Landed cost: price plus shipping, converted to the profile currency with a known rate (and its date)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlsplit

from shopper.models import Money, Offer, Profile, ShopConfig
from shopper.money import Converted, RateTable, format_money, rate_table
from shopper.money import convert as convert_money


def convert(money: Money, currency: str, rates: RateTable) -> Money | None:
    """Money in another currency through the rate table; None when there is no rate."""
    done = convert_money(money, currency, rates)
    return None if done is None else done.money


def _host(url: str) -> str:
    # the port counts: two shops on one host (a test or demo machine) are two shops
    parts = urlsplit(url if "//" in url else "//" + url)
    host = (parts.hostname or "").removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{host}:{port}" if host and port else host


def shop_config(offer: Offer, profile: Profile) -> ShopConfig | None:
    """The profile's config for the offer's shop: by name, else by domain."""
    return config_of(offer, profile.shops)


def config_of(offer: Offer, shops: list[ShopConfig]) -> ShopConfig | None:
    """The config among `shops` for the offer's shop: by name, else by domain."""
    if offer.shop:
        for shop in shops:
            if shop.name.casefold() == offer.shop.casefold():
                return shop
    host = _host(offer.url)
    for shop in shops:
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
    conversion: Converted | None = None  # how the total came into the profile currency


def landed_cost(
    offer: Offer, profile: Profile, shop: ShopConfig | None = None, rates: RateTable | None = None
) -> Landed:
    """Price plus shipping (page-stated, else the shop's rate unless over its free-shipping threshold)."""
    rates = rates if rates is not None else rate_table(profile)
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
            conv = convert(shipping, price.currency, rates)
            if conv is not None:
                total = Money(amount=price.amount + conv.amount, currency=price.currency)
            else:
                notes.append(f"shipping in {shipping.currency} not added")
    in_profile = convert_money(total, profile.currency, rates)
    if in_profile is None:
        notes.append(f"in {total.currency}; no rate to {profile.currency}, not compared on price")
        return Landed(total, shipping, False, notes)
    return Landed(in_profile.money, shipping, True, notes, in_profile)


def money_str(m: Money) -> str:
    """Money for reasons and hints, in the currency's own minor units (one formatter for all)."""
    return format_money(m)
