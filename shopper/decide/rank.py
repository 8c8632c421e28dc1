"""Rank offers for a request with a reason for every score term; exclude with a reason; pick the answer."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlsplit

from shopper.decide.group import group_offers
from shopper.decide.landed import Landed, convert, landed_cost, money_str, shop_config
from shopper.decide.relevance import Asked, Fit, analyse, asked, relevance
from shopper.decide.textmatch import colours_in, fold, phrase_in, specs, stems, superlative, words
from shopper.models import BUYABLE, Excluded, Money, Offer, Profile, Query, RankedOffer, Variant

MIN_RELEVANCE = 0.4  # below this an offer "does not match the request"
MIN_COVERAGE = 0.5  # an answer shares at least half of the request's product words
COVERAGE_SLACK = 0.15  # ... and nearly as many as the best-matching offer
_SIZE_KEYS = (
    "size", "maat", "grosse", "grose", "storrelse", "taille", "talla", "taglia", "tamanho", "storlek",
    "koko", "rozmiar", "velikost", "meret", "marime", "numero", "pointure",
)  # fmt: skip
_COLOUR_KEYS = ("colour", "color", "farbe", "kleur", "couleur", "farve", "farge", "farg", "colore")

__all__ = ["choose_answer", "landed_cost", "rank", "relevance"]


@dataclass
class _Kept:
    offer: Offer
    fit: Fit
    landed: Landed
    variant: Variant | None
    notes: list[tuple[float, str]]  # score terms decided during the checks


def rank(offers: list[Offer], query: Query, profile: Profile) -> tuple[list[RankedOffer], list[Excluded]]:
    """Offers that satisfy the hard constraints, best first, and the others with why."""
    ask = asked(query)
    kept: list[_Kept] = []
    excluded: list[Excluded] = []
    for offer in offers:
        why, item = _check(offer, query, profile, ask)
        if why is not None:
            excluded.append(Excluded(url=offer.url, title=offer.title, shop=offer.shop, why=why))
        elif item is not None:
            kept.append(item)

    # "over the cheapest" compares with offers that fully match, not with any cheap accessory
    top = max((k.fit.score for k in kept), default=0.0)
    ref = [k for k in kept if k.fit.strict] or [k for k in kept if k.fit.score >= top - 0.1]
    comparable = [k.landed.total.amount for k in ref if k.landed.comparable and k.landed.total is not None]
    cheapest = min(comparable) if comparable else None
    budget = _budget(query, profile)
    ranked = [_score(k, profile, cheapest, budget) for k in kept]
    ranked.sort(key=_order)
    for ro, gid in zip(ranked, group_offers([r.offer for r in ranked]), strict=True):
        ro.group = gid
    return ranked, excluded


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


def _check(offer: Offer, query: Query, profile: Profile, ask: Asked) -> tuple[str | None, _Kept | None]:
    if shop := _avoided_shop(offer, profile.shops_avoided):
        return f"shop {shop} is avoided", None
    brand_stems = offer_brand_text(offer)
    for brand in [*query.exclude_brands, *profile.brands_avoided]:
        if phrase_in(brand, brand_stems):
            return f"brand {brand} is avoided", None
    text = stems(" ".join(filter(None, [offer.title, offer.description, offer.category, *offer.tags])))
    for attr in query.must_not:
        if phrase_in(attr, text):
            return f"has {attr}, which you did not want", None
    fit = analyse(offer, ask)
    if fit.score < MIN_RELEVANCE or fit.conflict:
        negative = next((r[2:] for r in fit.reasons if r.startswith("−")), "")
        return "does not match the request" + (f" ({negative})" if negative else ""), None

    notes: list[tuple[float, str]] = []
    variant: Variant | None = None
    if query.size:
        why, variant, note = _size(offer, query.size)
        if why:
            return why, None
        notes.append(note)
    avail = variant.availability if variant is not None and variant.availability else offer.availability
    if avail is None:
        notes.append((-3.0, "− stock unknown"))
    elif avail not in BUYABLE:
        if not query.include_out_of_stock:
            return (
                "out of stock" if avail in ("OutOfStock", "SoldOut") else f"not buyable online ({avail})"
            ), None
        notes.append((-10.0, "− out of stock"))

    price = variant.price if variant is not None and variant.price is not None else offer.price
    if price is not None and price.amount <= 0:
        price = None  # a zero price is a placeholder, not a bargain
    priced = offer if price is offer.price else offer.model_copy(update={"price": price})
    landed = landed_cost(priced, profile, shop_config(offer, profile))
    if price is not None:
        if why := _price_limits(price, query, profile):
            return why, None
    else:
        notes.append((-5.0, "− no price"))
    return None, _Kept(offer, fit, landed, variant, notes)


def _price_limits(price: Money, query: Query, profile: Profile) -> str | None:
    # An unconvertible price is excluded rather than compared across currencies: a budget is a promise.
    limit = _budget(query, profile)
    if limit is not None:
        p = convert(price, limit.currency, profile.rates)
        if p is None:
            return f"price in {price.currency}, no rate to {limit.currency} configured"
        if p.amount > limit.amount:
            return f"over budget: {money_str(p)} > {money_str(limit)}"
    if query.min_price is not None:
        p = convert(price, query.min_price.currency, profile.rates)
        if p is None:
            return f"price in {price.currency}, no rate to {query.min_price.currency} configured"
        if p.amount < query.min_price.amount:
            return f"under the minimum: {money_str(p)} < {money_str(query.min_price)}"
    return None


def _norm_size(value: str) -> str:
    v = fold(value).replace(",", ".").strip()
    for prefix in ("eu", "uk", "us", "fr", "it", "size", "maat"):
        v = v.removeprefix(prefix).strip()
    return {"small": "s", "medium": "m", "large": "l", "x-large": "xl", "extra large": "xl"}.get(v, v)


def is_size_key(key: str) -> bool:
    """Whether a variant option name means size (Size, Maat, Größe, Størrelse, Taille, EU size, ...)."""
    k = fold(key)
    return any(s in k for s in _SIZE_KEYS)


def _size(offer: Offer, size: str) -> tuple[str | None, Variant | None, tuple[float, str]]:
    want = _norm_size(size)
    sized = [v for v in offer.variants if any(is_size_key(k) for k in v.options)]
    if not sized:
        return None, None, (-3.0, "− size not listed")
    matching = [
        v for v in sized if any(is_size_key(k) and _norm_size(x) == want for k, x in v.options.items())
    ]
    if not matching:
        return f"no size {size}", None, (0.0, "")
    buyable = [v for v in matching if v.availability is None or v.availability in BUYABLE]
    if not buyable:
        return f"size {size} sold out", None, (0.0, "")
    best = next((v for v in buyable if v.availability in BUYABLE), buyable[0])
    return None, best, (3.0, f"+ size {size} available")


def _score(k: _Kept, profile: Profile, cheapest: Decimal | None, budget: Money | None) -> RankedOffer:
    pr = profile.priorities
    terms: list[tuple[float, str]] = [(100.0 * pr.relevance * k.fit.score, "")]
    reasons = list(k.fit.reasons)
    total = k.landed.total
    if k.landed.comparable and total is not None and cheapest is not None:
        diff = total.amount - cheapest
        if diff <= 0 and k.fit.strict:
            terms.append((5.0 * pr.price, "+ cheapest"))
        elif diff > 0:
            frac = float(diff / cheapest) if cheapest > 0 else 1.0
            over = money_str(Money(amount=diff, currency=total.currency))
            terms.append((-15.0 * pr.price * min(1.0, frac), f"− {over} over the cheapest"))
        if budget is not None and budget.currency == total.currency and budget.amount > 0:
            room = budget.amount - total.amount
            if room >= 0:
                under = money_str(Money(amount=room, currency=total.currency))
                terms.append((5.0 * pr.price * float(room / budget.amount), f"+ {under} under budget"))
            else:
                over = money_str(Money(amount=-room, currency=total.currency))
                terms.append((-5.0 * pr.price, f"− {over} over budget with shipping"))
    elif total is not None and not k.landed.comparable:
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
    return RankedOffer(offer=k.offer, score=score, reasons=reasons, landed=landed, matched_variant=k.variant)


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
        [k.offer.title, *(v for var in k.offer.variants for key, v in var.options.items() if _is_colour(key))]
    )
    have = colours_in(colour_text)
    fav = next((c for c in profile.colours_liked if fold(c) in have or colours_in(c) & have), None)
    if fav:
        out.append((4.0, f"+ liked colour {fav}"))
    return out


def _is_colour(key: str) -> bool:
    k = fold(key)
    return any(c in k for c in _COLOUR_KEYS)


def _price_key(r: RankedOffer) -> Money | None:
    return r.landed if r.landed is not None else r.offer.price


def choose_answer(ranked: list[RankedOffer], query: Query) -> list[str]:
    """The answer urls: cheapest (ties, per product asked), all matching, or best + same product elsewhere."""
    if not ranked:
        return []
    ask = asked(query)
    fits = [analyse(r.offer, ask) for r in ranked]
    pool = [(r, f) for r, f in zip(ranked, fits, strict=True) if f.strict and not f.conflict]
    if pool and ask.terms:
        # keep the offers that match the product words about as well as the best one does
        best_cov = max(f.coverage for _, f in pool)
        pool = [(r, f) for r, f in pool if f.coverage >= max(best_cov - COVERAGE_SLACK, MIN_COVERAGE)]
    if not pool:
        top = ranked[0]
        pool = [
            (r, f)
            for r, f in zip(ranked, fits, strict=True)
            if r is top or (top.group and r.group == top.group)
        ]
    if dim := superlative(query.text):
        pool = _at_max(pool, dim)
    if query.intent == "all":
        return [r.offer.url for r, _ in pool]
    if query.intent == "cheapest":
        products = [m for m in ask.models if any(m in f.models_hit for _, f in pool)]
        if len(products) >= 2:
            urls: list[str] = []
            for m in products:
                urls.extend(u for u in _cheapest([r for r, f in pool if m in f.models_hit]) if u not in urls)
            return urls
        return _cheapest([r for r, _ in pool])
    best = pool[0][0]
    same = [
        r
        for r in ranked
        if r is not best and best.group and r.group == best.group and r.offer.shop != best.offer.shop
    ]
    return [best.offer.url, *(r.offer.url for r in same)]


def _at_max(pool: list[tuple[RankedOffer, Fit]], dim: str) -> list[tuple[RankedOffer, Fit]]:
    # "the largest", "the fastest": only the offers at the top value of that spec; titles state the
    # product's own figures, so descriptions count only when no title states any
    def value(r: RankedOffer, field: str | None) -> float | None:
        vals = specs(field or "").qty.get(dim)
        return max(vals) if vals else None

    for field in ("title", "description"):
        scored = [(r, f, v) for r, f in pool if (v := value(r, getattr(r.offer, field))) is not None]
        if scored:
            top = max(v for _, _, v in scored)
            return [(r, f) for r, f, v in scored if v == top]
    return pool


def _cheapest(items: list[RankedOffer]) -> list[str]:
    priced = [(r, p) for r in items if (p := _price_key(r)) is not None]
    if not priced:
        return [items[0].offer.url] if items else []
    currency = priced[0][1].currency
    same = [(r, p) for r, p in priced if p.currency == currency]
    low = min(p.amount for _, p in same)
    return [r.offer.url for r, p in same if p.amount == low]
