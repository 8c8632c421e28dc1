"""Requests as people word them: the product noun, audience words, typos, mixed languages, negations."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shopper.understand.nouns import correct_typo, is_noun
from shopper.understand.offline import parse_request


@pytest.mark.parametrize(
    ("request_text", "head", "audience"),
    [
        ("parka dames maat S", "parka", "women"),  # the audience word comes last, the noun before it
        ("Fleecejacke Kinder 140", "fleecejacke", "kids"),
        ("bottes femme pointure 39", "bottes", "women"),  # French names the noun first
        ("pantalon de ski homme taille M", "pantalon", "men"),
        ("ulljakke herre str L", "ulljakke", "men"),
        ("hiking boots for girls size 34", "boots", "kids"),
    ],
)
def test_audience_words_are_never_the_product(request_text: str, head: str, audience: str) -> None:
    q = parse_request(request_text)
    assert q.head == head
    assert q.audience == audience


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("jackte", "jacket"), ("hoodei", "hoodie"), ("trousres", "trousers"), ("sneakrs", "sneakers")],
)
def test_a_mistyped_product_noun_is_read_as_meant(typed: str, meant: str) -> None:
    q = parse_request(f"blue {typed} size L")
    assert q.terms == [meant]
    assert q.head == meant
    assert q.search_terms[0] == meant


@pytest.mark.parametrize(
    "word",
    ["short", "light", "striped", "running", "Merino", "Kiprun", "cable", "layer", "player", "books"],
)
def test_words_that_are_no_typos_stay(word: str) -> None:
    assert correct_typo(word) is None


def test_an_unsure_correction_is_not_made() -> None:
    assert correct_typo("zzzzzz") is None
    assert parse_request("short skirt size M").terms == ["short", "skirt"]


def test_a_size_in_centimetres_is_no_length_requirement() -> None:
    q = parse_request("kids snow trousers size 110 cm")
    assert q.size == "110" and q.size_system == "kids_cm"
    assert q.needs == []
    cable = parse_request("usb cable 200 cm")
    assert [n.text for n in cable.needs] == ["200 cm"]


def test_a_foreign_word_in_an_english_looking_request_gets_an_english_phrase() -> None:
    q = parse_request("winterjacke kids 152")
    assert "winter jacket kids" in q.search_terms


def test_generic_clothing_compounds_keep_their_qualifier() -> None:
    q = parse_request("vintertøy barn str 122")
    assert q.language == "nb"
    assert "winter kids" in q.search_terms


@pytest.mark.parametrize(
    ("word", "noun"),
    [("jacket", True), ("chaussures", True), ("regnjakke", True), ("herren", False), ("trail", False)],
)
def test_nouns(word: str, noun: bool) -> None:
    from shopper.understand.terms import to_english

    assert is_noun(word, to_english(word)) is noun


@pytest.mark.parametrize(
    ("request_text", "language", "must", "excluded"),
    [
        ("vandtæt jakke herre str L", "da", ["waterproof"], []),
        ("hörlurar trådlösa utan Sony", "sv", ["wireless"], ["Sony"]),
        ("vattentät jacka dam stl M", "sv", ["waterproof"], []),
        ("løbesko uden Nike str 43", "da", [], ["Nike"]),
    ],
)
def test_swedish_and_danish_attributes_and_negations(
    request_text: str, language: str, must: list[str], excluded: list[str]
) -> None:
    q = parse_request(request_text)
    assert q.language == language
    assert q.must == must
    assert q.exclude_brands == excluded


def test_a_french_noun_phrase_with_de() -> None:
    q = parse_request("manteau de pluie enfant 116")
    assert q.language == "fr"
    assert q.head == "manteau"
    assert any("coat" in p and "rain" in p for p in q.search_terms)


def test_danish_running_shoes_compound() -> None:
    assert "running shoes" in parse_request("løbesko str 44").search_terms


@pytest.mark.parametrize(
    "request_text",
    [
        "regnjakke som ikke er gul",
        "Regenjacke, die nicht gelb ist",
        "jacka som inte är gul",
        "rain jacket not yellow",
    ],
)
def test_a_colour_denied_with_a_verb_between_is_not_wanted(request_text: str) -> None:
    q = parse_request(request_text)
    assert q.colours == []
    assert q.must_not == ["yellow"]
    assert len(q.terms) == 1 or q.terms == ["rain", "jacket"]


@pytest.mark.parametrize(
    ("request_text", "size"), [("Damen Laufschuhe 38,5", "38.5"), ("trail shoes 42.5", "42.5")]
)
def test_a_bare_half_shoe_size_keeps_its_half(request_text: str, size: str) -> None:
    assert parse_request(request_text).size == size


@pytest.mark.parametrize(
    ("request_text", "size"),
    [
        ("regnjakke barn 6 år", "6Y"),
        ("Regenjacke Kinder 5-6 Jahre", "5-6Y"),
        ("kids rain jacket age 8", "8Y"),
    ],
)
def test_a_childs_age_is_a_size(request_text: str, size: str) -> None:
    q = parse_request(request_text)
    assert (q.size, q.size_system) == (size, "kids_years")


@pytest.mark.parametrize(
    ("request_text", "size"),
    [
        ("huvtröja herr S", "S"),
        ("softshelljacka dam XL", "XL"),
        ("vinterjakke herre M", "M"),
        ("vandringskängor 41", "41"),
    ],
)
def test_a_bare_size_after_a_compound_of_a_clothing_or_shoe_word(request_text: str, size: str) -> None:
    # the compound's own head says what kind of product it is, and so what a bare "S" or "41" is
    assert parse_request(request_text).size == size


def test_a_letter_after_a_word_that_only_ends_like_clothing_is_no_size() -> None:
    assert parse_request("laptop sleeve M2").size is None


def test_an_age_that_is_no_size_stays_a_word() -> None:
    assert parse_request("laptop with 2 years warranty").size is None


def test_the_shipped_confusable_words_are_what_the_dictionaries_give() -> None:
    from shopper.understand.confusables import build, confusable_words

    assert set(build()) == confusable_words(), "run `python -m shopper.understand.confusables`"


@pytest.mark.parametrize(
    ("request_text", "size", "low", "high"),
    [
        ("waterdichte wandelschoenen maat 42 tot 150 euro", "42", None, "150"),
        ("Wanderschuhe Gr. 42 bis 150 Euro", "42", None, "150"),
        ("tursko str 42 til 1500 kr", "42", None, "1500"),
        ("hiking boots 50 to 150 euro", None, "50", "150"),  # no size word: a price range
        ("jas maat L tussen 50 en 100 euro", "L", "50", "100"),
    ],
)
def test_a_size_followed_by_an_upper_limit_is_no_price_range(
    request_text: str, size: str | None, low: str | None, high: str
) -> None:
    query = parse_request(request_text)
    assert query.size == size
    assert (query.min_price.amount if query.min_price else None) == (Decimal(low) if low else None)
    assert query.max_price is not None and query.max_price.amount == Decimal(high)
