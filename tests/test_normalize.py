"""Tests of shopper.normalize: currencies, prices, availability, URLs and RawOffer -> Offer."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import urljoin

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from shopper.models import AVAILABILITIES, Money, RawOffer, RawVariant
from shopper.normalize import (
    _absolute,
    _encoded_canonical,
    _plain_canonical,
    canonical_url,
    normalize,
    normalize_availability,
    normalize_count,
    normalize_gtin,
    normalize_rating,
    option_kind,
    parse_amount,
    parse_price,
    to_currency_code,
)

# --- currencies ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("symbol", "hint", "code"),
    [
        ("€", None, "EUR"),
        ("EUR", None, "EUR"),
        ("eur", None, "EUR"),
        ("US$", None, "USD"),
        ("£", None, "GBP"),
        ("£", "EGP", "EGP"),  # a sibling named by the hint wins
        ("zł", None, "PLN"),
        ("CHF", None, "CHF"),
        ("Fr.", None, "CHF"),
        ("R$", None, "BRL"),
        ("руб", None, "RUB"),
        ("₹", None, "INR"),
        ("Kč", None, "CZK"),
        ("RMB", None, "CNY"),
        ("kr", "NOK", "NOK"),
        ("kr", "SEK", "SEK"),
        ("kr", "DKK", "DKK"),
        ("kr", None, None),
        ("kr", "EUR", None),
        ("¥", "JPY", "JPY"),
        ("¥", "CNY", "CNY"),
        ("¥", None, None),
        ("$", None, None),  # never silently USD
        ("$", "EUR", None),
        ("$", "CAD", "CAD"),
        ("$", "AUD", "AUD"),
        ("$", "US$", "USD"),  # a hint may itself be a symbol
        ("Rs.", "INR", "INR"),
        ("", "EUR", None),
        (None, None, None),
        ("bananas", None, None),
        ("PTE", None, None),  # obsolete (replaced by EUR)
    ],
)
def test_to_currency_code(symbol: str | None, hint: str | None, code: str | None) -> None:
    assert to_currency_code(symbol, hint=hint) == code


# --- prices -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hint", "sep", "expected"),
    [
        ("€1.299,00", None, None, ("1299.00", "EUR")),
        ("1,299.00 USD", None, None, ("1299.00", "USD")),
        ("1,299.00 USD", "EUR", None, ("1299.00", "USD")),  # the text's own currency beats the hint
        ("CHF 1'299.90", None, None, ("1299.90", "CHF")),
        ("kr 1.499,-", "NOK", None, ("1499", "NOK")),
        ("kr 1.499,-", None, None, None),  # which krone? unknown
        ("12.99", "EUR", None, ("12.99", "EUR")),
        ("12.99", None, None, None),  # no currency anywhere: unknown, not a default
        ("$12", "EUR", None, None),  # contradicts the hint: unknown
        ("$12", "CAD", None, ("12", "CAD")),
        ("1.299", "EUR", ",", ("1299", "EUR")),
        ("1.299", "EUR", ".", ("1.299", "EUR")),
        ("1.299,00", "EUR", None, ("1299.00", "EUR")),
        ("-5.00", "EUR", None, None),  # a negative is no price
        ("€ -5", "EUR", None, None),
        ("-$5.00", "USD", None, None),
        ("Size M - $44.99", "USD", None, ("44.99", "USD")),  # a dash as separator is fine
        ("99999999", "EUR", None, None),  # absurd
        ("15.000.000 ₫", None, None, ("15000000", "VND")),  # normal in a high-denomination currency
        ("", "EUR", None, None),
        (None, "EUR", None, None),
        ("call us", "EUR", None, None),
    ],
)
def test_parse_price(
    text: str | None, hint: str | None, sep: str | None, expected: tuple[str, str] | None
) -> None:
    money = parse_price(text, currency_hint=hint, decimal_separator=sep)
    if expected is None:
        assert money is None
    else:
        assert money == Money(amount=Decimal(expected[0]), currency=expected[1])


def test_parse_amount_ignores_currency_and_rejects_garbage() -> None:
    assert parse_amount("€1.299,00") == Decimal("1299.00")
    assert parse_amount("12.99") == Decimal("12.99")
    assert parse_amount("1.299", decimal_separator=".") == Decimal("1.299")
    assert parse_amount("NaN") is None
    assert parse_amount("inf") is None
    assert parse_amount("-3.50") is None
    assert parse_amount("1" * 30) is None
    assert parse_amount(None) is None


@given(st.text(max_size=40))
def test_parse_amount_never_negative_or_infinite(text: str) -> None:
    amount = parse_amount(text)
    assert amount is None or (isinstance(amount, Decimal) and amount.is_finite() and amount >= 0)


@given(
    st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["EUR", "USD", "GBP", "NOK", "CHF"]),
)
def test_parse_price_roundtrips_machine_amounts(amount: Decimal, code: str) -> None:
    money = parse_price(f"{amount:.2f} {code}", decimal_separator=".")
    assert money is not None
    assert money.amount == amount and money.currency == code
    assert isinstance(money.amount, Decimal)


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_money_never_built_from_float(value: float) -> None:
    with pytest.raises(ValidationError):
        Money(amount=value, currency="EUR")


@pytest.mark.parametrize("text", ["NaN", "-NaN", "sNaN", "Infinity", "-Infinity", "inf"])
def test_money_is_never_an_infinity_or_not_a_number(text: str) -> None:
    with pytest.raises(ValidationError):
        Money(amount=Decimal(text), currency="EUR")
    with pytest.raises(ValidationError):
        Money(amount=text, currency="EUR")  # type: ignore[arg-type]


# --- availability -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://schema.org/InStock", "InStock"),
        ("http://schema.org/InStock", "InStock"),
        ("HTTPS://SCHEMA.ORG/OUTOFSTOCK", "OutOfStock"),
        ("http://www.schema.org/PreOrder", "PreOrder"),
        ("https://schema.org/LimitedAvailability", "LimitedAvailability"),
        ("OutOfStock", "OutOfStock"),
        ("SoldOut", "SoldOut"),
        ("in stock", "InStock"),
        ("instock", "InStock"),
        ("in_stock", "InStock"),
        ("oos", "OutOfStock"),
        ("out of stock", "OutOfStock"),
        ("outofstock", "OutOfStock"),
        ("preorder", "PreOrder"),
        ("pending", "PreOrder"),
        ("available for order", "BackOrder"),
        ("onbackorder", "BackOrder"),
        ("discontinued", "Discontinued"),
        ("true", "InStock"),
        ("True", "InStock"),
        ("false", "OutOfStock"),
        ("Ausverkauft", "SoldOut"),
        ("not in stock at all", None),  # no guessing from substrings
        ("", None),
        (None, None),
        ("maybe", None),
    ],
)
def test_normalize_availability(text: str | None, expected: str | None) -> None:
    assert normalize_availability(text) == expected


@given(st.text(max_size=30))
def test_availability_is_a_schema_name_or_none(text: str) -> None:
    assert normalize_availability(text) in (*AVAILABILITIES, None)


# --- urls ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://shop.example/products/x?_pos=1&_psq=bikini&_psid=e2&_ss=e",
            "https://shop.example/products/x",
        ),
        (
            "https://shop.example/p?variant=42&utm_source=news&UTM_Medium=mail&fbclid=abc#reviews",
            "https://shop.example/p?variant=42",
        ),
        ("https://shop.example/p?gclid=1&q=a&q=b&srsltid=x&ref=home", "https://shop.example/p?q=a&q=b"),
        ("https://shop.example/p?mc_cid=1&mc_eid=2&_sid=3&_v=4", "https://shop.example/p"),
        ("HTTPS://Shop.Example/Path", "https://shop.example/Path"),
        ("https://shop.example/grüße?x=é", "https://shop.example/gr%C3%BC%C3%9Fe?x=%C3%A9"),
        ("", ""),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


_EDGES = [
    "https://x.example/a?&&b=1",
    "https://x.example/a?b=1&",
    "https://x.example?ref_=nav",
    "https://x.example:/a",
    "https://x.example:99999/a",
    "http://x.example:080/a",
    "https://x.example/a?",
    "https://x.example/a?=x",
    "https://x.example/p?a=1&a=2",
    "http://127.0.0.1:8080/products/x?variant=1",
    "https://x.example/~u/a,b/c.html?size=44&colour=red",
]
_URL = re.compile(r"""https?://[^\s"'<>\\)]+""")


def _fixture_urls() -> list[str]:
    found = set(_EDGES)
    for path in sorted(Path(__file__).parent.joinpath("fixtures").rglob("*")):
        if path.is_file():
            found.update(_URL.findall(path.read_text(errors="ignore")))
    return sorted(found)


def test_plain_urls_take_a_shortcut_to_the_same_canonical_form() -> None:
    """The quick path for plain ASCII URLs answers exactly what the encoding path does, or passes."""
    urls = _fixture_urls()
    plain = [u for u in urls if _plain_canonical(u) is not None]
    assert len(plain) > len(urls) // 2  # the shortcut is taken for most real shop URLs
    for url in urls:
        try:
            encoded = _encoded_canonical(url)
        except ValueError:
            encoded = None  # an invalid port or host: the shortcut must not answer either
        assert _plain_canonical(url) in (None, encoded), url


@given(st.text(alphabet="aZ09.-_~/:=&,?#%", max_size=14))
def test_plain_url_shortcut_agrees_on_generated_paths(tail: str) -> None:
    url = "https://x.example/" + tail
    assert _plain_canonical(url) in (None, _encoded_canonical(url))


@given(
    st.sampled_from(["http://", "https://", "HTTPS://", "Http://"]),
    st.text(alphabet="aZ09.-:", min_size=1, max_size=12),
    st.text(alphabet="aZ09/?=&_", max_size=10),
)
def test_plain_url_shortcut_agrees_on_generated_hosts(scheme: str, authority: str, tail: str) -> None:
    url = scheme + authority + tail
    try:
        encoded = _encoded_canonical(url)
    except ValueError:
        encoded = None  # an invalid port or host: the shortcut must not answer either
    assert _plain_canonical(url) in (None, encoded), url


def test_a_url_no_browser_could_open_is_no_url() -> None:
    for url in ("https://evil.example]Click here", "http://[::1", "http://a:b]x[/link]"):
        assert _absolute(url, "https://shop.example/") is None
        assert normalize(RawOffer(title="Lamp", url=url, source="jsonld")) is None


def test_absolute_urls_resolve_as_urljoin_does() -> None:
    for url in [
        *_EDGES,
        "HTTPS://X.EXAMPLE/P",
        "https://x.example/a/../b",
        "https://x.example/a#f",
        "//x.example/a",
    ]:
        for base in ("https://shop.example/a/b", "http://127.0.0.1:5000/"):
            joined = urljoin(base, url)
            expected = ("https:" + joined) if joined.startswith("//") else joined
            assert _absolute(url, base) == expected, (url, base)


# --- small fields -------------------------------------------------------------------------


def test_gtin_rating_count_and_option_kind() -> None:
    assert normalize_gtin("978-1-4278-6082-8") == "9781427860828"
    assert normalize_gtin("gtin8: 96385074") == "96385074"
    assert normalize_gtin("ISBN 978-1-4278-6082-8") == "9781427860828"
    assert normalize_gtin("EAN-13: 4006381333931") == "4006381333931"
    assert normalize_gtin("12345") is None
    assert normalize_gtin("0000000000000") is None
    assert normalize_rating("4.5") == Decimal("4.5")
    assert normalize_rating("9/10") == Decimal("4.5")
    assert normalize_rating("4,5 von 5") == Decimal("4.5")
    assert normalize_rating("8") is None  # not on a 0..5 scale and no best given
    assert normalize_count("1,234 reviews") == 1234
    assert normalize_count("none") is None
    assert [option_kind(n) for n in ("Size", "Maat", "Größe", "Størrelse", "Taille")] == ["size"] * 5
    assert [option_kind(n) for n in ("Color", "Colour", "Kleur", "Farbe", "Farge", "Couleur")] == [
        "colour"
    ] * 6
    assert option_kind("Pack Size") is None


# --- normalize ----------------------------------------------------------------------------


def _raw(**kw: object) -> RawOffer:
    base: dict[str, object] = {"source": "jsonld", "title": "Trail Shoe", "url": "https://shop.example/p/1"}
    base.update(kw)
    return RawOffer.model_validate(base)


def test_normalize_needs_title_and_absolute_url() -> None:
    assert normalize(_raw(title=None)) is None
    assert normalize(_raw(title="   ")) is None
    assert normalize(_raw(url="/p/1")) is None
    assert normalize(_raw(url="ftp://shop.example/p")) is None


def test_normalize_full_offer() -> None:
    raw = _raw(
        title="  Trail &amp; Road   Shoe ",
        url="https://Shop.Example/p/1?utm_source=x#top",
        price="1.299,00",
        currency="€",
        list_price="1.499,00",
        availability="http://schema.org/InStock",
        gtin="0 12345 67890 5",
        images=["/img/a.jpg", "//cdn.example/b.jpg", "/img/a.jpg", "data:image/png;base64,xx"],
        rating="4.6 out of 5",
        rating_count="87 reviews",
        shipping="4,95",
        description="<p>Light &amp; <b>fast</b></p><script>track()</script>",
        brand=" Acme ",
    )
    offer = normalize(raw, shop="acme", currency_hint="USD")
    assert offer is not None
    assert offer.title == "Trail & Road Shoe"
    assert offer.url == "https://shop.example/p/1"
    assert offer.shop == "acme"
    assert offer.brand == "Acme"
    assert offer.price == Money(amount=Decimal("1299.00"), currency="EUR")
    assert offer.list_price == Money(amount=Decimal("1499.00"), currency="EUR")
    assert offer.shipping == Money(amount=Decimal("4.95"), currency="EUR")
    assert offer.availability == "InStock"
    assert offer.gtin == "012345678905"
    assert offer.images == ["https://shop.example/img/a.jpg", "https://cdn.example/b.jpg"]
    assert offer.rating == Decimal("4.6")
    assert offer.rating_count == 87
    assert offer.description == "Light & fast"
    assert offer.notes == []


def test_unknown_currency_is_a_note_not_a_price() -> None:
    offer = normalize(_raw(price="12.99"))
    assert offer is not None
    assert offer.price is None
    assert offer.notes == ["price 12.99 found but its currency is unknown"]
    # The profile's currency is never assumed; the shop's own (hint) currency is used.
    hinted = normalize(_raw(price="12.99"), currency_hint="EUR")
    assert hinted is not None and hinted.price == Money(amount=Decimal("12.99"), currency="EUR")


def test_list_price_kept_only_when_higher() -> None:
    same = normalize(_raw(price="10.00", list_price="10.00", currency="EUR"))
    lower = normalize(_raw(price="10.00", list_price="8.00", currency="EUR"))
    assert same is not None and same.list_price is None
    assert lower is not None and lower.list_price is None


def test_machine_sources_read_dot_as_decimal_point() -> None:
    # A Kuwaiti dinar price from an API: "1.105" is one dinar and 105 fils, not 1105.
    api = normalize(_raw(source="woocommerce", price="1.105", currency="KWD"))
    assert api is not None and api.price == Money(amount=Decimal("1.105"), currency="KWD")
    # Visible text in a locale with "." grouping means thousands.
    text = normalize(_raw(source="opengraph", price="1.299", currency="EUR"))
    assert text is not None and text.price == Money(amount=Decimal("1299"), currency="EUR")


def test_variants_normalized_and_fill_product_fields() -> None:
    raw = _raw(
        currency="NOK",
        variants=[
            RawVariant(options={"Størrelse": "42", "Farge": "Rød"}, price="kr 999,-", availability="oos"),
            RawVariant(
                options={"Størrelse": "43", "Materiale": "Skinn"},
                price="1 199,00",
                list_price="1 499,00",
                availability="instock",
                url="/p/1?variant=43&_pos=2",
                gtin="abc",
            ),
        ],
    )
    offer = normalize(raw)
    assert offer is not None
    first, second = offer.variants
    assert first.options == {"size": "42", "colour": "red"}
    assert second.options == {"size": "43", "materiale": "Skinn"}
    assert first.price == Money(amount=Decimal("999"), currency="NOK")
    assert first.availability == "OutOfStock"
    assert second.list_price == Money(amount=Decimal("1499.00"), currency="NOK")
    assert second.url == "https://shop.example/p/1?variant=43"
    assert second.gtin is None
    # No product-level price: the cheapest variant one can buy (not the sold-out cheaper one).
    assert offer.price == Money(amount=Decimal("1199.00"), currency="NOK")
    assert offer.list_price == Money(amount=Decimal("1499.00"), currency="NOK")
    assert offer.availability == "InStock"
