"""Grouping the same product across shops."""

from __future__ import annotations

import time

from shopper.decide.group import group_offers, normalize_gtin, specs_compatible
from shopper.decide.textmatch import model_conflict, model_tokens, needs, specs
from shopper.models import Offer


def _o(title: str, shop: str = "a", **kw: object) -> Offer:
    return Offer(url=f"https://{shop}.test/{abs(hash((title, shop, str(kw))))}", title=title, shop=shop, **kw)


def _same(a: Offer, b: Offer) -> bool:
    ga, gb = group_offers([a, b])
    return ga == gb


def test_gtin_forms_compare_equal() -> None:
    assert normalize_gtin("0012345678905") == normalize_gtin("012345678905") == "12345678905"
    a = _o("Trail shoe blue", "a", gtin="00012345678905")
    b = _o("Completely different words", "b", gtin="012345678905")
    assert _same(a, b)


def test_gtin_mismatch_alone_does_not_merge() -> None:
    assert not _same(_o("Widget one", "a", gtin="4006381333931"), _o("Gadget two", "b", gtin="4006381333948"))


def test_mpn_groups_across_shops() -> None:
    a = _o("Headphones noise cancelling", "a", brand="Sony", mpn="WH-1000XM5/B")
    b = _o("Over-ear wireless", "b", brand="Sony", mpn="WH1000XM5B")
    assert _same(a, b)


def test_sku_counts_only_when_it_looks_like_a_part_number() -> None:
    a = _o("Alpha thing", "a", brand="Acme", sku="AC-1234X")
    b = _o("Beta item", "b", brand="Acme", sku="AC1234X")
    assert _same(a, b)
    c = _o("Alpha thing", "a", sku="12345")
    d = _o("Unrelated gadget", "b", sku="12345")
    assert not _same(c, d)


def test_model_numbers_group_different_titles() -> None:
    a = _o("Sony WH-1000XM5 Wireless Headphones, Black", "a")
    b = _o("Sony WH1000XM5 Noise Cancelling Over-Ear", "b")
    assert _same(a, b)


def test_rtx_4070_variants_are_different_products() -> None:
    base = _o("Asus DUAL RTX 4070 OC, PCIe4, 12GB DDR6X", "a")
    ti = _o("Asus DUAL RTX 4070 Ti OC, PCIe4, 12GB DDR6X", "b")
    sup = _o("Asus DUAL RTX 4070 SUPER OC, PCIe4, 12GB DDR6X", "c")
    ids = group_offers([base, ti, sup])
    assert len(set(ids)) == 3
    assert model_tokens("RTX 4070 Ti") == {"RTX4070TI"}
    assert model_conflict("RTX4070", "RTX4070SUPER")


def test_capacities_lengths_and_sibling_models_separate() -> None:
    assert not _same(_o("Kingston 1TB NV2 M.2 NVMe SSD", "a"), _o("Kingston 2TB NV2 M.2 NVMe SSD", "b"))
    assert not _same(_o("Kingston Fury Beast 16GB DDR5", "a"), _o("Kingston Fury Beast 32GB DDR5", "b"))
    assert not _same(_o("Hama HDMI Cable, 3m", "a"), _o("Hama HDMI Cable, 5m", "b"))
    assert not _same(_o("Samsung Galaxy A25 5G 128GB", "a"), _o("Samsung Galaxy A35 5G 128GB", "b"))
    assert not _same(_o("AMD Ryzen 9 5900X 12 cores", "a"), _o("AMD Ryzen 9 5950X 16 cores", "b"))
    assert specs_compatible(specs("Hama HDMI Cable, 3 Metres"), specs("Hama HDMI Cable 300 cm"))
    assert not specs_compatible(specs("Phone 12/256GB"), specs("Phone 8/128GB"))


def test_chipset_next_to_board_model_is_not_the_product() -> None:
    a = _o("Asrock B550 PHANTOM GAMING 4, AMD B550, AM4, ATX", "a")
    b = _o("Asrock B550M PHANTOM GAMING 4, AMD B550, AM4, Micro ATX", "b")
    c = _o("Asrock B550 Phantom Gaming 4 ATX motherboard", "c")
    ga, gb, gc = group_offers([a, b, c])
    assert ga == gc != gb


def test_brands_must_not_conflict() -> None:
    assert not _same(
        _o("Nike Pegasus 40 Running Shoe", "a", brand="Nike"),
        _o("Pegasus 40 Running Shoe", "b", brand="Hoka"),
    )


def test_fuzzy_titles_group_and_colour_variants_may_share() -> None:
    a = _o("Bose QuietComfort Ultra Headphones", "a")
    b = _o("Bose Quietcomfort Ultra Headphones - Black", "b")
    c = _o("Bose QuietComfort Ultra Headphones - White", "b")
    assert len(set(group_offers([a, b, c]))) == 1


def test_fuzzy_keeps_named_variants_apart() -> None:
    a = _o("Fractal Design Meshify 2 Gaming Case, E-ATX", "a")
    b = _o("Fractal Design Meshify 2 Mini Gaming Case, Micro ATX", "b")
    c = _o("Fractal Design Meshify C Gaming Case, ATX, USB-C", "c")
    assert len(set(group_offers([a, b, c]))) == 3


def test_ids_are_stable_and_in_order_of_first_appearance() -> None:
    offers = [_o("Alpha 100 widget", "a"), _o("Beta gizmo 7", "a"), _o("Alpha 100 widget", "b")]
    assert group_offers(offers) == ["g1", "g2", "g1"]
    assert group_offers(offers) == group_offers(offers)
    assert group_offers([]) == []


def test_spec_parsing_units() -> None:
    s = specs('Cable 3 meters, 240mm, 16 GB, 1TB, DDR5, PCIe Gen4, 5G, 3000MHz, 27"')
    assert s.qty["length"] == {3000.0, 240.0}
    assert s.qty["storage"] == {16.0, 1000.0}
    assert s.qty["freq"] == {3000.0}
    assert s.qty["inch"] == {27.0}
    assert s.cat["ddr"] == {"5"} and s.cat["pcie"] == {"4"} and s.cat["net"] == {"5"}
    assert specs("300 cm").qty["length"] == {3000.0}
    assert specs("PCIe 4.0").cat["pcie"] == {"4"}
    longer = needs("HDMI cables longer than 3 metres")[0]
    assert (longer.dim, longer.op, longer.value) == ("length", ">", 3000.0)
    assert needs("at least 512gb")[0].op == ">="


def test_scales_to_thousands_without_all_pairs() -> None:
    offers = [_o(f"Brand{i % 40} Model X{i} thing {i % 7}GB", f"s{i % 4}") for i in range(5000)]
    start = time.perf_counter()
    ids = group_offers(offers)
    assert len(ids) == 5000
    assert time.perf_counter() - start < 30
