"""Profiles: the bundled examples, line-precise errors, exact decimals, save/load, init, lookup order."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shopper import config
from shopper.errors import ProfileError
from shopper.models import Budget, Profile, ShopConfig
from shopper.profiles import (
    EXAMPLES_DIR,
    ProfileValidationError,
    default_profile,
    init_profile,
    list_profiles,
    load_profile,
    profile_warnings,
    save_profile,
    user_path_for,
    validate_file,
)
from shopper.tomltext import dumps, key_lines, toml_string

EXAMPLES = sorted(EXAMPLES_DIR.glob("*.toml"))


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SHOPPER_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "home"


def write(tmp_path: Path, text: str, name: str = "p.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(ProfileError) as info:
        validate_file(path)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_examples_exist_and_validate() -> None:
    names = {p.stem for p in EXAMPLES}
    assert {"runner-nl", "gaming-pc", "norway"} <= names
    for path in EXAMPLES:
        profile = validate_file(path)
        assert profile.name == path.stem
        assert profile.source_path == str(path)
        assert profile_warnings(profile) == []
        for shop in profile.shops:
            assert re.match(r"https://[a-z0-9.-]+\.example(/|$)", shop.url), shop.url


def test_example_contents() -> None:
    runner = load_profile("runner-nl")
    assert runner.shops == [] and runner.demo
    assert runner.currency == "EUR" and runner.languages == ["nl", "en"]
    assert runner.sizes["shoes_eu"] == "44" and runner.sizes["clothing"] == "M"
    assert "Nike" in runner.brands_avoided and runner.budget.max_per_item == Decimal("150")
    gaming = load_profile("gaming-pc")
    assert {"AMD", "Corsair", "Samsung"} <= set(gaming.brands_liked) and gaming.brands_avoided
    assert gaming.shops == [] and gaming.demo  # its shops are commented-out examples
    norway = load_profile("norway")
    assert norway.currency == "NOK" and norway.rates == {}  # the bundled ECB rates do the converting
    assert norway.languages == ["nb", "en"] and norway.shops_avoided


def test_commented_example_shops_are_valid_when_enabled(tmp_path: Path) -> None:
    for name in ("gaming-pc", "norway"):
        text = (EXAMPLES_DIR / f"{name}.toml").read_text()
        enabled = "\n".join(
            line[2:] if line.startswith("# ") and ("=" in line or line.startswith("# [[")) else line
            for line in text.splitlines()
        )
        path = tmp_path / f"{name}.toml"
        path.write_text(enabled)
        profile = validate_file(path)
        assert len(profile.shops) >= 2, name
        assert {s.platform for s in profile.shops} & {"shopify", "woocommerce", "html", "auto"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'name = "x"\ncurrency = "EUR"\nbrands_likd = ["a"]\n',
            "p.toml:3: brands_likd: unknown field (did you mean brands_liked?)",
        ),
        (
            'name = "x"\n\n[budget]\nmonthly = 10\nmax_per_itme = 5\n',
            "p.toml:5: budget.max_per_itme: unknown field (did you mean max_per_item?)",
        ),
        (
            '[[shops]]\nname = "a"\nurl = "https://a.example"\n\n# second\n[[shops]]\nname = "b"\n'
            'url = "https://b.example"\nsearch_ulr = "https://b.example/s?q={query}"\n',
            "p.toml:9: shops[1].search_ulr: unknown field (did you mean search_url?)",
        ),
        (
            '[[shops]]\nname = "a"\nurl = "https://a.example"\n[[shops]]\nname = "b"\nurl = "https://b.example"\n'
            'platform = "shopfy"\n',
            "p.toml:7: shops[1].platform: must be one of auto, shopify, woocommerce, html",
        ),
        (
            'name = "x"\n\ncurrency = "euro"\n',
            "p.toml:3: currency: must be a 3-letter ISO 4217 currency code",
        ),
        (
            '[[shops]]\nname = "a"\nurl = "https://a.example"\ncurrency = "usd"\n',
            "p.toml:4: shops[0].currency: must be a 3-letter ISO 4217",
        ),
        ('name = "x"\nbudget = { max_per_item = 5, monthy = 3 }\n', "p.toml:2: budget.monthy: unknown field"),
        ('brands_liked = [\n  "a",\n  3,\n]\n', "p.toml:3: brands_liked[1]: must be a string"),
        ('[[shops]]\nurl = "https://a.example"\n', "p.toml:1: shops[0].name: required field is missing"),
        ("[rates]\nUSD = 0.9\nGBP = -1\n", "p.toml:3: rates.GBP: must be a number > 0"),
        ("[rates]\nusd = 0.9\n", "p.toml:2: rates.usd: keys must be 3-letter ISO 4217"),
        ('name = "x"\ndemo = true\n', "p.toml:2: demo: unknown field"),
        ("name = 1.5\n", "p.toml:1: name: must be a string (got the number 1.5)"),
        (
            '[[shops]]\nname = "a"\nurl = "https://a.example"\nsearch_url = "https://a.example/s?q="\n',
            "p.toml:4: shops[0].search_url: must contain {query}",
        ),
        (
            'styles_liked = ["""one\ntwo "" \n"""]\n\n[budget]\nmonthly = "lots"\n',
            "p.toml:6: budget.monthly: must be a number",
        ),
    ],
)
def test_errors_name_file_line_and_field(tmp_path: Path, text: str, expected: str) -> None:
    assert error_of(write(tmp_path, text)).startswith(expected)


def test_every_problem_is_listed_in_file_order(tmp_path: Path) -> None:
    path = write(tmp_path, '[budget]\nmonthly = "x"\n\n[sizes]\nshoes_eu = true\n\n[[shops]]\nname = "a"\n')
    with pytest.raises(ProfileValidationError) as info:
        validate_file(path)
    lines = [int(p.split(":")[1]) for p in info.value.problems]
    assert lines == sorted(lines) and len(lines) == 3
    assert str(info.value).splitlines() == info.value.problems  # all of them, not "and 2 more"


def test_toml_syntax_error_gives_file_and_line(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, 'name = "x"\n\n[budget]\nmonthly = = 4\n'))
    assert message.startswith("p.toml:4: TOML syntax error at column")
    assert error_of(write(tmp_path, 'name = "x\n')).startswith("p.toml:1: TOML syntax error")


def test_unreadable_files(tmp_path: Path) -> None:
    assert error_of(tmp_path / "missing.toml") == "missing.toml: no such profile file"
    path = tmp_path / "bad.toml"
    path.write_bytes(b'name = "x"\ncountry = "\xff"\n')
    assert error_of(path) == "bad.toml:2: not UTF-8 text"


def test_decimals_are_exact_and_sizes_become_text(tmp_path: Path) -> None:
    text = (
        "[budget]\nmax_per_item = 119.99\nmonthly = 1_000.10\n[sizes]\nshoes_eu = 44.5\nwaist = 32\n"
        '[rates]\nUSD = 0.92\n[[shops]]\nname = "a"\nurl = "https://a.example"\nshipping = 4.95\n'
    )
    profile = validate_file(write(tmp_path, text))
    assert profile.budget.max_per_item == Decimal("119.99")
    assert str(profile.budget.max_per_item) == "119.99"
    assert str(profile.budget.monthly) == "1000.10"
    assert profile.rates["USD"] == Decimal("0.92")
    assert str(profile.shops[0].shipping) == "4.95"
    assert profile.sizes == {"shoes_eu": "44.5", "waist": "32"}


def test_save_load_round_trip(tmp_path: Path) -> None:
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "shoe.jpg").write_bytes(b"jpg")
    profile = Profile(
        name='quote " and \\ back',
        currency="NOK",
        country="NO",
        languages=["nb", "en"],
        budget=Budget(max_per_item=Decimal("1499.90"), monthly=Decimal("5000")),
        sizes={"shoes_eu": "43", "clothing": "L", "waist": "32/34"},
        brands_liked=["Norrøna", "Line\nbreak\ttab"],
        shops=[
            ShopConfig(name="A", url="https://a.example", platform="shopify", shipping=Decimal("49.00")),
            ShopConfig(
                name="B",
                url="https://b.example",
                search_url="https://b.example/s?q={query}",
                currency="SEK",
                free_shipping_over=Decimal("0.5"),
            ),
        ],
        photos=[str(tmp_path / "photos" / "shoe.jpg")],
        rates={"EUR": Decimal("11.70"), "SEK": Decimal("1.02")},
    )
    path = save_profile(profile, tmp_path / "out" / "mine.toml")
    assert str(tmp_path / "photos" / "shoe.jpg") in path.read_text()  # outside out/: kept absolute
    loaded = validate_file(path)
    assert loaded.model_dump() == profile.model_dump()
    assert str(loaded.budget.max_per_item) == "1499.90" and str(loaded.rates["EUR"]) == "11.70"
    assert tomllib.loads(path.read_text())["shops"][1]["name"] == "B"


def test_photos_resolve_relative_to_the_profile_and_missing_ones_warn(tmp_path: Path) -> None:
    folder = tmp_path / "prof"
    (folder / "pics").mkdir(parents=True)
    (folder / "pics" / "a.jpg").write_bytes(b"x")
    path = write(folder, 'name = "x"\nphotos = [\n  "pics/a.jpg",\n  "pics/gone.jpg",\n]\n')
    profile = validate_file(path)
    assert profile.photos[0] == str(folder / "pics" / "a.jpg")
    warnings = profile_warnings(profile)
    assert len(warnings) == 1
    assert warnings[0].startswith("prof/p.toml:4: photos[1]: photo not found")
    resaved = save_profile(profile, folder / "copy.toml")
    assert tomllib.loads(resaved.read_text())["photos"] == ["pics/a.jpg", "pics/gone.jpg"]


def test_warnings_for_contradictions(tmp_path: Path) -> None:
    text = (
        'brands_liked = ["Hoka"]\nbrands_avoided = ["hoka"]\nshops_avoided = ["A"]\n'
        '[[shops]]\nname = "A"\nurl = "https://a.example"\ncurrency = "USD"\n'
    )
    warnings = profile_warnings(validate_file(write(tmp_path, text)))
    assert any(w.startswith("p.toml:1: brands_liked[0]:") for w in warnings)
    assert any(w.startswith("p.toml:5: shops[0].name:") for w in warnings)
    assert not any("currency" in w for w in warnings)  # the bundled ECB rates cover USD
    text = text.replace('"USD"', '"XAF"')  # a real currency the ECB does not publish
    warnings = profile_warnings(validate_file(write(tmp_path, text)))
    assert any(
        w.startswith("p.toml:7: shops[0].currency: no exchange rate from XAF to EUR") for w in warnings
    )


def test_init_creates_a_valid_starter_and_refuses_to_overwrite(home: Path) -> None:
    path = init_profile("me")
    assert path == config.profiles_dir() / "me.toml"
    profile = load_profile("me")
    assert profile.name == "me" and profile.demo
    before = path.read_text()
    with pytest.raises(ProfileError, match="already exists"):
        init_profile("me")
    assert path.read_text() == before
    with pytest.raises(ProfileError, match="invalid profile name"):
        init_profile("../evil")


def test_lookup_order(home: Path, tmp_path: Path) -> None:
    assert load_profile(None) == default_profile()
    assert load_profile("default").demo
    # A bundled example is found by name until the user has their own of the same name.
    assert load_profile("norway").currency == "NOK"
    own = config.profiles_dir() / "norway.toml"
    own.write_text('currency = "SEK"\n', encoding="utf-8")
    assert load_profile("norway").currency == "SEK"
    assert load_profile("norway").source_path == str(own)
    assert dict(list_profiles())["norway"] == own
    # default.toml in the data dir becomes the profile used when none is named.
    (config.profiles_dir() / "default.toml").write_text('currency = "USD"\n', encoding="utf-8")
    assert load_profile(None).currency == "USD"
    # Paths win over names.
    (tmp_path / "norway.toml").write_text('currency = "DKK"\n', encoding="utf-8")
    assert load_profile("norway.toml").currency == "DKK"
    assert load_profile(str(tmp_path / "norway.toml")).currency == "DKK"
    assert load_profile("./norway.toml").currency == "DKK"


def test_unknown_names_and_paths(home: Path) -> None:
    with pytest.raises(ProfileError) as info:
        load_profile("runner-n")
    message = str(info.value)
    assert "'runner-n' not found" in message and str(config.profiles_dir()) in message
    assert str(EXAMPLES_DIR) in message and "did you mean runner-nl?" in message
    with pytest.raises(ProfileError, match="no such profile file"):
        load_profile("nowhere/x.toml")
    with pytest.raises(ProfileError, match="invalid profile name"):
        load_profile("bad name!")


def test_key_lines_handles_toml_shapes() -> None:
    text = (
        "a = 1 # c\n"
        "'quoted key' = 'v'\n"
        'b.c = { d = [1, 2], e = "}" }\n'
        '[t]\nx = """\nmulti "" line\n"""\ny = [\n  { z = 1 },\n  { z = 2 },\n]\n'
        "[[arr]]\nk = 1\n[arr.sub]\nq = 2\n[[arr]]\nk = 3\n"
    )
    tomllib.loads(text)
    lines = key_lines(text)
    assert lines[("a",)] == 1 and lines[("quoted key",)] == 2
    assert lines[("b", "c", "d", 1)] == 3 and lines[("b", "c", "e")] == 3
    assert lines[("t", "x")] == 5 and lines[("t", "y")] == 8
    assert lines[("t", "y", 1, "z")] == 10
    assert lines[("arr", 0, "sub", "q")] == 15 and lines[("arr", 1, "k")] == 17


@given(st.dictionaries(st.text(min_size=1, max_size=8), st.text(max_size=20), max_size=4))
def test_writer_strings_round_trip(table: dict[str, str]) -> None:
    data = {"s": table, "arr": list(table.values())}
    assert tomllib.loads(dumps(data)) == data
    for value in table.values():
        assert tomllib.loads(f"k = {toml_string(value)}")["k"] == value


def test_changes_to_an_example_are_saved_in_the_data_dir(home: Path, tmp_path: Path) -> None:
    example = load_profile("gaming-pc")
    assert user_path_for(example) == config.profiles_dir() / "gaming-pc.toml"
    save_profile(example, user_path_for(example))
    assert load_profile("gaming-pc").source_path == str(config.profiles_dir() / "gaming-pc.toml")
    own = validate_file(write(tmp_path, 'name = "mine"\n', "mine.toml"))
    assert user_path_for(own) == tmp_path / "mine.toml"
    assert user_path_for(default_profile()) == config.profiles_dir() / "default.toml"
