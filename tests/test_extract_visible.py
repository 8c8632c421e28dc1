"""Visible-page layer: title, price near the title / buy button, was-prices, currency, stock phrases."""

from __future__ import annotations

import pytest

from shopper.extract import visible
from shopper.extract.structured import parse_html
from shopper.models import RawOffer

URL = "https://shop.example/p/1"


def _see(body: str, *, lang: str = "", head: str = "", url: str = URL) -> RawOffer:
    attr = f' lang="{lang}"' if lang else ""
    tree = parse_html(f"<html{attr}><head>{head}</head><body>{body}</body></html>")
    assert tree is not None
    return visible.extract(tree, url)


def test_title_price_and_currency_from_symbol() -> None:
    raw = _see('<h1>Blue Kettle</h1><div class="product-price">€ 34,95</div><button>Add to cart</button>')
    assert (raw.title, raw.price, raw.currency) == ("Blue Kettle", "€ 34,95", "EUR")
    assert any("symbol €" in n for n in raw.notes)


def test_price_near_title_beats_recommendations() -> None:
    raw = _see(
        '<div class="recommendations"><span class="price">$5.00</span><span class="price">$7.00</span></div>'
        '<main><h1>Chair</h1><span class="price">$120.00</span>'
        '<button class="add-to-cart">Add to cart</button>'
        '</main><footer><span class="price">$1.00</span></footer>',
        lang="en-US",
    )
    assert (raw.price, raw.currency) == ("$120.00", "USD")


def test_struck_price_is_the_list_price() -> None:
    raw = _see(
        '<h1>Lamp</h1><p class="price"><del>£30.00</del> <ins>£20.00</ins></p><button>Add to basket</button>'
    )
    assert (raw.price, raw.list_price, raw.currency) == ("£20.00", "£30.00", "GBP")


def test_old_price_class_is_the_list_price() -> None:
    raw = _see(
        '<h1>Desk</h1><span class="old-price">199,00 €</span><span class="special-price">149,00 €</span>'
        "<button>In den Warenkorb</button>",
        lang="de-DE",
    )
    assert (raw.price, raw.list_price) == ("149,00 €", "199,00 €")


def test_was_now_in_one_text() -> None:
    raw = _see('<h1>Mat</h1><div class="price">Was $30 Now $20</div><button>Add to cart</button>')
    assert (raw.price, raw.list_price) == ("$20", "$30")


def test_split_price_pieces_are_glued() -> None:
    raw = _see(
        '<h1>Pan</h1><span class="price"><span>$</span>87<span>.11</span></span><button>Buy now</button>'
    )
    assert raw.price == "$87.11"


def test_data_price_attribute_with_locale_currency_note() -> None:
    raw = _see('<h1>Stool</h1><span class="price" data-price-amount="49.50">49,50</span>', lang="nl-NL")
    assert raw.price in ("49.50", "49,50")
    assert raw.currency == "EUR"
    assert any("html lang nl-NL" in n for n in raw.notes)


def test_unknown_currency_is_not_guessed() -> None:
    raw = _see(
        '<h1>Stool</h1><span class="price" data-price="49.50">49.50</span>', url="https://shop.example.com/x"
    )
    assert raw.price == "49.50" and raw.currency is None


def test_dollar_uses_the_country() -> None:
    raw = _see('<h1>Tent</h1><span class="price">$249.99</span><button>Add to cart</button>', lang="en-CA")
    assert raw.currency == "CAD"


def test_unit_and_tax_excluded_prices_lose() -> None:
    raw = _see(
        '<h1>Coffee</h1><span class="price">€ 12,00</span><span class="price unit">€ 24,00 / kg</span>'
        '<span class="price">Excl. VAT € 9,92</span><button>Add to cart</button>'
    )
    assert raw.price == "€ 12,00"


OUT = [
    ("en", "Out of stock"), ("en", "Sold out"), ("en", "Currently unavailable."),
    ("nl", "Uitverkocht"), ("nl", "Niet op voorraad"), ("nl", "Tijdelijk niet leverbaar"),
    ("de", "Ausverkauft"), ("de", "Nicht verfügbar"), ("de", "Derzeit nicht lieferbar"),
    ("fr", "Rupture de stock"), ("fr", "Épuisé"), ("fr", "Indisponible"),
    ("no", "Utsolgt"), ("no", "Ikke på lager"), ("no", "Midlertidig utsolgt"),
]  # fmt: skip
IN = [
    ("en", "In stock"), ("nl", "Op voorraad"), ("de", "Auf Lager"), ("fr", "En stock"), ("no", "På lager"),
]  # fmt: skip
BUTTONS = [
    ("en", "Add to cart"), ("nl", "In winkelwagen"), ("de", "In den Warenkorb"), ("fr", "Ajouter au panier"),
    ("no", "Legg i handlekurv"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "phrase"), OUT)
def test_sold_out_phrases(lang: str, phrase: str) -> None:
    raw = _see(f'<h1>Item</h1><span class="price">€ 10,00</span><p class="stock">{phrase}</p>', lang=lang)
    assert raw.availability == "OutOfStock"


@pytest.mark.parametrize(("lang", "phrase"), IN)
def test_in_stock_phrases(lang: str, phrase: str) -> None:
    raw = _see(
        f'<h1>Item</h1><span class="price">€ 10,00</span><p class="availability">{phrase}</p>', lang=lang
    )
    assert raw.availability == "InStock"


@pytest.mark.parametrize(("lang", "label"), BUTTONS)
def test_enabled_buy_button_means_in_stock(lang: str, label: str) -> None:
    raw = _see(f"<h1>Item</h1><span class='price'>€ 10,00</span><button>{label}</button>", lang=lang)
    assert raw.availability == "InStock"


def test_disabled_buy_button_means_sold_out() -> None:
    raw = _see('<h1>Item</h1><span class="price">€ 10,00</span><button disabled>Add to cart</button>')
    assert raw.availability == "OutOfStock"
    assert any("disabled" in n for n in raw.notes)


def test_sold_out_in_widgets_is_ignored() -> None:
    raw = _see(
        '<main><h1>Item</h1><span class="price">€ 10,00</span><button>Add to cart</button></main>'
        '<section class="related-products"><div><div><div><p>Sold out</p></div></div></div></section>'
        '<p class="pickup">Unavailable for store pickup</p>'
        '<div style="display:none"><p>Out of stock</p></div>'
    )
    assert raw.availability == "InStock"


def test_title_falls_back_to_og_title_then_title_tag() -> None:
    tree = parse_html("<html><head><title>Shop | Thing</title></head><body><p>x</p></body></html>")
    assert tree is not None
    assert visible.title_of(tree, "OG Thing") == "OG Thing"
    assert visible.title_of(tree) == "Shop | Thing"
