"""The Query fields ranking trusts, read from requests in en, nl, de, nb, fr, sv and da (own wordings)."""

from __future__ import annotations

import pytest

from shopper.models import Profile
from shopper.understand.offline import parse_request


@pytest.mark.parametrize(
    ("text", "must"),
    [
        ("casque sans fil pas trop cher", "wireless"),
        ("kabellose Maus fürs Büro", "wireless"),
        ("draadloze muis voor kantoor", "wireless"),
        ("trådløs mus til kontoret", "wireless"),
        ("tradlos mus", None),  # no accent and no known word: nothing invented
    ],
)
def test_compound_expressions_are_one_feature(text: str, must: str | None) -> None:
    q = parse_request(text)
    if must:
        assert must in q.must and not q.must_not, q
    assert "fil" not in q.must_not


@pytest.mark.parametrize(
    ("text", "dim", "value"),
    [
        ("disque SSD 2 To pas cher", "storage", 2000.0),
        ("clé USB 64 Go", "storage", 64.0),
        ("écran 27 pouces", "inch", 27.0),
        ("Monitor 32 Zoll", "inch", 32.0),
        ("skjerm 24 tommer", "inch", 24.0),
    ],
)
def test_units_written_the_local_way(text: str, dim: str, value: float) -> None:
    q = parse_request(text)
    assert any(n.dim == dim and n.value == value for n in q.needs), q.needs


def test_to_between_numbers_is_not_terabytes() -> None:
    q = parse_request("backpack from 2 to 3 kg")
    assert not any(n.dim == "storage" for n in q.needs)


@pytest.mark.parametrize(
    ("text", "language", "intent", "size", "amount", "currency"),
    [
        ("billigaste löparskor storlek 43 högst 900 kr", "sv", "cheapest", "43", "900", "SEK"),
        ("billigste løbesko størrelse 42 højst 700 kr", "da", "cheapest", "42", "700", "DKK"),
        ("svart regnjacka storlek L max 1200 kr", "sv", "best", "L", "1200", "SEK"),
        ("sort regnjakke str M under 600 kr", "da", "best", "M", "600", "DKK"),
    ],
)
def test_swedish_and_danish(
    text: str, language: str, intent: str, size: str, amount: str, currency: str
) -> None:
    q = parse_request(text)
    assert q.language == language and q.intent == intent and q.size == size
    assert q.max_price is not None and str(q.max_price.amount) == amount and q.max_price.currency == currency


@pytest.mark.parametrize(
    ("text", "colour"),
    [("röd tröja", "red"), ("sort trøje", "black"), ("hvide sko", "white"), ("gröna byxor", "green")],
)
def test_swedish_and_danish_colours(text: str, colour: str) -> None:
    assert parse_request(text).colours == [colour]


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("compare the Garmin Forerunner 265 and the Coros Pace 3", 2),
        ("vergelijk Sonos Era 100 en JBL Charge 5", 2),
        ("vergleiche Samsung Galaxy S24 und Pixel 8", 2),
        ("sammenlign Jabra Elite 8 og Sony WF-1000XM5", 2),
        ("jämför Garmin Forerunner 265 och Coros Pace 3", 2),
        ("comparer Sonos Era 100 et JBL Charge 5", 2),
        ("Sonos Era 100 vs JBL Charge 5", 2),
    ],
)
def test_compare_has_one_item_per_product(text: str, items: int) -> None:
    q = parse_request(text)
    assert q.intent == "compare" and len(q.items) == items, q.items
    assert all(i.search_terms for i in q.items)


def test_compare_of_prices_is_not_a_product_list() -> None:
    q = parse_request("compare prices and delivery for a kettle")
    assert all(i.terms or i.brands for i in q.items)


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        ("men's trail shoes size 44", "men"),
        ("damen laufschuhe gr 39", "women"),
        ("herrskor storlek 43", "men"),
        ("veste femme taille S", "women"),
        ("regnjakke barn 128", "kids"),
        ("trail shoes size 44", None),
    ],
)
def test_audience(text: str, audience: str | None) -> None:
    assert parse_request(text).audience == audience


def test_condition_head_superlative_reference() -> None:
    assert parse_request("refurbished laptop 16GB").condition == "used"
    assert parse_request("nieuwe koptelefoon").condition == "new"
    assert parse_request("HDMI cables longer than 3 metres").head == "cables"
    assert parse_request("the largest SSD under 200 euro").superlative == "storage"
    q = parse_request('a keyboard case that fits "Keychron Q1"')
    assert q.reference == "Keychron Q1"


def test_needs_keep_their_comparator() -> None:
    q = parse_request("HDMI kabel langer dan 3 meter")
    assert [(n.dim, n.op, n.value) for n in q.needs] == [("length", ">", 3000.0)]


@pytest.mark.parametrize(
    "text",
    [
        "waterproof jackt size M",
        "impermeable veste taille M",
        "wasserdichte jacke gr M",
        "vanntett jakke str M",
    ],
)
def test_typos_and_missing_accents_still_give_a_size(text: str) -> None:
    q = parse_request(text, Profile())
    assert q.size == "M"


@pytest.mark.parametrize(
    ("text", "brand"),
    [
        ("regenjas heren maat L, niet van Nordwind", "Nordwind"),
        ("Regenjacke nicht von Bergfalke Größe M", "Bergfalke"),
        ("rain jacket not from Stormline size S", "Stormline"),
    ],
)
def test_an_unknown_maker_after_not_from_is_an_excluded_brand(text: str, brand: str) -> None:
    q = parse_request(text)
    assert q.exclude_brands == [brand] and q.size is not None


def test_a_bare_number_next_to_shoes_is_the_size() -> None:
    q = parse_request("chaussures de trail 44 sans Salomon")
    assert q.size == "44" and q.exclude_brands == ["Salomon"]
    assert parse_request("running shoes under 45 euro").size is None
