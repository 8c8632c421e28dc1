"""Rank offers for a request with a reason for every score term; exclude with a reason; pick the answer."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlsplit

from shopper.decide.asked import Asked, asked
from shopper.decide.attributes import attribute_state, known_attribute
from shopper.decide.group import group_offers
from shopper.decide.landed import Landed, config_of, convert, landed_cost, money_str, shop_config
from shopper.decide.relevance import Fit, analyse, relevance
from shopper.decide.textmatch import colours_in, fold, phrase_in, stems, words
from shopper.decide.variants import is_colour_key, is_size_key, pick_variant
from shopper.models import BUYABLE, Excluded, Money, Offer, Profile, Query, RankedOffer, ShopConfig, Variant
from shopper.money import RateTable, rate_table

MIN_RELEVANCE = 0.4  # below this an offer "does not match the request"
RELEVANCE_POINTS = 100.0  # a full match to the request, times the profile's relevance priority
STOCK_UNKNOWN = -3.0  # neither the offer nor its chosen variant says whether it is in stock
NO_PRICE = -5.0  # the offer says no price (or a zero placeholder)
PRICE_BONUS = 5.0  # the cheapest, or all of the budget left: times the profile's price priority

__all__ = ["is_size_key", "landed_cost", "rank", "relevance"]


@dataclass
class _Kept:
    offer: Offer
    fit: Fit
    landed: Landed
    variant: Variant | None
    notes: list[tuple[float, str]]  # score terms decided during the checks
    price: Money | None = None
    size_unknown: bool = False


def rank(
    offers: list[Offer],
    query: Query,
    profile: Profile,
    rates: RateTable | None = None,
    searched: list[ShopConfig] | None = None,
) -> tuple[list[RankedOffer], list[Excluded]]:
    """Offers that satisfy the hard constraints, best first, and the others with why.

    `searched`: the configs of the shops the offers came from (their shipping rates), when these are
    not the profile's own (the demo shops); the profile's shops by default."""
    rates = rates if rates is not None else rate_table(profile)
    ask = asked(query)
    kept: list[_Kept] = []
    excluded: list[Excluded] = []
    shops = profile.shops if searched is None else searched
    for offer in offers:
        out = _check(offer, query, profile, ask, rates, shops)
        if isinstance(out, Excluded):
            excluded.append(out)
        else:
            kept.append(out)

    # "over the cheapest" compares with offers that fully match, not with any cheap accessory
    top = max((k.fit.score for k in kept), default=0.0)
    ref = [k for k in kept if k.fit.strict] or [k for k in kept if k.fit.score >= top - 0.1]
    comparable = [k.landed.total.amount for k in ref if k.landed.comparable and k.landed.total is not None]
    cheapest = min(comparable) if comparable else None
    budget = _budget(query, profile)
    ranked = [_score(k, profile, cheapest, budget) for k in kept]
    ranked.sort(key=_order)
    _cheapest_only_when_cheapest(ranked)
    first_by_url: dict[str, Offer] = {}
    for offer in offers:
        first_by_url.setdefault(offer.url, offer)
    ids = group_offers([r.offer for r in ranked] + [_as_offer(e, first_by_url) for e in excluded])
    for ro, gid in zip(ranked, ids, strict=False):
        ro.group = gid
    for ex, gid in zip(excluded, ids[len(ranked) :], strict=True):
        ex.group = gid
    return ranked, excluded


def _as_offer(ex: Excluded, by_url: dict[str, Offer]) -> Offer:
    return by_url.get(ex.url) or Offer(url=ex.url, title=ex.title, shop=ex.shop)


def _cheapest_only_when_cheapest(ranked: list[RankedOffer]) -> None:
    # "+ cheapest" next to an offer ranked above a cheaper one would contradict the table
    for i, r in enumerate(ranked):
        if "+ cheapest" not in r.reasons or r.landed is None:
            continue
        below = [x.landed.amount for x in ranked[i + 1 :] if x.landed is not None]
        if below and min(below) < r.landed.amount:
            r.reasons.remove("+ cheapest")


def _order(r: RankedOffer) -> tuple[float, int, Decimal, str, str]:
    amount = r.landed.amount if r.landed is not None else Decimal("Infinity")
    return (-r.score, 0 if r.landed is not None else 1, amount, fold(r.offer.title), r.offer.url)


def _budget(query: Query, profile: Profile) -> Money | None:
    if query.max_price is not None:
        return query.max_price
    if profile.budget.max_per_item is not None:
        return Money(amount=profile.budget.max_per_item, currency=profile.currency)
    return None


def offer_brand_text(offer: Offer) -> set[str]:
    """Stems that name the offer's brand: its brand field, else the title's first words."""
    if offer.brand:
        return stems(offer.brand)
    return stems(" ".join(words(offer.title)[:3]))


def _avoided_shop(offer: Offer, avoided: list[str]) -> str | None:
    host = (urlsplit(offer.url).hostname or "").removeprefix("www.")
    for name in avoided:
        n = fold(name).strip()
        if n and (
            n == fold(offer.shop) or (host and (host == n.removeprefix("www.") or host.endswith("." + n)))
        ):
            return name
    return None


def _check(
    offer: Offer, query: Query, profile: Profile, ask: Asked, rates: RateTable, shops: list[ShopConfig]
) -> Excluded | _Kept:
    def out(why: str, kind: str, fit: float = 0.0, sizes: list[str] | None = None) -> Excluded:
        return Excluded(
            url=offer.url, title=offer.title, shop=offer.shop, why=why, kind=kind, fit=fit,
            sizes_in_stock=sizes or [],
        )  # fmt: skip

    # the URL and the brand text are read only when there is something to avoid: most profiles avoid nothing
    if profile.shops_avoided and (shop := _avoided_shop(offer, profile.shops_avoided)):
        return out(f"shop {shop} is avoided", "avoided_shop")
    if avoided := [*query.exclude_brands, *profile.brands_avoided]:
        brand_stems = offer_brand_text(offer)
        for brand in avoided:
            if phrase_in(brand, brand_stems):
                return out(f"brand {brand} is avoided", "avoided_brand")
    if query.must_not:  # the whole text is read (a long description costs) only when it is asked about
        text = stems(" ".join(filter(None, [offer.title, offer.description, offer.category, *offer.tags])))
        raw = " | ".join(filter(None, [offer.title, offer.description, offer.category, *offer.tags]))
        for attr in query.must_not:
            state = attribute_state(attr, raw) if known_attribute(attr) else phrase_in(attr, text) or None
            if state:
                return out(f"has {attr}, which you did not want", "unwanted")
    fit = analyse(offer, ask)
    if fit.score < MIN_RELEVANCE or fit.conflict:
        negative = next((r[2:] for r in fit.reasons if r.startswith("−")), "")
        return out(
            "does not match the request" + (f" ({negative})" if negative else ""), "no_match", fit.score
        )

    pick = pick_variant(offer, query)
    if pick.why:
        return out(pick.why, pick.kind, fit.score, pick.sizes_in_stock)
    notes = list(pick.notes)
    variant = pick.variant
    avail = variant.availability if variant is not None and variant.availability else offer.availability
    if avail is None:
        notes.append((STOCK_UNKNOWN, "− stock unknown"))
    elif avail not in BUYABLE:
        if not query.include_out_of_stock:
            why = "out of stock" if avail in ("OutOfStock", "SoldOut") else f"not buyable online ({avail})"
            return out(why, "out_of_stock", fit.score)
        notes.append((-10.0, "− out of stock"))

    price = variant.price if variant is not None and variant.price is not None else offer.price
    if price is not None and price.amount <= 0:
        price = None  # a zero price is a placeholder, not a bargain
    priced = offer if price is offer.price else offer.model_copy(update={"price": price})
    landed = landed_cost(priced, profile, config_of(offer, shops), rates)
    if price is not None:
        if limit := _price_limits(price, query, profile, rates):
            return out(limit[0], limit[1], fit.score)
    else:
        notes.append((NO_PRICE, "− no price"))
    return _Kept(offer, fit, landed, variant, notes, price, pick.size_unknown)


def _price_limits(price: Money, query: Query, profile: Profile, rates: RateTable) -> tuple[str, str] | None:
    # An unconvertible price is excluded rather than compared across currencies: a budget is a promise.
    limit = _budget(query, profile)
    if limit is not None:
        p = convert(price, limit.currency, rates)
        if p is None:
            return f"price in {price.currency}, no rate to {limit.currency} configured", "no_rate"
        if p.amount > limit.amount:
            return f"over budget: {money_str(p)} > {money_str(limit)}", "over_budget"
    if query.min_price is not None:
        p = convert(price, query.min_price.currency, rates)
        if p is None:
            return f"price in {price.currency}, no rate to {query.min_price.currency} configured", "no_rate"
        if p.amount < query.min_price.amount:
            return f"under the minimum: {money_str(p)} < {money_str(query.min_price)}", "under_minimum"
    return None


def _score(k: _Kept, profile: Profile, cheapest: Decimal | None, budget: Money | None) -> RankedOffer:
    pr = profile.priorities
    terms: list[tuple[float, str]] = [(RELEVANCE_POINTS * pr.relevance * k.fit.score, "")]
    reasons = list(k.fit.reasons)
    total = k.landed.total
    if k.landed.comparable and total is not None and cheapest is not None:
        diff = total.amount - cheapest
        if diff <= 0 and k.fit.strict:
            terms.append((PRICE_BONUS * pr.price, "+ cheapest"))
        elif diff > 0:
            frac = float(diff / cheapest) if cheapest > 0 else 1.0
            over = money_str(Money(amount=diff, currency=total.currency))
            terms.append((-15.0 * pr.price * min(1.0, frac), f"− {over} over the cheapest"))
        if budget is not None and budget.currency == total.currency and budget.amount > 0:
            room = budget.amount - total.amount
            if room >= 0:
                under = money_str(Money(amount=room, currency=total.currency))
                terms.append(
                    (PRICE_BONUS * pr.price * float(room / budget.amount), f"+ {under} under budget")
                )
            else:
                over = money_str(Money(amount=-room, currency=total.currency))
                terms.append((-5.0 * pr.price, f"− {over} over budget with shipping"))
    conv = k.landed.conversion
    if conv is not None and conv.source != "same currency":
        terms.append((0.0, f"= converted at {conv.describe()}"))
    if total is not None and not k.landed.comparable:
        terms.append((0.0, f"− in {total.currency}; no rate to {profile.currency}, not compared on price"))
    ship = k.landed.shipping
    if ship is not None:
        if ship.amount == 0:
            terms.append((2.0 * pr.delivery, "+ free shipping"))
        else:
            terms.append((-2.0 * pr.delivery, f"− {money_str(ship)} shipping"))
    terms.extend(k.notes)
    terms.extend(_preferences(k, profile))
    if k.offer.stale:
        terms.append((-2.0, "− price not re-checked live"))
    if k.offer.rating is not None and (k.offer.rating_count or 0) >= 5 and k.offer.rating >= 4:
        terms.append((float(k.offer.rating) - 3.0, f"+ rated {k.offer.rating} ({k.offer.rating_count})"))
    reasons.extend(r for _, r in terms if r)
    score = round(sum(v for v, _ in terms), 3)
    landed = total if k.landed.comparable else None
    return RankedOffer(
        offer=k.offer,
        score=score,
        reasons=reasons,
        landed=landed,
        matched_variant=k.variant,
        price=k.price,
        link=k.variant.url if k.variant is not None and k.variant.url else None,
        size_known=not k.size_unknown,
        fit=k.fit.score,
    )


def _preferences(k: _Kept, profile: Profile) -> list[tuple[float, str]]:
    out: list[tuple[float, str]] = []
    brand_stems = offer_brand_text(k.offer)
    liked = next((b for b in profile.brands_liked if phrase_in(b, brand_stems)), None)
    if liked:
        out.append((8.0, f"+ liked brand {liked}"))
    # the profile's own shop list is the user's chosen shops; offers found elsewhere get no bonus
    shop = shop_config(k.offer, profile)
    if shop is not None:
        out.append((3.0, f"+ liked shop {shop.name}"))
    colour_text = " ".join(
        [
            k.offer.title,
            *(v for var in k.offer.variants for key, v in var.options.items() if is_colour_key(key)),
        ]
    )
    have = colours_in(colour_text)
    fav = next((c for c in profile.colours_liked if fold(c) in have or colours_in(c) & have), None)
    if fav:
        out.append((4.0, f"+ liked colour {fav}"))
    return out
