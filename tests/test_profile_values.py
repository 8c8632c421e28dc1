"""Profile validation of values: sizes per system, ranges, known codes; every problem; syntax lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from shopper.cli.app import app
from shopper.errors import ProfileError
from shopper.profile_check import check_size
from shopper.profiles import ProfileValidationError, validate_file


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # messages show paths relative to the working directory


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "me.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ProfileValidationError) as info:
        validate_file(write(tmp_path, text))
    return [p.split(": ", 1)[1] for p in info.value.problems]


@pytest.mark.parametrize(
    ("system", "written", "canonical"),
    [
        ("shoes_eu", "44", "44"),
        ("shoes_eu", "EU 42 2/3", "42.67"),
        ("shoes", "44.5", "44.5"),
        ("shoes_uk", "9.5", "9.5"),
        ("clothing", "medium", "M"),
        ("clothing", "2XL", "XXL"),
        ("clothing", "one size", "ONESIZE"),
        ("clothing_eu", "50", "50"),
        ("waist", "W32 L34", "32/34"),
        ("waist", "33", "33"),
        ("length", "30", "30"),
        ("kids", "116 cm", "116"),
        ("kids", "4-5 jaar", "4-5Y"),
        ("kids_years", "6 years", "6Y"),
        ("kids_cm", "92", "92"),
    ],
)
def test_sizes_that_are_fine_come_back_canonical(system: str, written: str, canonical: str) -> None:
    assert check_size(system, written) == (canonical, None)


@pytest.mark.parametrize(
    ("system", "written", "problem"),
    [
        ("shoes_eu", "99", "EU shoe size between 15 and 52"),
        ("shoes_eu", "M", "must be an EU shoe size like"),
        ("shoes_us", "25", "US shoe size between 0 and 17"),
        ("clothing", "XXM", "must be a letter size: XXXS, XXS, XS"),
        ("clothing", "48", "numeric sizes go in clothing_eu"),
        ("waist", "90", "waist in inches between 22 and 60"),
        ("waist", "32/12", "leg length in inches between 26 and 40 (in waist/length 32/12)"),
        ("length", "L", "must be a leg length in inches"),
        ("kids", "250", "kids' height in cm between 44 and 188, or an age like 4Y"),
        ("kids_years", "30Y", "from 0 to 16 years"),
        ("shoe_eu", "44", "unknown size system (did you mean shoes_eu?)"),
        ("hat", "7", "unknown size system (expected one of shoes_eu,"),
    ],
)
def test_sizes_outside_their_system_are_problems(system: str, written: str, problem: str) -> None:
    value, found = check_size(system, written)
    assert value is None and found is not None and problem in found
    assert f'(got "{written}")' in found or "unknown size system" in found


def test_loaded_profile_holds_canonical_sizes(tmp_path: Path) -> None:
    profile = validate_file(
        write(tmp_path, '[sizes]\nshoes_eu = 44\nclothing = "large"\nwaist = "W34 L32"\n')
    )
    assert profile.sizes == {"shoes_eu": "44", "clothing": "L", "waist": "34/32"}


def test_codes_and_ranges_are_checked(tmp_path: Path) -> None:
    found = problems_of(
        tmp_path,
        'currency = "XYZ"\ncountry = "Norway"\nlanguages = ["en", "zz"]\n'
        "[priorities]\nprice = 50\nrelevance = -1\n"
        "[rates]\nABC = 2\nUSD = 0\n"
        '[[shops]]\nname = "a"\nurl = "https://a.example"\ncurrency = "QQQ"\n',
    )
    assert found == [
        'currency: unknown currency "XYZ" (use an ISO 4217 code like EUR, NOK or USD)',
        'country: must be a 2-letter country code like NL or NO (got "Norway")',
        'languages[1]: must be a language code like en, nb or nl-BE (got "zz")',
        "priorities.price: must be a number from 0 to 10 (got 50)",
        "priorities.relevance: must be a number from 0 to 10 (got -1)",
        'rates.ABC: unknown currency "ABC" (use an ISO 4217 code like EUR, NOK or USD)',
        "rates.USD: must be a number > 0 (got 0)",
        'shops[0].currency: unknown currency "QQQ" (use an ISO 4217 code like EUR, NOK or USD)',
    ]


def test_every_problem_is_listed_type_and_value_alike(tmp_path: Path) -> None:
    text = (
        'name = "me"\n'
        '[budget]\nmax_per_item = -5\nmonthly = "lots"\n'
        '[sizes]\nshoes_eu = 61\nclothing = "M"\nwaist = "W30 L50"\n'
        '[priorities]\nprice = 11\ndelivery = "fast"\n'
    )
    with pytest.raises(ProfileValidationError) as info:
        validate_file(write(tmp_path, text))
    lines = info.value.problems
    assert [line.split(":")[1] for line in lines] == ["3", "4", "6", "8", "10", "11"]
    assert "budget.max_per_item: must be a number >= 0" in lines[0]
    assert "budget.monthly: must be a number" in lines[1]
    assert "sizes.shoes_eu: must be an EU shoe size between 15 and 52" in lines[2]
    assert (
        "sizes.waist:" in lines[3] and "priorities.price:" in lines[4] and "priorities.delivery" in lines[5]
    )
    assert "more problem" not in str(info.value)


def test_cli_prints_every_problem_on_its_own_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[sizes]\nshoes_eu = "XL"\nclothing = "44"\n[priorities]\nprice = 99\n')
    result = CliRunner().invoke(app, ["profile", "validate", str(path)])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3, result.stderr
    assert all("me.toml:" in line for line in errors) and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("text", "line", "detail"),
    [
        # the array opened on line 2 is noticed only at the [budget] header on line 5
        ('name = "me"\nbrands_liked = ["a",\n  "b"\n\n[budget]\nmonthly = 4\n', 2, "unclosed array"),
        # an unterminated multi-line string runs to the end of the file
        ('name = "me"\nstyles_liked = ["""casual\n\n[budget]\nmonthly = 4\n', 2, "unterminated string"),
        ('name = "me"\n\n[budget]\nmonthly = = 4\n', 4, "invalid value"),
        # an array left open before a table header: tomllib reads the header as an element
        (
            'name = "me"\nbrands_liked = ["a",\n\n[budget]\nmonthly = -1\n',
            2,
            "not closed (invalid value at line 4)",
        ),
        ('name = "me"\n[budget]\nmonthly = 4\nmonthly = 5\n', 4, "cannot overwrite a value"),
        ('name = "me"\r\n\r\n[budget\r\nmonthly = 4\r\n', 3, "expected ']'"),
    ],
)
def test_toml_syntax_errors_name_the_line_to_fix(tmp_path: Path, text: str, line: int, detail: str) -> None:
    with pytest.raises(ProfileError) as info:
        validate_file(write(tmp_path, text))
    message = str(info.value)
    assert message.startswith(f"me.toml:{line}: TOML syntax error"), message
    assert detail in message.lower()
