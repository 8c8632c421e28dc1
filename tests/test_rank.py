"""Ranking with reasons, exclusions with why, landed cost and choosing the answer."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shopper.decide.answer import choose_answer
from shopper.decide.landed import landed_cost, shop_config
from shopper.decide.rank import rank, relevance
from shopper.decide.relevance import with_article
from shopper.models import Budget, Money, Offer, Profile, Query, ShopConfig, SpecNeed, Variant
from shopper.money import RateTable, format_money
from shopper.understand.offline import parse_request


def eur(x: str, cur: str = "EUR") -> Money:
    return Money(amount=Decimal(x), currency=cur)


_n = 0


def offer(title: str, price: str | None = "100", shop: str = "alpha", **kw: object) -> Offer:
    global _n
    _n += 1
    kw.setdefault("availability", "InStock")
    return Offer(
        url=f"https://{shop}.test/p/{_n}",
        title=title,
        shop=shop,
        price=eur(price, str(kw.pop("currency", "EUR"))) if price is not None else None,
        **kw,
    )


def fm(amount: str) -> str:
    return format_money(eur(amount))


def why(excluded: list, o: Offer) -> str:
    return next(e.why for e in excluded if e.url == o.url)


def reasons(ranked: list, o: Offer) -> list[str]:
    return next(r.reasons for r in ranked if r.offer.url == o.url)


SHOES = Query(text="running shoes", terms=["running", "shoes"])


def test_relevance_alone_model_numbers() -> None:
    q = Query(text="AMD Ryzen 9 5900X", brands=["AMD"], model_numbers=["5900X"], terms=["ryzen"])
    good, why_good = relevance(offer("AMD Ryzen 9 5900X - 3.7 GHz - 12 Cores"), q)
    bad, why_bad = relevance(offer("AMD Ryzen 9 5950X - 3.4 GHz - 16 Cores"), q)
    assert good > 0.9 and bad < 0.3
    assert "+ model 5900X matches" in why_good
    assert any(r.startswith("− model 5950X") for r in why_bad)


def test_relevance_specs_colour_and_must() -> None:
    q = Query(
        text="HDMI cable longer than 3 metres", terms=["hdmi", "cable"], colours=["black"], must=["gold"],
        needs=[SpecNeed(dim="length", op=">", value=3000.0, text="3 metres")],
    )  # fmt: skip
    s5, r5 = relevance(offer("Hama HDMI Cable, 5 Metre, Black, gold-plated"), q)
    s2, r2 = relevance(offer("Hama HDMI Cable, 2 Metre, White"), q)
    assert s5 > s2
    assert "+ > 3 metres" in r5 and "+ black" in r5 and "+ gold" in r5 and "+ hdmi, cable" in r5
    assert any(r.startswith("− not > 3 metres") for r in r2)
    assert any(r.startswith("− white") for r in r2)


def test_exclusions_each_have_a_reason() -> None:
    p = Profile(shops_avoided=["badshop", "evil.test"], brands_avoided=["Crocs"])
    q = Query(
        text="running shoes", terms=["running", "shoes"], max_price=eur("150"), min_price=eur("20"),
        exclude_brands=["Nike"], must_not=["rgb"],
    )  # fmt: skip
    o_ok = offer("Hoka Clifton running shoes", "120")
    o_over = offer("Asics Novablast running shoes", "180")
    o_under = offer("Cheap running shoes", "10")
    o_shop = offer("Hoka Mach running shoes", "100", shop="badshop")
    o_domain = offer("Saucony Ride running shoes", "100", shop="evil")
    o_brand_q = offer("Nike Pegasus running shoes", "100")
    o_brand_p = offer("Running shoes", "100", brand="Crocs")
    o_rgb = offer("Glowing running shoes with RGB lights", "100")
    o_oos = offer("Adidas Boston running shoes", "100", availability="OutOfStock")
    o_irrelevant = offer("Stainless steel kettle 1.7 l", "40")
    ranked, excluded = rank(
        [o_ok, o_over, o_under, o_shop, o_domain, o_brand_q, o_brand_p, o_rgb, o_oos, o_irrelevant], q, p
    )
    assert [r.offer.url for r in ranked] == [o_ok.url]
    assert why(excluded, o_over).startswith("over budget")
    assert why(excluded, o_under).startswith("under the minimum")
    assert why(excluded, o_shop) == "shop badshop is avoided"
    assert why(excluded, o_domain) == "shop evil.test is avoided"
    assert why(excluded, o_brand_q) == "brand Nike is avoided"
    assert why(excluded, o_brand_p) == "brand Crocs is avoided"
    assert why(excluded, o_rgb).startswith("has rgb")
    assert why(excluded, o_oos) == "out of stock"
    assert why(excluded, o_irrelevant).startswith("does not match the request")


def test_profile_budget_applies_when_query_gives_none() -> None:
    p = Profile(budget=Budget(max_per_item=Decimal("100")))
    o = offer("Hoka running shoes", "120")
    ranked, excluded = rank([o], SHOES, p)
    assert not ranked and why(excluded, o) == f"over budget: {fm('120')} > {fm('100')}"


def test_currency_mixing_refused() -> None:
    p = Profile(currency="EUR", budget=Budget(max_per_item=Decimal("200")))
    usd = offer("Hoka running shoes", "100", currency="USD")
    ranked, excluded = rank([usd], SHOES, p, rates=RateTable())
    assert why(excluded, usd) == "price in USD, no rate to EUR configured"
    # with a rate it converts; without a budget it is kept but not compared on price
    p_rate = Profile(currency="EUR", rates={"USD": Decimal("0.9")}, budget=Budget(max_per_item=Decimal("95")))
    ranked, _ = rank([usd], SHOES, p_rate)
    assert ranked[0].landed == eur("90.00")
    ranked, _ = rank([usd, offer("Asics running shoes", "80")], SHOES, Profile(), rates=RateTable())
    assert "− in USD; no rate to EUR, not compared on price" in reasons(ranked, usd)
    assert next(r for r in ranked if r.offer.url == usd.url).landed is None


def test_out_of_stock_kept_when_asked_and_unknown_stock() -> None:
    oos = offer("Hoka running shoes", "100", availability="OutOfStock")
    unknown = offer("Asics running shoes", "100", availability=None)
    q = SHOES.model_copy(update={"include_out_of_stock": True})
    ranked, excluded = rank([oos, unknown], q, Profile())
    assert not excluded
    assert "− out of stock" in reasons(ranked, oos)
    assert "− stock unknown" in reasons(ranked, unknown)
    assert ranked[0].offer.url == unknown.url


@pytest.mark.parametrize("key", ["Size", "Maat", "Størrelse", "Größe", "EU size"])
def test_size_in_variants(key: str) -> None:
    q = SHOES.model_copy(update={"size": "44"})
    has = offer(
        "Hoka running shoes",
        variants=[
            Variant(options={key: "43", "Color": "Red"}, availability="InStock"),
            Variant(options={key: "44", "Color": "Red"}, availability="InStock", price=eur("90")),
        ],
    )
    sold_out = offer(
        "Asics running shoes", variants=[Variant(options={key: "44"}, availability="OutOfStock")]
    )
    missing = offer("Saucony running shoes", variants=[Variant(options={key: "42"}, availability="InStock")])
    unlisted = offer("Brooks running shoes")
    ranked, excluded = rank([has, sold_out, missing, unlisted], q, Profile())
    kept = {r.offer.url: r for r in ranked}
    assert kept[has.url].matched_variant is not None
    assert kept[has.url].matched_variant.options[key] == "44"
    assert kept[has.url].landed == eur("90")
    assert "+ size 44 available" in kept[has.url].reasons
    assert why(excluded, sold_out) == "size 44 sold out"
    assert why(excluded, missing) == "no size 44"
    assert "− size 44 not known yet" in kept[unlisted.url].reasons
    assert not kept[unlisted.url].size_known


def test_liked_brand_shop_colour_and_price_reasons() -> None:
    p = Profile(
        brands_liked=["Hoka"], colours_liked=["red"],
        shops=[ShopConfig(name="Runners", url="https://runners.test", shipping=Decimal("5"),
                          free_shipping_over=Decimal("100"))],
        budget=Budget(max_per_item=Decimal("200")),
    )  # fmt: skip
    hoka = offer("Hoka Clifton running shoes red", "120", shop="runners")
    cheap = offer("Asics running shoes", "90", shop="other", shipping=eur("0"))
    ship = offer("Brooks running shoes", "95", shop="runners")
    ranked, _ = rank([hoka, cheap, ship], SHOES, p)
    r_hoka, r_cheap, r_ship = reasons(ranked, hoka), reasons(ranked, cheap), reasons(ranked, ship)
    assert "+ liked brand Hoka" in r_hoka
    assert "+ liked shop Runners" in r_hoka
    assert "+ liked colour red" in r_hoka
    assert "+ free shipping" in r_hoka  # over the shop's free-shipping threshold
    assert f"− {fm('30')} over the cheapest" in r_hoka
    assert "+ cheapest" in r_cheap and "+ free shipping" in r_cheap
    assert f"− {fm('5')} shipping" in r_ship
    assert f"+ {fm('110')} under budget" in r_cheap
    assert ranked[0].offer.url == hoka.url  # the preferences outweigh €30
    assert all(r.group for r in ranked)


def test_landed_cost_free_shipping_threshold() -> None:
    shop = ShopConfig(
        name="S", url="https://s.test", shipping=Decimal("4.95"), free_shipping_over=Decimal("50")
    )
    p = Profile(shops=[shop])
    under = landed_cost(offer("Socks", "20", shop="S"), p)
    over = landed_cost(offer("Shoes", "60", shop="S"), p)
    stated = landed_cost(offer("Cap", "20", shop="S", shipping=eur("2")), p)
    assert under.total == eur("24.95") and under.comparable
    assert over.total == eur("60") and over.shipping == eur("0")
    assert stated.total == eur("22")


def test_ties_broken_by_landed_cost_then_title() -> None:
    a = offer("Beta running shoes", "100")
    b = offer("Alpha running shoes", "100")
    ranked, _ = rank([a, b], SHOES, Profile())
    assert [r.offer.title for r in ranked] == ["Alpha running shoes", "Beta running shoes"]


def test_choose_cheapest_returns_all_ties() -> None:
    q = Query(text="Bose QuietComfort Ultra Headphones", terms=["quietcomfort", "ultra", "headphones"],
              brands=["Bose"], intent="cheapest")  # fmt: skip
    a = offer("Bose QuietComfort Ultra Headphones", "359.99", shop="a")
    b = offer("Bose Quietcomfort Ultra Headphones - Black", "359.99", shop="b")
    c = offer("Bose QuietComfort Ultra Headphones", "379.99", shop="c")
    d = offer("Bose Sport Earbuds", "89.75", shop="d")
    ranked, _ = rank([a, b, c, d], q, Profile())
    assert set(choose_answer(ranked, q)) == {a.url, b.url}


def test_choose_cheapest_per_product_asked() -> None:
    q = Query(text="Samsung Galaxy A25 and A35", brands=["Samsung"], model_numbers=["A25", "A35"],
              terms=["galaxy"], intent="cheapest")  # fmt: skip
    a25 = offer("Samsung Galaxy A25 5G 128GB", "200", shop="a")
    a25b = offer("Samsung Galaxy A25 5G 128GB blue", "210", shop="b")
    a35 = offer("Samsung Galaxy A35 5G 256GB", "290", shop="a")
    a55 = offer("Samsung Galaxy A55 5G 128GB", "150", shop="a")
    ranked, excluded = rank([a25, a25b, a35, a55], q, Profile())
    assert set(choose_answer(ranked, q)) == {a25.url, a35.url}
    assert why(excluded, a55).startswith("does not match the request")


def test_choose_all_needs_every_requirement() -> None:
    q = Query(text="HDMI cables longer than 3 metres", terms=["hdmi", "cables"], intent="all",
              needs=[SpecNeed(dim="length", op=">", value=3000.0, text="3 metres")])  # fmt: skip
    five = offer("Hama High Speed HDMI Cable, 5 Metre", "15.99", shop="a")
    five_b = offer("Hama HDMI Cable Ultra-HD, 5 Metre", "16.99", shop="b")
    three = offer("Hama High Speed HDMI Cable, 3 Metres", "9.99", shop="a")
    usb = offer("USB-C Cable, 5 Metre", "9.99", shop="a")
    ranked, _ = rank([five, five_b, three, usb], q, Profile())
    assert set(choose_answer(ranked, q)) == {five.url, five_b.url}


def test_choose_all_of_one_product_rejects_siblings() -> None:
    q = Query(text="Asus DUAL RTX 4070 SUPER OC", brands=["Asus"], model_numbers=["RTX4070"],
              terms=["dual", "oc"], intent="all")  # fmt: skip
    sup = offer("Asus DUAL RTX4070 SUPER OC White, PCIe4, 12GB", "599", shop="a")
    sup_b = offer("Asus Dual GeForce RTX 4070 SUPER OC Edition 12GB", "619", shop="b")
    ti = offer("Asus DUAL RTX4070 Ti OC, PCIe4, 12GB", "799", shop="a")
    plain = offer("Asus DUAL RTX 4070 OC, PCIe4, 12GB", "549", shop="b")
    ranked, _ = rank([sup, sup_b, ti, plain], q, Profile())
    assert set(choose_answer(ranked, q)) == {sup.url, sup_b.url}


def test_choose_best_adds_same_product_at_other_shops() -> None:
    q = Query(text="Sony WH-1000XM5", model_numbers=["WH-1000XM5"], terms=["headphones"])
    a = offer("Sony WH-1000XM5 Wireless Headphones", "300", shop="a")
    b = offer("Sony WH1000XM5 noise cancelling headphones", "320", shop="b")
    c = offer("Sony WH-1000XM4 Wireless Headphones", "200", shop="c")
    ranked, _ = rank([a, b, c], q, Profile())
    assert choose_answer(ranked, q) == [a.url, b.url]
    assert choose_answer([], q) == []


def test_choose_superlative_keeps_the_top_value() -> None:
    q = Query(text="all offers for the largest Crucial MX500", brands=["Crucial"], model_numbers=["MX500"],
              superlative="storage",
              intent="all")  # fmt: skip
    big_a = offer("Crucial MX500 4TB SATA SSD", "550", shop="a")
    big_b = offer("4 TB Crucial MX500 2.5in SSD", "560", shop="b")
    small = offer("Crucial MX500 2TB SATA SSD", "200", shop="a")
    ranked, _ = rank([big_a, big_b, small], q, Profile())
    assert set(choose_answer(ranked, q)) == {big_a.url, big_b.url}


def test_zero_price_is_no_price() -> None:
    free = offer("Hoka running shoes", "0")
    ranked, _ = rank([free], SHOES, Profile())
    assert "− no price" in ranked[0].reasons and ranked[0].landed is None


def test_model_alone_does_not_stand_in_for_missing_product_words() -> None:
    q = Query(text="Asrock B550 PHANTOM GAMING 4", brands=["ASRock"], model_numbers=["B550"],
              terms=["phantom", "gaming", "4"], search_terms=["Asrock B550 PHANTOM GAMING 4", "B550"],
              intent="all")  # fmt: skip
    phantom = offer("Asrock B550 PHANTOM GAMING 4, AMD B550, AM4, ATX", "99", shop="a")
    steel = offer("Asrock B550 STEEL LEGEND, AMD B550, AM4, ATX", "109", shop="a")
    ranked, _ = rank([phantom, steel], q, Profile())
    assert choose_answer(ranked, q) == [phantom.url]
    assert "− no phantom, gaming" in reasons(ranked, steel)


def test_participle_clause_does_not_name_the_product() -> None:
    q = Query(text="the cheapest motherboard designed for gamers with AM4 socket", model_numbers=["AM4"],
              terms=["motherboard", "designed", "gamers", "socket"], intent="cheapest",
              head="motherboard")  # fmt: skip
    board = offer("Gigabyte A520 AORUS ELITE, AM4 motherboard", "80", shop="a")
    kit = offer("Noctua NM-AM4 mounting kit, designed for gamers", "10", shop="b")
    ranked, _ = rank([board, kit], q, Profile())
    assert "− not a motherboard" in reasons(ranked, kit)
    assert choose_answer(ranked, q) == [board.url]
    # "RAM clocking higher than ...": the participle starts a clause, so RAM is the product
    q = Query(text="DDR4 RAM clocking higher than 3000 MHz", terms=["ram", "clocking"], intent="cheapest")
    ram = offer("Crucial 8GB DDR4 3200 RAM", "20", shop="a")
    ranked, _ = rank([ram], q, Profile())
    assert not any("not a" in r for r in reasons(ranked, ram))


def test_a_missing_kind_reads_as_english_singular_or_plural() -> None:
    assert with_article("jacket") == "a jacket"
    assert with_article("dress") == "a dress"
    assert with_article("hiking shoes") == "hiking shoes"
    assert with_article("headphones") == "headphones"


def test_a_dutch_compound_in_a_title_matches_an_english_request() -> None:
    q = Query(text="trail shoes", terms=["trail", "shoes"], search_terms=["trail shoes"])
    score, why = relevance(offer("Kiprun Trail TR2 trailschoenen heren"), q)
    assert score >= 0.9, why
    assert not any(r.startswith("− no") or r.startswith("− not a") for r in why)


def test_compare_prefers_the_kind_the_other_product_is() -> None:
    from shopper.decide.answer import item_query
    from shopper.understand.offline import parse_request

    q = parse_request("compare Tandberg Z9 and Lyra Air")
    assert [i.text for i in q.items] == ["Tandberg Z9", "Lyra Air"]
    first = offer("Tandberg Z9 over-ear hodetelefoner", "300", shop="a", category="Lyd")
    buds = offer("Lyra Air Earbuds, black", "150", shop="b", category="Headphones")
    cans = offer("Lyra Air Headphones", "250", shop="c", category="Headphones")
    ranked = []
    for index, offers in enumerate([[first], [buds, cans]]):
        part, _ = rank(offers, item_query(q, index), Profile())
        for r in part:
            r.item = index
        ranked.extend(part)
    # both of the second product's offers fit its name; the headphones are what it is compared with
    assert choose_answer(ranked, q) == [first.url, cans.url]


def test_another_kind_of_product_is_no_closest_answer() -> None:
    from shopper.decide.answer import main_hint
    from shopper.understand.offline import parse_request

    q = parse_request("waterproof wool socks")
    sweater = offer("Merino wool sweater, waterproof finish", "60")
    ranked, excluded = rank([sweater], q, Profile())
    assert ranked, "the sweater shares words with the request, so it is ranked"
    assert choose_answer(ranked, q) == []
    hint = main_hint(q, ranked, [], excluded, searched=1)
    assert hint is not None and "is a sock" in hint


@pytest.mark.parametrize(
    ("request_text", "sizes", "answered"),
    [
        ("kids rain jacket 6 years", ["110", "116", "122"], "116"),  # age to height, the EU convention
        ("kids rain jacket 122", ["5-6Y", "7-8Y"], "7-8Y"),  # height to age
        ("kids rain jacket 116", ["104/110", "116/122"], "116/122"),  # double sizes hold both heights
    ],
)
def test_childrens_sizes_in_years_and_centimetres_meet(
    request_text: str, sizes: list[str], answered: str
) -> None:
    from shopper.understand.offline import parse_request

    q = parse_request(request_text)
    variants = [Variant(options={"size": s}, availability="InStock", price=eur("30")) for s in sizes]
    jacket = offer("Kids' rain jacket", "30", variants=variants)
    ranked, _ = rank([jacket], q, Profile())
    assert choose_answer(ranked, q) == [jacket.url]
    assert ranked[0].matched_variant is not None
    assert ranked[0].matched_variant.options["size"] == answered


def test_two_shops_on_one_host_keep_their_own_shipping() -> None:
    first = ShopConfig(name="A", url="http://127.0.0.1:8001", shipping=Decimal("4.95"))
    second = ShopConfig(name="B", url="http://127.0.0.1:8002", shipping=Decimal("7.50"))
    profile = Profile(name="t", currency="EUR", shops=[first, second])
    by_name = Offer(url="http://127.0.0.1:8002/p/1", title="x", shop="B")
    by_port = Offer(url="http://127.0.0.1:8002/p/2", title="x", shop="")
    elsewhere = Offer(url="http://127.0.0.1:8003/p/3", title="x", shop="")
    assert shop_config(by_name, profile) is second
    assert shop_config(by_port, profile) is second
    assert shop_config(elsewhere, profile) is None
    www = Offer(url="https://www.winkel.example/p/4", title="x", shop="")
    assert (
        shop_config(www, Profile(name="t", shops=[ShopConfig(name="W", url="https://winkel.example")]))
        is not None
    )


def test_a_compounds_other_names_keep_its_qualifier() -> None:
    q = parse_request("fleecetröja dam M")
    fleece, _ = relevance(offer("Better Sweater Fleece Jacket - Women's"), q)
    plain, why = relevance(offer("Everyday Crew Pullover Damen"), q)
    assert fleece > plain  # a pullover is a sweater, but not a fleece one
    assert any(r.startswith("− not a fleece") for r in why)


def test_the_asked_use_in_a_near_kind_beats_the_noun_alone() -> None:
    q = parse_request("vandringskängor herr 43")  # hiking boots
    near, _ = relevance(offer("Merrell Moab 3 Hiking Shoes Men"), q)
    noun_only, _ = relevance(offer("Skagerrak Rubber Boots Men"), q)
    assert near > noun_only
    # clothing is too broad a kind for that: a wool base layer is no wool sweater
    q = parse_request("ullgenser herre str M")
    layer, _ = relevance(offer("Merino Crew Wool Base Layer Top Men"), q)
    sweater, _ = relevance(offer("Lambswool V-Neck Sweater Men"), q)
    assert sweater >= layer
