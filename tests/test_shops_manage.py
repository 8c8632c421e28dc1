"""`shopper shops add|remove`: the shop's own name, repeats, comments and layout kept, demo URLs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shopper.cli.app import app
from shopper.demo import DEMO_HOST, DEMO_SHOPS
from shopper.profiles import load_profile
from shopper.shops.naming import same_shop_url, shop_name

runner = CliRunner()

# The head WordPress core writes for a site's front page (title "Site Title – Tagline", the dash as
# &#8211;), with a theme's search form (Storefront's role="search" GET form with the "s" field).
WORDPRESS_HOME = """<!DOCTYPE html>
<html lang="nb-NO">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sykkelkroken &#8211; Sykler, deler og utstyr</title>
<link rel='stylesheet' id='storefront-style-css' href='/wp-content/themes/storefront/style.css' media='all' />
</head>
<body class="home page-template-default">
<header id="masthead" class="site-header" role="banner">
<div class="site-search">
<form role="search" method="get" class="woocommerce-product-search" action="/">
<label class="screen-reader-text" for="woocommerce-product-search-field-0">Søk etter:</label>
<input type="search" id="woocommerce-product-search-field-0" class="search-field" \
placeholder="Søk i produkter&hellip;" value="" name="s" />
<button type="submit" value="Søk">Søk</button>
<input type="hidden" name="post_type" value="product" />
</form>
</div>
</header>
</body>
</html>
"""

# Shopify's Dawn theme: og:site_name from the shop's name, the title padded with whitespace.
DAWN_HEAD = """<head>
    <meta charset="utf-8">
    <title>
      Fjellbua
 &ndash; Friluftsutstyr på nett</title>
    <meta property="og:site_name" content="Fjellbua">
    <meta property="og:url" content="https://fjellbua.example/">
    <meta property="og:title" content="Fjellbua">
</head>"""

# Yoast SEO's JSON-LD graph names the WebSite; here the title leads with a tagline.
YOAST_HEAD = """<head><title>Gode sko til gode priser | Skobua</title>
<script type="application/ld+json" class="yoast-schema-graph">{"@context":"https://schema.org","@graph":[
{"@type":"WebPage","@id":"https://skobua.example/","name":"Gode sko til gode priser | Skobua"},
{"@type":"WebSite","@id":"https://skobua.example/#website","url":"https://skobua.example/","name":"Skobua"}
]}</script></head>"""


def test_shop_name_from_site_name_jsonld_and_title() -> None:
    assert shop_name(DAWN_HEAD, "https://fjellbua.example/") == "Fjellbua"
    assert shop_name(YOAST_HEAD, "https://skobua.example/") == "Skobua"
    assert shop_name(WORDPRESS_HOME, "http://127.0.0.1:8080/") == "Sykkelkroken"
    # "Tagline | Name" without other clues: the part that looks like the host wins
    tagline_first = "<title>Cheap running shoes online | Runners Corner</title>"
    assert shop_name(tagline_first, "https://www.runnerscorner.example/") == "Runners Corner"
    assert shop_name("<title>\x1b[31mX\x1b[0m Shop</title>", "https://x.example") == "[31mX[0m Shop"
    assert shop_name("<p>no head</p>", "https://x.example") is None


def test_same_shop_url() -> None:
    assert same_shop_url("https://www.Shop.example/", "http://shop.example")
    assert same_shop_url("https://shop.example/nl/", "https://shop.example/nl")
    assert not same_shop_url("https://shop.example/nl", "https://shop.example/de")


class _Home(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        status, body = (200, WORDPRESS_HOME.encode()) if path == "/" else (404, b"not found")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=UTF-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def wordpress() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Home)
    threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


PROFILE = """\
# My profile: I keep notes here.
name = "me"
currency = "NOK"   # kroner, always

[budget]
max_per_item = 1500   # the hard limit

# shops I trust
[[shops]]
name = "Old Faithful"   # since 2019
url = "https://old-faithful.example"
platform = "shopify"
"""


def test_add_keeps_comments_names_the_shop_and_notices_repeats(wordpress: str, tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text(PROFILE)
    added = runner.invoke(app, ["shops", "add", wordpress + "/", "--profile", str(profile)])
    assert added.exit_code == 0, added.output
    assert "added Sykkelkroken (html, search " in added.stdout
    text = profile.read_text()
    assert text.startswith(PROFILE)  # every comment and line before is untouched
    shops = load_profile(str(profile)).shops
    assert [s.name for s in shops] == ["Old Faithful", "Sykkelkroken"]
    assert shops[1].url == wordpress and shops[1].platform == "html"
    assert shops[1].search_url is not None and "s={query}" in shops[1].search_url

    again = runner.invoke(
        app, ["shops", "add", wordpress.replace("127.0.0.1", "127.0.0.1") + "/", "-p", str(profile)]
    )
    assert again.exit_code == 0 and "already in the profile as Sykkelkroken" in again.stdout
    assert profile.read_text() == text

    removed = runner.invoke(app, ["shops", "remove", "old faithful", "--profile", str(profile)])
    assert removed.exit_code == 0, removed.output
    after = profile.read_text()
    assert "# My profile: I keep notes here." in after and "# kroner, always" in after
    assert "# the hard limit" in after and "Old Faithful" not in after
    assert [s.name for s in load_profile(str(profile)).shops] == ["Sykkelkroken"]

    missing = runner.invoke(app, ["shops", "remove", "Sykelkroken", "--profile", str(profile)])
    assert missing.exit_code == 4 and "did you mean Sykkelkroken?" in missing.stderr
    gone = runner.invoke(app, ["shops", "remove", wordpress, "--profile", str(profile)])
    assert gone.exit_code == 0 and load_profile(str(profile)).shops == []
    assert "# the hard limit" in profile.read_text()


def test_adding_to_an_example_copies_it_with_its_comments(wordpress: str, isolated_env: Path) -> None:
    example = Path(__file__).resolve().parents[1] / "profiles" / "runner-nl.toml"
    before = example.read_text()
    added = runner.invoke(app, ["shops", "add", wordpress, "--profile", "runner-nl"])
    assert added.exit_code == 0, added.output
    assert example.read_text() == before
    copy = (isolated_env / "profiles" / "runner-nl.toml").read_text()
    assert copy.startswith(before.rstrip("\n"))  # the example's comments come along
    assert [s.name for s in load_profile("runner-nl").shops] == ["Sykkelkroken"]


def test_a_demo_url_is_added_under_the_demo_shops_name(tmp_path: Path) -> None:
    shop = DEMO_SHOPS[2]
    profile = tmp_path / "demo.toml"
    profile.write_text('name = "demo"\n')
    env = {**os.environ, "COLUMNS": "200"}
    added = subprocess.run(
        [
            sys.executable,
            "-m",
            "shopper",
            "shops",
            "add",
            f"http://{DEMO_HOST}:{shop.port}",
            "-p",
            str(profile),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert added.returncode == 0, added.stderr
    [saved] = load_profile(str(profile)).shops
    assert saved.name == shop.name and saved.platform == "html"
    found = subprocess.run(
        [sys.executable, "-m", "shopper", "find", "jacket", "-p", str(profile), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert found.returncode == 0, found.stderr
    payload = json.loads(found.stdout)
    assert not payload["demo"] and payload["offers"]
    assert {o["shop"] for o in payload["offers"]} == {shop.name}
