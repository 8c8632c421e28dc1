"""The listing layer on real listing pages written by others (tests/fixtures/listings, gold labels)."""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import urljoin

import pytest
from conftest import fixture_path

from shopper.extract.listing import Listing, read_listing
from shopper.extract.page import extract_listing
from shopper.normalize import canonical_url, parse_amount


def _gold() -> list[tuple[str, int, list[tuple[str, str, str]]]]:
    """(file, card count, [(title, price text, link)]) for each listing page, from the provenance file."""
    text = fixture_path("PROVENANCE.md").read_text(encoding="utf-8")
    text = text[text.index("## Listing pages") :]
    out = []
    for section in re.split(r"\n## ", text)[1:]:
        name = section.split("\n", 1)[0].strip()
        if not name.endswith(".html"):
            continue
        count = int(re.search(r"cards: (\d+)", section).group(1))  # type: ignore[union-attr]
        cards = re.findall(r"- card \d: title `(.*?)`, price `(.*?)`, link `(.*?)`", section)
        out.append((name, count, cards))
    return out


GOLD = _gold()
# A page's address as the crawler saw it: the gold links' own site when they are absolute.
_FALLBACK = "https://listing.example/results"


def _base(cards: list[tuple[str, str, str]]) -> str:
    return next((link for _, _, link in cards if link.startswith("http")), _FALLBACK)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def test_every_listing_page_has_gold() -> None:
    assert len(GOLD) == len(list(fixture_path("listings").glob("*.html"))) >= 10
    assert all(len(cards) == 3 for _, _, cards in GOLD)


@pytest.fixture(scope="module")
def listings() -> dict[str, Listing]:
    return {
        name: read_listing(fixture_path("listings", name).read_bytes(), _base(cards))
        for name, _, cards in GOLD
    }


@pytest.mark.parametrize(("name", "count", "cards"), GOLD, ids=[g[0].split("__")[0] for g in GOLD])
def test_labelled_cards_are_found(
    listings: dict[str, Listing], name: str, count: int, cards: list[tuple[str, str, str]]
) -> None:
    listing = listings[name]
    by_url = {o.url: o for o in listing.offers}
    base = _base(cards)
    for title, price, link in cards:
        offer = by_url.get(canonical_url(urljoin(base, link)))
        assert offer is not None, f"{title!r} ({link[:60]}) not found"
        # The gold title is what the card shows; a brand the shop's data puts in front may precede it.
        assert _words(title) in _words(offer.title), (offer.title, title)
        assert offer.price is not None and offer.price.amount == parse_amount(price), (offer.price, price)


@pytest.mark.parametrize(("name", "count", "cards"), GOLD, ids=[g[0].split("__")[0] for g in GOLD])
def test_card_count_is_close(
    listings: dict[str, Listing], name: str, count: int, cards: list[tuple[str, str, str]]
) -> None:
    found = len(listings[name].offers)
    assert abs(found - count) <= max(2, count // 8), (found, count)


def test_struck_and_labelled_old_prices_are_list_prices(listings: dict[str, Listing]) -> None:
    # "statt 46.15 CHF" next to the add-to-cart price, and "Unser alter Preis" before a struck price.
    garden = next(v for k, v in listings.items() if k.startswith("hybris") and "garten" in k)
    first = garden.offers[0]
    assert first.price is not None and first.price.currency == "CHF"
    assert first.list_price is not None and first.list_price.amount == Decimal("46.15")
    race = next(v for k, v in listings.items() if k.startswith("oscommerce"))
    assert all(
        o.list_price is None or (o.price and o.list_price.amount > o.price.amount) for o in race.offers
    )
    assert any(o.list_price is not None for o in race.offers)


def test_chilean_prices_use_thousands_dots(listings: dict[str, Listing]) -> None:
    shop = next(v for k, v in listings.items() if k.startswith("opencart"))
    prices = [o.price for o in shop.offers if o.price is not None]
    assert prices and all(p.currency == "CLP" and p.amount >= 1000 for p in prices)


def test_images_and_next_page(listings: dict[str, Listing]) -> None:
    shop = next(v for k, v in listings.items() if k.startswith("magento1"))
    assert all(o.images and o.images[0].startswith("http") for o in shop.offers)
    assert shop.next_url is not None and "p=" in shop.next_url
    assert all(listing.product_links for listing in listings.values())


def test_extract_listing_wraps_read_listing() -> None:
    name, _, cards = GOLD[0]
    html = fixture_path("listings", name).read_bytes()
    assert [o.url for o in extract_listing(html, _base(cards))] == [
        o.url for o in read_listing(html, _base(cards)).offers
    ]


def test_a_page_without_cards_reads_nothing_and_says_where_products_are() -> None:
    html = """<html><body><h1>Jackets</h1><ul>
      <li><a href="/products/rain-jacket-blue"><img src="/a.jpg" alt="Rain jacket"></a></li>
      <li><a href="/products/rain-jacket-red"><img src="/b.jpg" alt="Rain jacket red"></a></li>
      </ul><a href="/about">About us</a></body></html>"""
    listing = read_listing(html, "https://jackets.example/c/rain")
    assert listing.offers == []
    assert listing.product_links == [
        "https://jackets.example/products/rain-jacket-blue",
        "https://jackets.example/products/rain-jacket-red",
    ]
    assert any("no product cards" in note for note in listing.notes)
