"""The demo shop servers, over real HTTP on 127.0.0.1, checked against the formats in FORMATS.md."""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from lxml import etree  # type: ignore[import-untyped]
from lxml import html as lhtml

from shopper.demo.server import MARKER_PATH, ShopProduct, ShopServer, ShopVariant

D = Decimal


def _products() -> list[ShopProduct]:
    shoe_sizes = [
        ShopVariant(10101, {"Size": "42"}, D("139.95"), D("159.95"), True, "SG5-42"),
        ShopVariant(10102, {"Size": "43"}, D("139.95"), D("159.95"), False, "SG5-43"),
        ShopVariant(10103, {"Size": "44"}, D("149.95"), D("169.95"), True, "SG5-44"),
    ]
    items = [
        ShopProduct(
            101,
            "hoka-speedgoat-5",
            "Hoka Speedgoat 5 Trail Running Shoes",
            "Hoka",
            "Trail Running Shoes",
            "Waterproof trail shoe with Vibram outsole.",
            D("139.95"),
            D("159.95"),
            True,
            "SG5",
            gtin="4006381333931",
            options=[("Size", ["42", "43", "44"])],
            variants=shoe_sizes,
            tags=["trail", "men"],
            rating=D("4.5"),
            rating_count=12,
        ),
        ShopProduct(
            102,
            "sony-wh-1000xm5",
            "Sony WH-1000XM5 Wireless Headphones",
            "Sony",
            "Headphones",
            "Noise cancelling wireless headphones.",
            D("1299.00"),
            None,
            True,
            "WH1000XM5",
            gtin="4548736132610",
            mpn="WH1000XM5",
        ),
        ShopProduct(
            103,
            "sold-out-ssd",
            "Samsung 990 PRO 2TB SSD",
            "Samsung",
            "SSDs",
            "Fast NVMe SSD.",
            D("179.00"),
            D("199.00"),
            False,
            "990PRO2",
        ),
        ShopProduct(
            104,
            "nasty",
            'Evil </script><b>"Shop" & Co</b>',
            "Ev&l",
            "Misc",
            "</script><script>x</script>",
            D("5.00"),
            None,
            True,
            "EV1",
        ),
    ]
    fillers = [
        ShopProduct(
            200 + i,
            f"widget-{i}",
            f"Blue Widget {i}",
            "Acme",
            "Widgets",
            "A widget.",
            D("7.99"),
            None,
            True,
            f"W{i}",
        )
        for i in range(30)
    ]
    return items + fillers


@contextmanager
def serve(flavor: str, products: list[ShopProduct] | None = None, **kw: object) -> Iterator[ShopServer]:
    server = ShopServer(_products() if products is None else products, flavor, name="Test & Shop", **kw)  # type: ignore[arg-type]
    with server:
        yield server


def get(server: ShopServer, path: str, **params: object) -> httpx.Response:
    return httpx.get(server.url + path, params=params or None, timeout=10)  # type: ignore[arg-type]


def ld_blocks(text: str) -> list[object]:
    tree = lhtml.fromstring(text)
    return [json.loads(s.text) for s in tree.xpath('//script[@type="application/ld+json"]')]


def check_html(resp: httpx.Response, lang: str) -> etree._Element:
    """Well-formed (as XML), UTF-8 charset meta, lang, og tags; returns the parsed tree."""
    assert resp.status_code == 200
    assert resp.headers["content-type"] == "text/html; charset=utf-8"
    body = resp.content
    assert body.startswith(b"<!DOCTYPE html>\n")
    root = etree.fromstring(body.split(b"\n", 1)[1])
    assert root.get("lang") == lang
    assert root.xpath("//meta[@charset='utf-8']")
    for prop in ("og:title", "og:url", "og:image"):
        assert root.xpath(f"//meta[@property='{prop}']/@content"), prop
    return root


def keys_deep(obj: object) -> set[str]:
    if isinstance(obj, dict):
        return set(obj) | {k for v in obj.values() for k in keys_deep(v)}
    if isinstance(obj, list):
        return {k for v in obj for k in keys_deep(v)}
    return set()


# --- Shopify -----------------------------------------------------------------------------------


def test_shopify_products_json_shape_and_caps() -> None:
    many = [
        ShopProduct(i, f"p-{i}", f"P {i}", "B", "T", "d", D("1.50"), None, True, f"S{i}")
        for i in range(1, 262)
    ]
    with serve("shopify") as s:
        data = get(s, "/products.json", limit=250, page=1).json()
        first = data["products"][0]
        assert "currency" not in keys_deep(data) and "price_currency" not in keys_deep(data)
        fields = {
            "title",
            "handle",
            "body_html",
            "vendor",
            "product_type",
            "tags",
            "variants",
            "images",
            "options",
        }
        assert fields <= set(first)
        v = first["variants"][0]
        assert v["price"] == "139.95" and v["compare_at_price"] == "159.95" and v["option1"] == "42"
        assert [x["available"] for x in first["variants"]] == [True, False, True]
        assert first["options"] == [{"name": "Size", "position": 1, "values": ["42", "43", "44"]}]
        plain = next(p for p in data["products"] if p["handle"] == "sony-wh-1000xm5")
        assert (
            plain["variants"][0]["compare_at_price"] is None
            and plain["variants"][0]["title"] == "Default Title"
        )
        assert get(s, "/products.json", limit=250, page=101).status_code == 400
        assert get(s, "/products.json", limit=250, page=100).json() == {"products": []}
    with serve("shopify", many) as s:
        assert len(get(s, "/products.json", limit=1000).json()["products"]) == 250
        assert len(get(s, "/products.json", limit=250, page=2).json()["products"]) == 11


def test_shopify_product_js_json_and_suggest() -> None:
    with serve("shopify") as s:
        js = get(s, "/products/hoka-speedgoat-5.js").json()
        assert js["type"] == "Trail Running Shoes" and "product_type" not in js
        assert (js["price"], js["price_min"], js["price_max"]) == (13995, 13995, 14995)
        assert js["compare_at_price_min"] == 15995 and js["available"] is True
        assert [v["available"] for v in js["variants"]] == [True, False, True]
        assert all(isinstance(v["price"], int) for v in js["variants"])
        assert js["variants"][0]["barcode"] == "4006381333931"
        pj = get(s, "/products/hoka-speedgoat-5.json").json()["product"]
        assert pj["variants"][0]["price"] == "139.95" and pj["variants"][0]["price_currency"] == "EUR"
        assert get(s, "/products/nope.js").status_code == 404

        sug = get(
            s, "/search/suggest.json", q="wid", **{"resources[type]": "product", "resources[limit]": 10}
        ).json()
        results = sug["resources"]["results"]["products"]
        assert len(results) == 10
        r0 = results[0]
        assert r0["variants"] == [] and r0["price"] == "7.99" and r0["compare_at_price_min"] == "0.00"
        assert isinstance(r0["image"], str) and "currency" not in r0
        qs = parse_qs(urlsplit(r0["url"]).query)
        assert qs["_pos"] == ["1"] and qs["_psq"] == ["wid"] and qs["_ss"] == ["e"] and qs["_v"] == ["1.0"]
        more = get(s, "/search/suggest.json", q="widget", **{"resources[limit]": 50}).json()
        assert len(more["resources"]["results"]["products"]) == 10
        # Every word must prefix a word: "idget" is inside "widget" but prefixes nothing.
        assert get(s, "/search/suggest.json", q="idget").json()["resources"]["results"]["products"] == []
        hoka = get(s, "/search/suggest.json", q="hoka trail").json()["resources"]["results"]["products"]
        assert [p["handle"] for p in hoka] == ["hoka-speedgoat-5"] and hoka[0][
            "compare_at_price_max"
        ] == "169.95"


def test_shopify_html_pages() -> None:
    with serve("shopify") as s:
        page = get(s, "/products/hoka-speedgoat-5")
        root = check_html(page, "en")
        (ld,) = ld_blocks(page.text)
        assert isinstance(ld, dict) and ld["@type"] == "Product" and len(ld["offers"]) == 3
        assert ld["offers"][1]["availability"].endswith("OutOfStock") and ld["gtin13"] == "4006381333931"
        assert root.xpath("//meta[@property='og:price:amount']/@content") == ["139.95"]
        assert root.xpath("//meta[@property='og:price:currency']/@content") == ["EUR"]
        assert "€139.95" in page.text and not root.xpath("//button[@name='add'][@disabled]")
        sold = lhtml.fromstring(get(s, "/products/sold-out-ssd").text)
        assert sold.xpath("//button[@name='add']/@disabled")
        nasty = get(s, "/products/nasty")
        check_html(nasty, "en")
        assert "</script><b>" not in nasty.text
        (nld,) = ld_blocks(nasty.text)
        assert isinstance(nld, dict) and nld["name"] == 'Evil </script><b>"Shop" & Co</b>'
        search = lhtml.fromstring(get(s, "/search", q="widget").text)
        assert len(search.xpath("//li[contains(@class,'grid__item')]")) == 24
        assert search.xpath("//a[@rel='next']/@href")
        assert get(s, "/collections/all").status_code == 200
        robots = get(s, "/robots.txt").text
        assert (
            "Disallow: /cart" in robots and "Disallow: /checkout" in robots and "Disallow: /admin" in robots
        )
        index = etree.fromstring(get(s, "/sitemap.xml").content)
        sub = index.xpath("//*[local-name()='loc']/text()")[0]
        locs = etree.fromstring(httpx.get(sub).content).xpath("//*[local-name()='loc']/text()")
        assert len(locs) == len(_products()) and f"{s.url}/products/hoka-speedgoat-5" in locs


# --- WooCommerce -------------------------------------------------------------------------------


def test_woocommerce_store_api() -> None:
    with serve("woocommerce", lang="de") as s:
        root = get(s, "/wp-json/").json()
        assert "wc/store/v1" in root["namespaces"]
        r = get(s, "/wp-json/wc/store/v1/products", search="widget", per_page=10, page=1)
        assert r.headers["X-WP-Total"] == "30" and r.headers["X-WP-TotalPages"] == "3"
        assert 'rel="next"' in r.headers["Link"] and len(r.json()) == 10
        # WordPress search: every word must occur in title or content.
        assert [p["slug"] for p in get(s, "/wp-json/wc/store/v1/products", search="trail vibram").json()] == [
            "hoka-speedgoat-5"
        ]
        assert get(s, "/wp-json/wc/store/v1/products", search="trail nowhere").json() == []
        assert get(s, "/wp-json/wc/store/v1/products", per_page=101).status_code == 400
        item = get(s, "/wp-json/wc/store/v1/products/102").json()
        prices = item["prices"]
        assert (
            prices["price"] == "129900"
            and prices["currency_minor_unit"] == 2
            and prices["currency_code"] == "EUR"
        )
        assert prices["currency_decimal_separator"] == "," and prices["price_range"] is None
        assert item["is_in_stock"] is True and item["is_purchasable"] is True and item["has_options"] is False
        shoe = get(s, "/wp-json/wc/store/v1/products/101").json()
        assert shoe["type"] == "variable" and shoe["prices"]["regular_price"] == "15995"
        assert shoe["prices"]["price_range"] == {"min_amount": "13995", "max_amount": "14995"}
        # A German shop labels the attribute in German; its taxonomy keeps the slug it was created with.
        size = shoe["attributes"][0]
        assert size["name"] == "Größe" and size["taxonomy"] == "pa_size" and len(size["terms"]) == 3
        var = shoe["variations"][1]
        assert "prices" not in var and var["attributes"] == [{"name": "Größe", "value": "43"}]
        fetched = get(s, f"/wp-json/wc/store/v1/products/{var['id']}").json()
        assert fetched["is_in_stock"] is False and fetched["prices"]["price"] == "13995"
        assert get(s, "/wp-json/wc/store/v1/products/999999").status_code == 404


def test_woocommerce_html() -> None:
    with serve("woocommerce", lang="de") as s:
        page = get(s, "/product/sony-wh-1000xm5/")
        check_html(page, "de")
        graph = ld_blocks(page.text)[0]
        assert isinstance(graph, dict)
        product = next(x for x in graph["@graph"] if x["@type"] == "Product")
        offer = product["offers"][0]
        assert "price" not in offer and offer["priceSpecification"][0]["price"] == "1299.00"
        sale = ld_blocks(get(s, "/product/sold-out-ssd/").text)[0]
        assert isinstance(sale, dict)
        specs = sale["@graph"][1]["offers"][0]["priceSpecification"]
        assert [x["price"] for x in specs] == ["179.00", "199.00"] and specs[1]["priceType"].endswith(
            "ListPrice"
        )
        shoe = ld_blocks(get(s, "/product/hoka-speedgoat-5/").text)[0]
        assert isinstance(shoe, dict)
        agg = shoe["@graph"][1]["offers"][0]
        assert agg["@type"] == "AggregateOffer" and (agg["lowPrice"], agg["highPrice"]) == (
            "139.95",
            "149.95",
        )
        assert "1.299,00 €" in page.text
        one = get(s, "/", s="vibram", post_type="product")
        assert one.status_code == 302 and one.headers["location"].endswith("/product/hoka-speedgoat-5/")
        many = get(s, "/", s="widget", post_type="product")
        tree = check_html(many, "de")
        assert len(tree.xpath("//*[local-name()='li'][contains(@class,'product')]")) == 16
        assert "Disallow: /wp-admin/" in get(s, "/robots.txt").text
        assert get(s, "/sitemap.xml").status_code == 301 and get(s, "/wp-sitemap.xml").status_code == 200


# --- plain HTML shops --------------------------------------------------------------------------


def test_jsonld_shop() -> None:
    with serve("jsonld") as s:
        home = lhtml.fromstring(get(s, "/").text)
        assert home.xpath("//form[@role='search'][@action='/search']//input[@name='q']")
        page1 = get(s, "/search", q="blue widget")
        tree = check_html(page1, "en")
        (listing,) = ld_blocks(page1.text)
        assert isinstance(listing, dict) and listing["@type"] == "ItemList"
        items = listing["itemListElement"]
        assert len(items) == 12 and items[0]["item"]["offers"]["price"] == "7.99"
        assert items[0]["item"]["url"].startswith(s.url + "/p/")
        nxt = tree.xpath("//*[local-name()='a'][@rel='next']/@href")[0]
        page3 = httpx.get(str(nxt).replace("page=2", "page=3"))
        assert len(ld_blocks(page3.text)[0]["itemListElement"]) == 6  # type: ignore[index]
        assert get(s, "/search", q="widget nowhere").text.count("product-card") == 0
        assert "Hoka" in get(s, "/search", q="vibram hoka").text  # description and brand both count
        group = ld_blocks(get(s, "/p/hoka-speedgoat-5").text)[0]
        assert isinstance(group, dict)
        node = (
            next(x for x in group["@graph"] if x["@type"] == "ProductGroup") if "@graph" in group else group
        )
        assert len(node["hasVariant"]) == 3 and node["hasVariant"][0]["size"] == "42"
        assert node["hasVariant"][1]["offers"]["availability"] == "https://schema.org/OutOfStock"
        prod = get(s, "/p/sony-wh-1000xm5")
        check_html(prod, "en")
        assert "€1,299.00" in prod.text
        locs = etree.fromstring(get(s, "/sitemap.xml").content).xpath("//*[local-name()='loc']/text()")
        assert len(locs) == len(_products())


def test_microdata_shop() -> None:
    with serve("microdata") as s:
        home = get(s, "/")
        tree = check_html(home, "nl")
        href = tree.xpath("//*[local-name()='link'][@rel='search']")[0]
        assert href.get("type") == "application/opensearchdescription+xml"
        osd = etree.fromstring(httpx.get(href.get("href")).content)
        template = osd.xpath("//*[local-name()='Url']/@template")[0]
        assert template == s.url + "/zoeken?q={searchTerms}&p={startPage?}"
        prod = get(s, "/artikel/sony-wh-1000xm5")
        ptree = check_html(prod, "nl")
        assert "application/ld+json" not in prod.text
        price = ptree.xpath("//*[@itemprop='price']")[0]
        assert price.get("content") == "1299.00" and price.text == "€ 1.299,00"
        sold = get(s, "/artikel/sold-out-ssd")
        assert "Uitverkocht" in sold.text
        assert lhtml.fromstring(sold.text).xpath("//link[@itemprop='availability']/@href") == [
            "https://schema.org/OutOfStock"
        ]
        shoe = lhtml.fromstring(get(s, "/artikel/hoka-speedgoat-5").text)
        offers = shoe.xpath("//*[@itemprop='offers']")
        assert len(offers) == 3 and offers[2].xpath(".//*[@itemprop='price']/@content") == ["149.95"]
        results = lhtml.fromstring(get(s, "/zoeken", q="widget", p=2).text)
        assert len(results.xpath("//*[@itemtype='https://schema.org/Product']")) == 10
    with serve("microdata", currency="NOK") as s:
        page = get(s, "/sok", q="sony")
        check_html(page, "nb")
        assert "kr 1.299,-" in page.text


def test_all_flavors_serve_robots_sitemap_and_marker() -> None:
    for flavor in ("shopify", "woocommerce", "jsonld", "microdata"):
        with serve(flavor) as s:
            assert get(s, "/robots.txt").text.startswith("User-agent: *")
            assert get(s, MARKER_PATH).json() == {"shopper_demo": "Test & Shop", "flavor": flavor}
            assert get(s, "/definitely-not-here").status_code == 404
            assert get(s, "/img/x-red.png").content.startswith(b"\x89PNG")
            assert s.errors == []


# --- server behaviour --------------------------------------------------------------------------


def test_set_price_and_stock_change_what_is_served() -> None:
    with serve("shopify") as s:
        s.set_price(102, D("999.00"))
        s.set_stock(101, False)
        assert get(s, "/products/sony-wh-1000xm5.js").json()["price"] == 99900
        js = get(s, "/products/hoka-speedgoat-5.js").json()
        assert js["available"] is False and not any(v["available"] for v in js["variants"])
        s.set_price(101, D("99.00"))  # below the list price: still on sale
        assert get(s, "/products/hoka-speedgoat-5.js").json()["compare_at_price_max"] == 16995
        with pytest.raises(KeyError):
            s.set_price(424242, D("1"))
    with serve("woocommerce") as s:
        s.set_price(103, D("150.00"))
        assert get(s, "/wp-json/wc/store/v1/products/103").json()["prices"]["price"] == "15000"
        assert s.requests["/wp-json/wc/store/v1/products/103"] == 1


def test_latency_concurrency_and_stop(capfd: pytest.CaptureFixture[str]) -> None:
    with serve("jsonld", latency=0.3) as s:
        t0 = time.monotonic()
        assert get(s, "/robots.txt").status_code == 200
        assert time.monotonic() - t0 >= 0.3

        async def burst() -> list[int]:
            async with httpx.AsyncClient(timeout=10) as client:
                rs = await asyncio.gather(*(client.get(f"{s.url}/p/widget-{i}") for i in range(30)))
            return [r.status_code for r in rs]

        t0 = time.monotonic()
        assert asyncio.run(burst()) == [200] * 30
        assert time.monotonic() - t0 < 3.0  # served in parallel, not 30 x 0.3 s
        assert sum(s.requests.values()) == 31
        # A client that hangs up mid-request must not make the server print anything.
        with socket.create_connection((s.host, s.port)) as sock:
            sock.sendall(b"GET /search?q=widget HTTP/1.1\r\nHost: x\r\n\r\n")
        url = s.url
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + "/robots.txt", timeout=2)
    out = capfd.readouterr()
    assert out.err == "" and out.out == ""
