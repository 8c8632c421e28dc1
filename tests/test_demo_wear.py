"""The demo catalogue covers everyday shopping: kinds, sizes, prices, stock, languages, the NOK shop."""

from __future__ import annotations

import re
from decimal import Decimal

import shopper.demo as demo
from shopper.demo import catalog_cache
from shopper.demo.catalog import N_SHOPS, SHOP_LANGS, demo_catalog, shop_products
from shopper.demo.catalog_cache import cache_path, cached_shop_products, catalogue_version
from shopper.demo.shopdata import ShopProduct, available
from shopper.understand.sizes import canonical_size


def _sizes(p: ShopProduct) -> list[str]:
    return [v.options["Size"] for v in p.variants if "Size" in v.options]


def test_everyday_kinds_with_their_size_systems() -> None:
    cat = demo_catalog()
    by_kind: dict[str, list[ShopProduct]] = {}
    for p in cat:
        for tag in p.tags[:1]:
            by_kind.setdefault(tag, []).append(p)
    for kind in ("sweater", "cardigan", "hoodie", "tshirt", "chinos", "dress", "rainjacket", "raintrousers"):
        assert len(by_kind.get(kind, [])) >= 2, kind
    chinos = by_kind["chinos"][0]
    waist_length = {canonical_size(s) for s in _sizes(chinos)}
    assert {"28/30", "32/34", "38/34"} <= waist_length
    kids = [p for p in cat if "kids" in p.tags]
    assert len(kids) >= 5 and all(set(_sizes(p)) >= {"98", "128", "164"} for p in kids)
    # Men's and women's models are different products with different size ranges.
    shoes = [p for p in cat if p.category in ("Running Shoes", "Trail Running Shoes")]
    women = [p for p in shoes if "women" in p.tags]
    men = [p for p in shoes if "men" in p.tags]
    assert women and men
    assert all(min(int(s) for s in _sizes(p)) == 36 and max(int(s) for s in _sizes(p)) == 42 for p in women)
    assert all(min(int(s) for s in _sizes(p)) == 39 and max(int(s) for s in _sizes(p)) == 47 for p in men)
    rain = [p for p in cat if "rainjacket" in p.tags]
    assert all(len({v.options.get("Color") for v in p.variants}) >= 3 for p in rain if "kids" in p.tags)


def test_cheap_items_sales_and_sold_out_sizes_in_every_shop() -> None:
    for i in range(N_SHOPS):
        products = shop_products(i)
        eur = Decimal(1) if i != 4 else Decimal("11.5")
        wear = [p for p in products if p.tags and p.tags[0] in ("sweater", "tshirt", "hoodie", "dress")]
        assert any(p.price / eur < 30 for p in wear) and any(30 <= p.price / eur < 60 for p in wear)
        assert any(p.regular_price and p.regular_price > p.price for p in products)
        # A size sold out here and there: products with variants both in and out of stock.
        mixed = [p for p in products if available(p) and any(not v.in_stock for v in p.variants)]
        assert len(mixed) > 20


def test_each_shop_writes_in_its_language_and_says_what_a_product_is_not() -> None:
    negations = {
        "en": "not waterproof",
        "de": "nicht wasserdicht",
        "nl": "niet waterdicht",
        "nb": "ikke vanntett",
    }
    nouns = {"en": "Sweater", "de": "Pullover", "nl": "trui", "nb": "genser"}
    for i, lang in enumerate(SHOP_LANGS):
        products = shop_products(i)
        assert any(negations[lang] in p.description.lower() for p in products), lang
        assert any(nouns[lang] in p.title for p in products), lang
    nb = shop_products(4)
    assert any("Rød" in v.options.get("Color", "") for p in nb for v in p.variants)
    assert any(re.search(r"\bherre\b", p.title) for p in nb)


def test_a_fifth_demo_shop_prices_in_norwegian_kroner() -> None:
    nok = [s for s in demo.DEMO_SHOPS if s.currency == "NOK"]
    assert len(nok) == 1 and nok[0].lang == "nb" and len(demo.DEMO_SHOPS) == N_SHOPS
    products = shop_products(nok[0].index)
    # Whole-kroner prices as Norwegian shops set them.
    assert all(p.price == p.price.to_integral_value() and p.price > 9 for p in products)
    assert {"Hodetelefoner", "Løpesko", "Regnjakker", "Gensere"} <= {p.category for p in products}
    for shop in demo.DEMO_SHOPS:
        assert shop.shipping is not None and shop.free_shipping_over is not None


def test_every_product_has_an_image_per_colour() -> None:
    for p in shop_products(0):
        assert p.images and all(path in p.art for path in p.images)
        colours = {v.options.get("Color") for v in p.variants} - {None}
        if colours:
            assert len(p.images) == len(colours)
            assert all(v.image in p.images for v in p.variants)


def test_the_built_catalogue_is_cached_in_the_data_dir() -> None:
    catalog_cache._shops.cache_clear()  # this test's own data dir
    path = cache_path()
    stale = path.parent / "catalogue-0000000000000000.json"
    stale.parent.mkdir(parents=True)
    stale.write_text("[]", encoding="utf-8")
    assert catalogue_version() in path.name and not path.exists()
    assert cached_shop_products(2) == shop_products(2)
    assert path.exists() and path.stat().st_size > 100_000
    assert not stale.exists()  # an earlier version's catalogue is removed, not kept forever
    # A damaged cache is rebuilt, not trusted.
    catalog_cache._shops.cache_clear()
    path.write_text("{not json", encoding="utf-8")
    assert cached_shop_products(4) == shop_products(4)
    catalog_cache._shops.cache_clear()
