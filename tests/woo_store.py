"""A WooCommerce shop on 127.0.0.1: the Store API (wc/store/v1) and the variable-product page template.

Written from WooCommerce's public formats, not from shopper's demo renderers: the Store API product
shape of its documentation (tests/fixtures/woocommerce_store_api_products_docs_example.json: prices in
minor units, `attributes` with taxonomy and terms, `variations` naming terms by slug and no stock), and
the single-product template's variations form (single-product/add-to-cart/variable.php: the
`data-product_variations` JSON of WC_Product_Variable::get_available_variation() for each variation, or
`false` above the shop's AJAX threshold). Counts every request by path.
"""

from __future__ import annotations

import html
import json
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

API = "/wp-json/wc/store/v1/products"


@dataclass
class Variable:
    """A variable product: one size attribute (pa_maat), each size in stock or not."""

    pid: int
    name: str
    slug: str
    cents: int
    sizes: dict[str, bool]  # size slug -> in stock
    ajax: bool = False  # the page loads its variations later (data-product_variations="false")


def variation_row(vid: int, attributes: dict[str, str], in_stock: bool, price: float) -> dict[str, Any]:
    """One entry of data-product_variations, with the keys get_available_variation() returns."""
    return {
        "attributes": attributes,
        "availability_html": "" if in_stock else '<p class="stock out-of-stock">Uitverkocht</p>',
        "backorders_allowed": False,
        "display_price": price,
        "display_regular_price": price,
        "image_id": vid,
        "is_in_stock": in_stock,
        "is_purchasable": True,
        "max_qty": "",
        "min_qty": 1,
        "price_html": "",
        "sku": f"SKU-{vid}",
        "variation_id": vid,
        "variation_is_active": True,
        "variation_is_visible": True,
    }


def product_page(
    url: str, title: str, euros: str, rows: list[dict[str, Any]] | bool, sizes: list[str]
) -> str:
    """The single-product page of a variable product with one size attribute (Dutch store)."""
    data = html.escape(json.dumps(rows), quote=True)
    options = "".join(f'<option value="{s}" >{s.upper()}</option>' for s in sizes)
    return f"""<!DOCTYPE html><html lang="nl-NL"><head><title>{title} - Winkel</title></head>
<body class="product-template-default single single-product woocommerce">
<div class="product type-product product-type-variable">
<h1 class="product_title entry-title">{title}</h1>
<p class="price"><span class="woocommerce-Price-amount amount"><bdi><span
 class="woocommerce-Price-currencySymbol">&euro;</span>&nbsp;{euros}</bdi></span></p>
<form class="variations_form cart" action="{url}" method="post" enctype='multipart/form-data'
 data-product_id="1" data-product_variations="{data}">
<table class="variations" cellspacing="0" role="presentation"><tbody>
<tr><th class="label"><label for="pa_maat">Maat</label></th><td class="value">
<select id="pa_maat" class="" name="attribute_pa_maat" data-attribute_name="attribute_pa_maat"
 data-show_option_none="yes"><option value="">Kies een optie</option>{options}</select>
<a class="reset_variations" href="#">Wissen</a></td></tr></tbody></table>
<div class="single_variation_wrap"><div class="woocommerce-variation single_variation"></div>
<div class="woocommerce-variation-add-to-cart variations_button">
<button type="submit" class="single_add_to_cart_button button alt">Toevoegen aan winkelwagen</button>
</div></div></form></div></body></html>"""


class WooStore:
    """The shop: products, a request counter by path, start and stop."""

    __test__ = False

    def __init__(self, products: list[Variable]) -> None:
        self.products = products
        self.hits: Counter[str] = Counter()
        self.requests: list[str] = []  # path and query of each request, in order
        self.lock = threading.Lock()
        # called with each request's path and query before it is answered (a test holds answers back)
        self.gate: Callable[[str], None] | None = None
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.woo = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.01,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> WooStore:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def page_reads(self) -> set[str]:
        """The slugs whose product pages were requested."""
        return {p.split("/")[2] for p in self.hits if p.startswith("/product/")}

    def slug_lookups(self) -> list[str]:
        """Store API requests for one product by its slug."""
        return [r for r in self.requests if r.startswith(API) and "slug=" in r]

    def store_item(self, p: Variable) -> dict[str, Any]:
        """The product as the Store API lists it (no stock per variation)."""
        return {
            "id": p.pid,
            "name": p.name,
            "slug": p.slug,
            "type": "variable",
            "permalink": f"{self.url}/product/{p.slug}/",
            "sku": f"P-{p.pid}",
            "short_description": "",
            "description": f"<p>{p.name}.</p>",
            "on_sale": False,
            "prices": {
                "currency_code": "EUR",
                "currency_symbol": "€",
                "currency_minor_unit": 2,
                "currency_decimal_separator": ",",
                "currency_thousand_separator": ".",
                "currency_prefix": "€ ",
                "currency_suffix": "",
                "price": str(p.cents),
                "regular_price": str(p.cents),
                "sale_price": str(p.cents),
                "price_range": None,
            },
            "images": [],
            "categories": [],
            "tags": [],
            "attributes": [
                {
                    "id": 1,
                    "name": "Maat",
                    "taxonomy": "pa_maat",
                    "has_variations": True,
                    "terms": [{"id": i, "name": s.upper(), "slug": s} for i, s in enumerate(p.sizes)],
                }
            ],
            "variations": [
                {"id": p.pid * 100 + i, "attributes": [{"name": "Maat", "value": s}]}
                for i, s in enumerate(p.sizes)
            ],
            "has_options": True,
            "is_purchasable": True,
            "is_in_stock": any(p.sizes.values()),
            "low_stock_remaining": None,
        }

    def page(self, p: Variable) -> str:
        euros = f"{p.cents // 100},{p.cents % 100:02d}"
        rows: list[dict[str, Any]] | bool = (
            False
            if p.ajax
            else [
                variation_row(p.pid * 100 + i, {"attribute_pa_maat": s}, stock, p.cents / 100)
                for i, (s, stock) in enumerate(p.sizes.items())
            ]
        )
        return product_page(f"{self.url}/product/{p.slug}/", p.name, euros, rows, list(p.sizes))


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        shop: WooStore = self.server.woo  # type: ignore[attr-defined]
        parts = urlsplit(self.path)
        with shop.lock:
            shop.hits[parts.path] += 1
            shop.requests.append(self.path)
        if shop.gate is not None:
            shop.gate(self.path)
        query = parse_qs(parts.query)
        if parts.path == "/robots.txt":
            return self._send(200, "text/plain", "User-agent: *\nDisallow: /wp-admin/\n")
        if parts.path.rstrip("/") == API:
            items = shop.products
            if "slug" in query:
                items = [p for p in items if p.slug == query["slug"][0]]
            if "search" in query:
                words = query["search"][0].lower().split()
                items = [p for p in items if all(w in p.name.lower() for w in words)]
            per_page = int(query.get("per_page", ["10"])[0])
            number = int(query.get("page", ["1"])[0])
            chunk = items[(number - 1) * per_page : number * per_page]
            body = json.dumps([shop.store_item(p) for p in chunk])
            pages = max(1, -(-len(items) // per_page))
            totals = {"X-WP-Total": str(len(items)), "X-WP-TotalPages": str(pages)}
            return self._send(200, "application/json", body, totals)
        if parts.path.startswith("/product/"):
            slug = parts.path.strip("/").split("/")[-1]
            found = next((p for p in shop.products if p.slug == slug), None)
            if found is not None:
                return self._send(200, "text/html; charset=utf-8", shop.page(found))
        return self._send(404, "text/plain", "not found")

    def _send(self, status: int, kind: str, body: str, headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)
