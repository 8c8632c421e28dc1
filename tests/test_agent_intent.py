"""The offline intent engine's reading of chat messages in several languages (pure functions)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shopper.agent.intent import classify, is_yes
from shopper.agent.session import merge
from shopper.models import Profile
from shopper.understand.offline import parse_request

SHOPS = ["Alpenrand Sport", "Fjordlys"]


def read(text: str, *, results: bool = True):  # type: ignore[no-untyped-def]
    return classify(text, Profile(), has_results=results, shop_names=SHOPS)


@pytest.mark.parametrize(
    "text", ["cheaper", "goedkoper", "billigere", "günstiger", "moins cher", "billigare?"]
)
def test_cheaper_in_every_language(text: str) -> None:
    assert read(text).kind == "cheaper"


@pytest.mark.parametrize(
    ("text", "size"),
    [("only size 43", "43"), ("alleen maat 43", "43"), ("bare str. 43", "43"), ("nur Größe 43", "43")],
)
def test_size_refinements(text: str, size: str) -> None:
    intent = read(text)
    assert intent.kind == "refine" and intent.query is not None and intent.query.size == size


@pytest.mark.parametrize("text", ["in red", "in het rood", "in rot", "i rød", "en rouge"])
def test_colour_refinements(text: str) -> None:
    intent = read(text)
    assert intent.kind == "refine" and intent.query is not None and intent.query.colours == ["red"]


@pytest.mark.parametrize(
    "text", ["not from Fjordlys", "niet van Fjordlys", "nicht von fjordlys", "pas chez Fjordlys"]
)
def test_not_from_a_shop(text: str) -> None:
    intent = read(text)
    assert intent.kind == "refine" and intent.names == ["Fjordlys"]


@pytest.mark.parametrize(
    ("text", "kind", "numbers"),
    [
        ("buy 2", "buy", [2]),
        ("koop nr. 3", "buy", [3]),
        ("kaufe 1", "buy", [1]),
        ("kjøp 2", "buy", [2]),
        ("show 4", "show", [4]),
        ("toon 4", "show", [4]),
        ("compare 1 and 3", "compare", [1, 3]),
        ("vergelijk 1, 2 en 5", "compare", [1, 2, 5]),
        ("watch 3 below 80", "watch", [3]),
        ("volg 2 onder 65,50", "watch", [2]),
    ],
)
def test_commands_with_numbers(text: str, kind: str, numbers: list[int]) -> None:
    intent = read(text)
    assert (intent.kind, intent.numbers) == (kind, numbers)


def test_watch_reads_the_price() -> None:
    assert read("volg 2 onder 65,50").price == Decimal("65.50")
    assert read("watch 3").price is None


@pytest.mark.parametrize(
    "text",
    ["do you have it in 43?", "heb je deze in maat 43?", "haben Sie das in Größe 43?", "l'avez-vous en 43 ?"],
)
def test_stock_questions(text: str) -> None:
    intent = read(text)
    assert intent.kind == "stock" and intent.size == "43"


@pytest.mark.parametrize(
    "text",
    ["where is my order?", "waar is mijn bestelling", "Wo ist meine Bestellung?", "où est ma commande ?"],
)
def test_order_status(text: str) -> None:
    assert read(text, results=False).kind == "orders"


@pytest.mark.parametrize(
    ("text", "names", "liked"),
    [
        ("I don't like Lumora", ["Lumora"], False),
        ("ik hou niet van Lumora en Vexo", ["Lumora", "Vexo"], False),
        ("jeg liker ikke Lumora", ["Lumora"], False),
        ("je n'aime pas Lumora", ["Lumora"], False),
        ("I really like Vexo", ["Vexo"], True),
    ],
)
def test_preferences(text: str, names: list[str], liked: bool) -> None:
    intent = read(text)
    assert (intent.kind, intent.names, intent.liked) == ("prefer", names, liked)


@pytest.mark.parametrize(
    "text",
    [
        "can I get a discount?",
        "ik wil korting",
        "my parcel never arrived",
        "het pakket is beschadigd",
        "Beschwerde",
    ],
)
def test_handover(text: str) -> None:
    assert read(text).kind == "handover"


def test_a_product_is_a_new_request_even_with_results() -> None:
    intent = read("waterproof hiking jacket size M")
    assert intent.kind == "search" and intent.query is not None and "jacket" in intent.query.terms


def test_without_results_a_refinement_word_is_a_search() -> None:
    assert read("cheaper", results=False).kind == "search"


def test_merge_lays_a_refinement_over_the_query() -> None:
    current = parse_request("trail shoes size 44 under 120 euro")
    merged = merge(current, parse_request("in het zwart zonder Lumora"))
    assert merged.terms == current.terms and merged.size == "44"
    assert merged.colours == ["black"]
    assert "lumora" in [*merged.must_not, *(b.lower() for b in merged.exclude_brands)]
    assert merged.max_price == current.max_price


@pytest.mark.parametrize(
    ("text", "yes"), [("y", True), ("Ja", True), ("oui", True), ("", False), ("n", False)]
)
def test_only_an_explicit_yes_is_yes(text: str, yes: bool) -> None:
    assert is_yes(text) is yes
    assert is_yes("yes, buy it") is False  # only a bare yes counts
