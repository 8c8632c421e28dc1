"""Profile validation beyond types: sizes per system, ranges, known codes; problems as readable lines."""

from __future__ import annotations

import difflib
import math
import re
import tomllib
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from shopper.models import Profile
from shopper.money import is_known_currency
from shopper.tomltext import Loc, toml_string

INTERNAL = frozenset({"source_path", "demo"})  # model fields that are not part of the file format
PRIORITY_MAX = 10.0  # a weight of 10 already drowns every other term; more is a typo
_SYNTAX_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
# tomllib reports these where it noticed the problem (often the next table or the end of the file);
# the user needs the line where the unclosed thing was opened.
_NEW_STATEMENT = re.compile(r"\s*(\[\[?\s*[A-Za-z0-9_\"'.-]+\s*\]|[A-Za-z0-9_-]+\s*=)")
_OPENED_EARLIER = ("Unclosed array", "Unclosed inline table", "Unterminated string", "at end of document")

# --- sizes ----------------------------------------------------------------------------------

LETTER_SIZES = ("XXXS", "XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL", "XXXXL", "ONESIZE")
_YEARS = re.compile(r"(\d{1,2})(?:-(\d{1,2}))?Y")


def _number(value: str) -> Decimal | None:
    return Decimal(value) if re.fullmatch(r"\d{1,3}(\.\d{1,2})?", value) else None


def _in_range(low: int, high: int, what: str) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        number = _number(value)
        if number is None:
            return f"must be {what} like {low + (high - low) // 2}"
        if not low <= number <= high:
            return f"must be {what} between {low} and {high}"
        return None

    return check


def _letters(value: str) -> str | None:
    if value in LETTER_SIZES:
        return None
    hint = "; numeric sizes go in clothing_eu" if _number(value) is not None else ""
    return f"must be a letter size: {', '.join(LETTER_SIZES)}{hint}"


_SHOE_EU = _in_range(15, 52, "an EU shoe size")
_WAIST = _in_range(22, 60, "a waist in inches")
_LENGTH = _in_range(26, 40, "a leg length in inches")
_KIDS_CM = _in_range(44, 188, "a kids' height in cm")


def _waist(value: str) -> str | None:
    if "/" in value:  # waist/length written together: 32/34
        waist, length = value.split("/", 1)
        problem = _WAIST(waist) or _LENGTH(length)
        return f"{problem} (in waist/length {value})" if problem else None
    return _WAIST(value)


def _kids_years(value: str) -> str | None:
    match = _YEARS.fullmatch(value)
    if match is None:
        return "must be an age like 4Y, 4 years or 4-5Y"
    ages = [int(a) for a in match.groups() if a is not None]
    if any(age > 16 for age in ages) or (len(ages) == 2 and ages[0] >= ages[1]):
        return "must be an age (or range) from 0 to 16 years"
    return None


def _kids(value: str) -> str | None:
    if _YEARS.fullmatch(value):
        return _kids_years(value)
    problem = _KIDS_CM(value)
    return f"{problem}, or an age like 4Y" if problem else None


SIZE_SYSTEMS: dict[str, Callable[[str], str | None]] = {
    "shoes_eu": _SHOE_EU,
    "shoes": _SHOE_EU,  # read as EU
    "shoes_uk": _in_range(0, 15, "a UK shoe size"),
    "shoes_us": _in_range(0, 17, "a US shoe size"),
    "clothing": _letters,
    "clothing_eu": _in_range(28, 70, "an EU clothing size"),
    "waist": _waist,
    "length": _LENGTH,
    "kids": _kids,
    "kids_cm": _KIDS_CM,
    "kids_years": _kids_years,
}


def check_size(system: str, written: str) -> tuple[str | None, str | None]:
    """(canonical value, problem) of one profile size; exactly one of them is None."""
    from shopper.understand.sizes import canonical_size

    checker = SIZE_SYSTEMS.get(system)
    if checker is None:
        close = difflib.get_close_matches(system, list(SIZE_SYSTEMS), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]}?" if close else f"expected one of {', '.join(SIZE_SYSTEMS)}"
        return None, f"unknown size system ({hint})"
    value = canonical_size(written) or written.strip().upper()
    problem = checker(value)
    return (None, f"{problem} (got {toml_string(written)})") if problem else (value, None)


# --- whole profile --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _territories() -> frozenset[str]:
    from babel import Locale

    codes = (str(c) for c in Locale.parse("en").territories)
    return frozenset(c for c in codes if re.fullmatch(r"[A-Z]{2}", c) and c != "ZZ")


@lru_cache(maxsize=64)
def _known_language(code: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True


def _currency_problem(code: str) -> str | None:
    if is_known_currency(code):
        return None
    return f"unknown currency {toml_string(code)} (use an ISO 4217 code like EUR, NOK or USD)"


def value_problems(profile: Profile) -> tuple[list[tuple[Loc, str]], dict[str, str]]:
    """Every problem with the values, and the sizes in canonical form (for the loaded profile)."""
    out: list[tuple[Loc, str]] = []
    if not profile.name.strip():
        out.append((("name",), "must not be empty"))
    currency = _currency_problem(profile.currency)
    if currency:
        out.append((("currency",), currency))
    if profile.country is not None and profile.country not in _territories():
        problem = f"must be a 2-letter country code like NL or NO (got {show(profile.country)})"
        out.append((("country",), problem))
    for i, lang in enumerate(profile.languages):
        if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?", lang) or not _known_language(lang):
            out.append((("languages", i), f"must be a language code like en, nb or nl-BE (got {show(lang)})"))
    for field in ("max_per_item", "monthly"):
        amount = getattr(profile.budget, field)
        if amount is not None and (not amount.is_finite() or amount < 0):
            out.append((("budget", field), f"must be a number >= 0 (got {amount})"))
    for field in ("price", "relevance", "delivery"):
        weight = getattr(profile.priorities, field)
        if not math.isfinite(weight) or not 0 <= weight <= PRIORITY_MAX:
            out.append(
                (("priorities", field), f"must be a number from 0 to {PRIORITY_MAX:g} (got {weight:g})")
            )
    sizes: dict[str, str] = {}
    for system, written in profile.sizes.items():
        value, size_problem = check_size(system, written)
        if size_problem:
            out.append((("sizes", system), size_problem))
        elif value is not None:
            sizes[system] = value
    for code, rate in profile.rates.items():
        if not re.fullmatch(r"[A-Z]{3}", code):
            out.append((("rates", code), "keys must be 3-letter ISO 4217 currency codes like USD"))
        elif _currency_problem(code):
            out.append((("rates", code), str(_currency_problem(code))))
        if not rate.is_finite() or rate <= 0:
            out.append((("rates", code), f"must be a number > 0 (got {rate})"))
    out += _shop_problems(profile)
    return out, sizes


def _shop_problems(profile: Profile) -> list[tuple[Loc, str]]:
    out: list[tuple[Loc, str]] = []
    seen: set[str] = set()
    for i, shop in enumerate(profile.shops):
        if not shop.name.strip():
            out.append((("shops", i, "name"), "must not be empty"))
        if not re.match(r"https?://[^/\s]+", shop.url):
            out.append((("shops", i, "url"), f"must start with http:// or https:// (got {show(shop.url)})"))
        if shop.search_url is not None:
            if "{query}" not in shop.search_url:
                out.append((("shops", i, "search_url"), "must contain {query} where the search words go"))
            elif not re.match(r"(https?://[^/\s]+|/)", shop.search_url):
                out.append((("shops", i, "search_url"), "must be an http(s) URL or a path starting with /"))
        for field in ("shipping", "free_shipping_over"):
            amount = getattr(shop, field)
            if amount is not None and (not amount.is_finite() or amount < 0):
                out.append((("shops", i, field), f"must be a number >= 0 (got {amount})"))
        if shop.currency is not None and _currency_problem(shop.currency):
            out.append((("shops", i, "currency"), str(_currency_problem(shop.currency))))
        if shop.name.casefold() in seen:
            out.append((("shops", i, "name"), f"duplicate shop name {show(shop.name)}"))
        seen.add(shop.name.casefold())
    return out


# --- messages -------------------------------------------------------------------------------


def syntax_message(message: str, text: str, shown: str) -> str:
    """A tomllib error as "file:line: TOML syntax error ...", at the line where the problem starts."""
    match = _SYNTAX_POS.search(message)
    what = lower(message[: match.start()] if match else message.replace("(at end of document)", "").strip())
    noticed = int(match.group(1)) if match else text.count("\n") + 1
    where = f"line {noticed}" if match else "the end of the file"
    if any(marker in message for marker in _OPENED_EARLIER):
        opened = _statement_start(text, noticed)
        if opened < noticed:
            return f"{shown}:{opened}: TOML syntax error: {what} (opened here, still open at {where})"
    elif _starts_statement(text, noticed):
        opened = _statement_start(text, noticed)
        if opened < noticed:
            unclosed = "the value that starts here is not closed"
            return f"{shown}:{opened}: TOML syntax error: {unclosed} ({what} at {where})"
    if match:
        return f"{shown}:{noticed}: TOML syntax error at column {match.group(2)}: {what}"
    return f"{shown}:{noticed}: TOML syntax error at end of file: {what}"


def _starts_statement(text: str, line: int) -> bool:
    """Whether `line` looks like a new table or key, i.e. whatever came before it was left open."""
    lines = text.splitlines()
    return 0 < line <= len(lines) and bool(_NEW_STATEMENT.match(lines[line - 1]))


def _statement_start(text: str, noticed: int) -> int:
    """The line of the statement that is still open at line `noticed`: after the last complete prefix."""
    lines = text.splitlines(keepends=True)
    for count in range(min(noticed, len(lines)) - 1, -1, -1):
        try:
            tomllib.loads("".join(lines[:count]))
        except tomllib.TOMLDecodeError:
            continue
        return count + 1
    return noticed


def lower(text: str) -> str:
    """Lower-case the first letter (messages continue after a colon)."""
    return text[:1].lower() + text[1:]


def format_problems(problems: list[tuple[Loc, str]], lines: dict[Loc, int], shown: str) -> list[str]:
    """Problems as "file:line: field: problem" lines, in file order."""
    out: list[tuple[int, str]] = []
    for loc, message in problems:
        line = next((lines[loc[:n]] for n in range(len(loc), 0, -1) if loc[:n] in lines), None)
        where = f"{shown}:{line}" if line else shown
        out.append((line or 0, f"{where}: {format_loc(loc)}: {message}"))
    return [message for _, message in sorted(out, key=lambda pair: pair[0])]


def format_loc(loc: Loc) -> str:
    """A field path as written in messages: budget.monthly, shops[1].platform, sizes."x y"."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            key = part if re.fullmatch(r"[A-Za-z0-9_-]+", part) else toml_string(part)
            out += f".{key}" if out else key
    return out


def describe(error: Any) -> str:
    """One pydantic error as a short, human problem statement."""
    kind, loc, value = error["type"], tuple(error["loc"]), error.get("input")
    if kind == "extra_forbidden":
        allowed = _fields_at(loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        if close:
            return f"unknown field (did you mean {close[0]}?)"
        return f"unknown field (expected one of {', '.join(allowed)})" if allowed else "unknown field"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(error.get("ctx", {}).get("expected", "")))
        close = difflib.get_close_matches(str(value), choices, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        return f"must be one of {', '.join(choices)} (got {show(value)}{hint})"
    if kind == "string_pattern_mismatch":
        if "[A-Z]{3}" in str(error.get("ctx", {}).get("pattern", "")):
            return f"must be a 3-letter ISO 4217 currency code like EUR (got {show(value)})"
        return f"has the wrong format (got {show(value)})"
    if kind == "missing":
        return "required field is missing"
    if kind in ("string_type",):
        return f"must be a string (got {show(value)})"
    if kind.startswith(("decimal_", "float_", "int_")):
        return f"must be a number (got {show(value)})"
    if kind == "list_type":
        return f'must be an array like ["a", "b"] (got {show(value)})'
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"must be a table (got {show(value)})"
    if kind.startswith("bool_"):
        return f"must be true or false (got {show(value)})"
    return lower(str(error["msg"]))


def show(value: Any) -> str:
    """A value as the user wrote it in TOML, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal | float):
        return f"the number {value}"
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _fields_at(loc: Loc) -> list[str]:
    """Field names the model at `loc` accepts (for did-you-mean hints); [] if not a model."""
    current: Any = Profile
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return []
            current = field.annotation
        elif typing.get_origin(current) in (list, dict):
            current = typing.get_args(current)[-1]
        else:
            return []
        if isinstance(current, types.UnionType) or typing.get_origin(current) is typing.Union:
            current = next(a for a in typing.get_args(current) if a is not type(None))
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [name for name in current.model_fields if name not in INTERNAL]
    return []
