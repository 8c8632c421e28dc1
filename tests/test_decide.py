"""decide/: variants as the truth for sizes and colours, denied attributes, sold out everywhere, hints."""

from __future__ import annotations

from decimal import Decimal

from shopper.decide.answer import choose_answer, main_hint, restock_line, sold_out_everywhere
from shopper.decide.attributes import attribute_state
from shopper.decide.rank import rank
from shopper.decide.variants import pick_variant, variant_size
from shopper.models import Money, Offer, Profile, Query, Variant

_n = 0


def eur(x: str, cur: str = "EUR") -> Money:
    return Money(amount=Decimal(x), currency=cur)


def offer(title: str, price: str = "80", shop: str = "a", **kw: object) -> Offer:
    global _n
    _n += 1
    kw.setdefault("availability", "InStock")
    return Offer(url=f"https://{shop}.test/p/{_n}", title=title, shop=shop, price=eur(price), **kw)


def v(
    size: str | None = None, colour: str | None = None, stock: str | None = "InStock", **kw: object
) -> Variant:
    options = {k: x for k, x in (("size", size), ("colour", colour)) if x}
    return Variant(options=options, availability=stock, **kw)


def test_variant_size_from_legacy_names_and_titles() -> None:
    assert variant_size(Variant(options={"Größe": "EU 44"})) == "44"
    assert variant_size(Variant(title="Maat 42")) == "42"
    assert variant_size(Variant(title="Rood / XL")) == "XL"
    assert variant_size(Variant(options={"Waist": "W32 L34"})) == "32/34"


def test_waist_and_length_must_both_match_and_be_in_stock() -> None:
    q = Query(text="jeans", terms=["jeans"], size="32/34", size_system="waist")
    jeans = offer("Straight jeans", variants=[v("32/32"), v("32/34", stock="OutOfStock"), v("34/34")])
    assert pick_variant(jeans, q).kind == "size_sold_out"
    waist_only = Query(text="jeans", terms=["jeans"], size="32", size_system="waist")
    assert pick_variant(jeans, waist_only).variant == jeans.variants[0]


def test_the_shown_variant_has_the_colour_its_price_and_url() -> None:
    q = Query(text="rain jacket", terms=["rain", "jacket"], size="XL", colours=["black"])
    url = "https://a.test/p/x?variant=7"
    jacket = offer(
        "Rain jacket",
        "90",
        variants=[v("XL", "Red"), v("XL", "Zwart", price=eur("70"), url=url), v("L", "Black")],
    )
    ranked, _ = rank([jacket], q, Profile())
    assert ranked[0].link == url and ranked[0].url == url
    assert ranked[0].price == eur("70")
    only_other = offer("Rain jacket", variants=[v("XL", "red"), v("XL", "grey"), v("L", "black")])
    assert pick_variant(only_other, q).why == "black in size XL sold out"
    none_black = offer("Rain jacket", variants=[v("XL", "red"), v("XL", "yellow")])
    _, excluded = rank([none_black], q, Profile())
    assert excluded[0].kind == "no_colour"


def test_unknown_size_is_ranked_but_never_the_answer() -> None:
    q = Query(text="trail shoes size 43", terms=["trail", "shoes"], size="43")
    known = offer("Trail shoes", "120", variants=[v("43")])
    unknown = offer("Trail shoes", "60", shop="b")
    unstated = offer("Trail shoes", "70", shop="c", variants=[v("43", stock=None)])
    ranked, _ = rank([known, unknown, unstated], q, Profile())
    assert {r.offer.url for r in ranked} == {known.url, unknown.url, unstated.url}
    assert choose_answer(ranked, q) == [known.url]
    alone, excluded = rank([unknown], q, Profile())
    assert choose_answer(alone, q) == []
    hint = main_hint(q, alone, [], excluded, 1)
    assert hint is not None and "do not say whether it is in stock" in hint


def test_a_denied_attribute_is_a_contradiction() -> None:
    assert attribute_state("waterproof", "Light shell. Note: not waterproof, only water-repellent.") is False
    assert attribute_state("waterproof", "Veste de pluie, pas imperméable") is False
    assert attribute_state("waterproof", "Regenjacke, nicht wasserdicht") is False
    assert attribute_state("waterproof", "Regnjakke som er ikke vanntett") is False
    assert attribute_state("waterproof", "Jas, niet waterdicht") is False
    assert attribute_state("waterproof", "Fully waterproof and breathable") is True
    assert attribute_state("waterproof", "Cotton jacket") is None
    q = Query(text="waterproof jacket", terms=["jacket"], must=["waterproof"])
    good = offer("Waterproof jacket")
    bad = offer("Summer jacket", description="Breathable, not waterproof.")
    ranked, excluded = rank([good, bad], q, Profile())
    assert [r.offer.url for r in ranked] == [good.url]
    assert "says not waterproof" in excluded[0].why


def test_sold_out_everywhere_names_the_sizes_left_and_the_restock_line() -> None:
    q = Query(text="Stormy rain jacket size M", terms=["stormy", "rain", "jacket"], size="M")
    a = offer("Stormy rain jacket", shop="a", variants=[v("M", stock="OutOfStock"), v("L")])
    b = offer("Stormy rain jacket", shop="b", variants=[v("M", stock="SoldOut"), v("S")])
    other = offer("Breeze rain jacket", shop="a", variants=[v("M")])
    ranked, excluded = rank([a, b, other], q, Profile())
    gone = sold_out_everywhere(ranked, excluded, q)
    assert gone is not None and {e.url for e in gone.offers} == {a.url, b.url}
    assert {tuple(e.sizes_in_stock) for e in gone.offers} == {("L",), ("S",)}
    assert choose_answer(ranked, q) == [other.url]
    assert restock_line(a.url, "M") == f"shopper watch add {a.url} --restock --size M"
    assert main_hint(q, ranked, [other.url], excluded, 3) == "Size M is sold out at 2 offer(s)."


def test_cheapest_mark_never_above_a_cheaper_offer() -> None:
    q = Query(text="wool sweater", terms=["wool", "sweater"])
    liked = offer("Wool sweater", "50", brand="Fav")
    cheap = offer("Wool sweater", "45", shop="b")
    ranked, _ = rank([liked, cheap], q, Profile(brands_liked=["Fav"]))
    assert ranked[0].offer.url == liked.url
    assert "+ cheapest" not in ranked[0].reasons


def test_hint_names_the_currency_without_a_rate() -> None:
    q = Query(text="headphones", terms=["headphones"], max_price=eur("2000", "NOK"))
    nok = Offer(
        url="https://n.test/1", title="Headphones", shop="n", price=eur("1500", "SEK"), availability="InStock"
    )
    ranked, excluded = rank([nok], q, Profile(currency="NOK"))
    assert not ranked and excluded[0].kind == "no_rate"
    hint = main_hint(q, ranked, [], excluded, 1)
    assert hint is not None and "SEK" in hint and "rate" in hint
