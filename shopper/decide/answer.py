"""Which ranked offers answer the request (best, cheapest, all, compare), and why the rest could not."""

from __future__ import annotations

import re
from collections import Counter

from shopper.decide.asked import asked
from shopper.decide.landed import money_str
from shopper.decide.relevance import Fit, analyse, shown_term
from shopper.decide.textmatch import specs
from shopper.models import Excluded, Money, Offer, Query, RankedOffer, SoldOutSize
from shopper.understand.nouns import is_noun
from shopper.understand.terms import singular, to_english

MIN_COVERAGE = 0.5  # an answer shares at least half of the request's product words
COVERAGE_SLACK = 0.15  # ... and nearly as many as the best-matching offer
SAME_PRODUCT_FIT = 0.05  # sold-out offers this close to the best sold-out fit are the same product
SOLD_OUT_MIN_FIT = 0.7  # only a product that really is the one asked for is "sold out everywhere"
_SOLD_OUT_KINDS = ("size_sold_out", "colour_sold_out")


def item_query(query: Query, index: int) -> Query:
    """The request narrowed to one compared product: its words, with the shared size, colour and price."""
    item = query.items[index]
    return query.model_copy(
        update={
            "text": item.text,
            "terms": item.terms,
            "search_terms": item.search_terms,
            "brands": item.brands,
            "model_numbers": item.model_numbers,
            "intent": "best",
            "items": [],
        }
    )


def _price_key(r: RankedOffer) -> Money | None:
    if r.landed is not None:
        return r.landed
    return r.price if r.price is not None else r.offer.price


def choose_answer(ranked: list[RankedOffer], query: Query) -> list[str]:
    """The answer urls: cheapest (ties, per product asked), all matching, best of each compared product,
    or the best offer plus the same product at other shops."""
    if query.intent == "compare" and query.items:
        return _compare_answer(ranked, query)
    if query.size:
        # an offer is answered for a size only when that size is known to be in stock
        ranked = [r for r in ranked if r.size_known]
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
        # nothing has every asked property: the closest offer of the asked kind, with its reasons
        # saying what it lacks; another kind of product is no answer at all
        top = next((r for r, f in zip(ranked, fits, strict=True) if f.kind_ok), None)
        if top is None:
            return []
        pool = [
            (r, f)
            for r, f in zip(ranked, fits, strict=True)
            if f.kind_ok and (r is top or (top.group and r.group == top.group))
        ]
    if query.superlative:
        pool = _at_max(pool, query.superlative)
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


def _compare_answer(ranked: list[RankedOffer], query: Query) -> list[str]:
    """The best offer of each compared product; products of the kind the others are win a near tie."""
    bests: list[RankedOffer] = []
    for i in range(len(query.items)):
        mine = [r for r in ranked if r.item == i]
        first = choose_answer(mine, item_query(query, i))[:1]
        bests.extend(r for r in mine if first and r.offer.url == first[0])
    urls = []
    for best in bests:
        others = set().union(*(product_nouns(b.offer) for b in bests if b.item != best.item))
        if others and not product_nouns(best.offer) & others:
            # "compare A and B" where B's name also fits earbuds while A is headphones: the kind the
            # other compared products are, among B's offers that fit as well
            alike = [
                r
                for r in ranked
                if r.item == best.item
                and product_nouns(r.offer) & others
                and r.fit >= best.fit - SAME_PRODUCT_FIT
            ]
            alike = [r for r in alike if r.size_known or not query.size]
            best = alike[0] if alike else best
        if best.offer.url not in urls:
            urls.append(best.offer.url)
    return urls


def product_nouns(offer: Offer) -> set[str]:
    """The kinds of product an offer's title and category name, in English ('hodetelefoner' -> headphones)."""
    for text in (offer.title, offer.category):  # a shop's category is wider than the product's title
        found = set()
        for word in _LETTERS.findall((text or "").lower()):
            english = None if is_noun(word) else to_english(word)
            if is_noun(word, english):
                found.add(singular((english or word).split()[-1]))
        if found:
            return found
    return set()


_LETTERS = re.compile(r"[^\W\d_]+")


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


def explain_lead(ranked: list[RankedOffer], answer: list[str]) -> None:
    """Say on the answer's first offer which term put it ahead of the next offer ("= ahead on ...")."""
    first = next((r for r in ranked if answer and r.offer.url == answer[0]), None)
    if first is None:
        return
    others = [r for r in ranked if r is not first and r.group != first.group and r.item == first.item]
    if not others:
        return
    other = others[0]
    if first.fit > other.fit + 0.01:
        first.reasons.append("= chosen for fitting the request best")
    elif (a := _price_key(first)) and (b := _price_key(other)) and a.currency == b.currency:
        if a.amount < b.amount:
            first.reasons.append(f"= chosen for the price: {money_str(a)} against {money_str(b)}")
        else:
            first.reasons.append("= chosen for your preferences, shipping and stock")


def sold_out_everywhere(
    ranked: list[RankedOffer], excluded: list[Excluded], query: Query
) -> SoldOutSize | None:
    """The asked size is sold out for the product that fits the request best (at every shop that has it)."""
    if not query.size:
        return None
    gone = [e for e in excluded if e.kind in _SOLD_OUT_KINDS]
    if not gone:
        return None
    best = max(gone, key=lambda e: e.fit)
    if best.fit < SOLD_OUT_MIN_FIT:
        return None
    answered = [r for r in ranked if r.size_known]
    if any(r.fit >= best.fit - SAME_PRODUCT_FIT or (best.group and r.group == best.group) for r in answered):
        return None  # the product (or one that fits as well) is in stock in that size somewhere
    same = [e for e in gone if e is best or (best.group and e.group == best.group)]
    return SoldOutSize(size=query.size, offers=same)


_HINTS = {
    "no_rate": "{n} offer(s) are priced in a currency with no exchange rate to yours ({what}): "
    "run `shopper rates update` or add the rate under [rates] in your profile",
    "size_sold_out": "size {size} is sold out at {n} offer(s)",
    "colour_sold_out": "the colour you asked for is sold out in size {size} at {n} offer(s)",
    "no_size": "{n} offer(s) do not come in size {size}",
    "no_colour": "{n} offer(s) do not come in the colour you asked for",
    "over_budget": "{n} offer(s) are over your price limit ({what}): raise it to see them",
    "under_minimum": "{n} offer(s) are under your minimum price",
    "out_of_stock": "{n} offer(s) are out of stock",
    "avoided_brand": "{n} offer(s) are from brands you avoid",
    "avoided_shop": "{n} offer(s) are from shops you avoid",
    "unwanted": "{n} offer(s) have something you did not want",
}


def main_hint(
    query: Query, ranked: list[RankedOffer], answer: list[str], excluded: list[Excluded], searched: int
) -> str | None:
    """The true main reason the answer is empty or thin, in words; None when nothing needs saying."""
    if not (query.terms or query.brands or query.model_numbers or query.items):
        return 'Say what you are looking for, e.g. shopper find "running shoes size 44 under 100 euro".'
    if searched == 0:
        return "No shop returned any offer for these words: try other or fewer words, or add shops."
    # the kind check re-reads every ranked offer: only an empty answer needs it
    ask = asked(query) if not answer else None
    of_kind = [r for r in ranked if analyse(r.offer, ask).kind_ok] if ask is not None else ranked
    if ask is not None and ranked and not of_kind and ask.head:
        what = shown_term(ask.head, ask.alts)
        return f"None of the {searched} offer(s) found is a {what}: try other words for it, or other shops."
    unsure = [r for r in of_kind if not r.size_known]
    if query.size and unsure and not answer:
        return (
            f"{len(unsure)} offer(s) may have size {query.size}, but their shops do not say whether it is"
            f" in stock; check the shop, e.g. {unsure[0].url}"
        )
    relevant = [e for e in excluded if e.kind != "no_match"]
    if not relevant:
        if answer:
            return None
        return f"None of the {searched} offer(s) found matches the request: try other or fewer words."
    kind, n = Counter(e.kind for e in relevant).most_common(1)[0]
    template = _HINTS.get(kind)
    if template is None:
        return f"{len(relevant)} offer(s) were left out; `--json` lists each with why."
    what = ""
    if kind == "no_rate":
        currencies = sorted(
            {w.split()[2].rstrip(",") for e in relevant if (w := e.why).startswith("price in ")}
        )
        what = ", ".join(currencies)
    elif kind == "over_budget" and query.max_price is not None:
        what = money_str(query.max_price)
    elif kind == "over_budget":
        what = "your profile's budget"
    line = template.format(n=n, size=query.size or "", what=what)
    return line[0].upper() + line[1:] + "."


def restock_line(url: str, size: str) -> str:
    """The command that watches a sold-out size for a restock."""
    return f"shopper watch add {url} --restock --size {size}"
