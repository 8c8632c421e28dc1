"""Load, validate and save user profiles (TOML files) with errors that name file, line and field."""

from __future__ import annotations

import difflib
import math
import os
import re
import tomllib
import types
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from shopper import config
from shopper.errors import ProfileError
from shopper.models import Profile
from shopper.tomltext import Loc, dumps, key_lines, toml_string

EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "profiles"  # present when running from a checkout
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
_INTERNAL = frozenset({"source_path", "demo"})  # model fields that are not part of the file format
_CURRENCY = re.compile(r"[A-Z]{3}")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")
_SYNTAX_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


class ProfileValidationError(ProfileError):
    """A profile failed validation; `problems` holds every "file:line: field: problem" line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        more = len(problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(problems[0] + suffix)


def default_profile() -> Profile:
    """The built-in profile used when the user has none: EUR, no shops (so the demo shops are used)."""
    return Profile(name="default", currency="EUR", demo=True, shops=[])


def load_profile(name_or_path: str | None) -> Profile:
    """Load a profile by name (data dir, then bundled examples) or by path; None means the default."""
    if name_or_path is None:
        path = config.profiles_dir() / "default.toml"
        return validate_file(path) if path.is_file() else default_profile()
    text = name_or_path.strip()
    if not text:
        raise ProfileError("empty profile name")
    has_sep = "/" in text or os.sep in text or text.startswith("~")
    if has_sep or text.endswith(".toml"):
        path = Path(text).expanduser()
        if path.is_file():
            return validate_file(path)
        if has_sep:
            raise ProfileError(f"{text}: no such profile file")
        text = text.removesuffix(".toml")  # "runner.toml" that is not in the cwd: try it as a name
    if not _NAME.fullmatch(text):
        raise ProfileError(f"invalid profile name {text!r}: use letters, digits, '-', '_' or '.'")
    places = _search_dirs()
    for folder in places:
        if (folder / f"{text}.toml").is_file():
            return validate_file(folder / f"{text}.toml")
    if text == "default":
        return default_profile()
    known = sorted(name for name, _ in list_profiles())
    close = difflib.get_close_matches(text, known, n=1)
    hint = f"; did you mean {close[0]}?" if close else (f"; available: {', '.join(known)}" if known else "")
    searched = " and ".join(str(p) for p in places)
    raise ProfileError(f"profile {text!r} not found (searched {searched}){hint}")


def _search_dirs() -> list[Path]:
    dirs = [config.profiles_dir()]
    if EXAMPLES_DIR.is_dir():
        dirs.append(EXAMPLES_DIR)
    return dirs


def list_profiles() -> list[tuple[str, Path]]:
    """Every profile by name: the user's own first; a bundled example of the same name is hidden."""
    found: dict[str, Path] = {}
    for folder in _search_dirs():
        for path in sorted(folder.glob("*.toml")):
            found.setdefault(path.stem, path)
    return list(found.items())


def user_path_for(profile: Profile) -> Path:
    """Where changes to this profile should be saved: its own file, but never a bundled example."""
    if profile.source_path:
        source = Path(profile.source_path)
        if source.resolve().parent != EXAMPLES_DIR:
            return source
    return config.profiles_dir() / f"{profile.name}.toml"


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def validate_file(path: str | os.PathLike[str]) -> Profile:
    """Read and validate one profile file; ProfileError names file, line and field."""
    path = Path(path).expanduser()
    shown = _display(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProfileError(f"{shown}: no such profile file") from None
    except OSError as exc:
        raise ProfileError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ProfileError(f"{shown}:{line}: not UTF-8 text") from None
    return parse_profile(text, path=path, shown=shown)


def parse_profile(text: str, *, path: Path | None = None, shown: str = "<profile>") -> Profile:
    """Validate profile TOML text; `path` anchors relative photo paths and the default name."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)  # exact money: 119.99 stays 119.99
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(_syntax_message(str(exc), text, shown)) from None
    lines = key_lines(text)
    problems: list[tuple[Loc, str]] = [((key,), "unknown field") for key in data if key in _INTERNAL]
    data = {k: v for k, v in data.items() if k not in _INTERNAL}
    if path is not None:
        data.setdefault("name", path.stem)
    if isinstance(data.get("sizes"), dict):  # shoes_eu = 44 is natural to write; sizes are text
        data["sizes"] = {
            k: str(v) if isinstance(v, int | Decimal) and not isinstance(v, bool) else v
            for k, v in data["sizes"].items()
        }
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        problems += [(tuple(e["loc"]), _describe(e)) for e in exc.errors()]
    else:
        problems += _semantic_problems(profile)
    if problems:
        raise ProfileValidationError(_format_problems(problems, lines, shown))
    base = path.parent if path is not None else Path.cwd()
    photos = [os.path.abspath(base / Path(p).expanduser()) for p in profile.example_photos]
    return profile.model_copy(
        update={
            "source_path": str(path) if path is not None else None,
            "demo": not profile.shops,
            "example_photos": photos,
        }
    )


def _syntax_message(message: str, text: str, shown: str) -> str:
    match = _SYNTAX_POS.search(message)
    if match:
        what = message[: match.start()]
        return f"{shown}:{match.group(1)}: TOML syntax error at column {match.group(2)}: {_lower(what)}"
    what = message.replace("(at end of document)", "").strip()
    return f"{shown}:{text.count(chr(10)) + 1}: TOML syntax error at end of file: {_lower(what)}"


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _format_problems(problems: list[tuple[Loc, str]], lines: dict[Loc, int], shown: str) -> list[str]:
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


def _describe(error: Any) -> str:
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
        return f"must be one of {', '.join(choices)} (got {_show(value)}{hint})"
    if kind == "string_pattern_mismatch":
        if "[A-Z]{3}" in str(error.get("ctx", {}).get("pattern", "")):
            return f"must be a 3-letter ISO 4217 currency code like EUR (got {_show(value)})"
        return f"has the wrong format (got {_show(value)})"
    if kind == "missing":
        return "required field is missing"
    if kind in ("string_type",):
        return f"must be a string (got {_show(value)})"
    if kind.startswith(("decimal_", "float_", "int_")):
        return f"must be a number (got {_show(value)})"
    if kind == "list_type":
        return f'must be an array like ["a", "b"] (got {_show(value)})'
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"must be a table (got {_show(value)})"
    if kind.startswith("bool_"):
        return f"must be true or false (got {_show(value)})"
    return _lower(str(error["msg"]))


def _show(value: Any) -> str:
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
        return [name for name in current.model_fields if name not in _INTERNAL]
    return []


def _semantic_problems(profile: Profile) -> list[tuple[Loc, str]]:
    """Checks the models do not make: codes, signs, URLs, templates, duplicates."""
    out: list[tuple[Loc, str]] = []
    if not profile.name.strip():
        out.append((("name",), "must not be empty"))
    for i, lang in enumerate(profile.languages):
        if not _LANGUAGE.fullmatch(lang):
            out.append((("languages", i), f"must be a language code like en or nl-BE (got {_show(lang)})"))
    for field in ("max_per_item", "monthly"):
        amount = getattr(profile.budget, field)
        if amount is not None and (not amount.is_finite() or amount < 0):
            out.append((("budget", field), f"must be a number >= 0 (got {amount})"))
    for field in ("price", "relevance", "delivery"):
        weight = getattr(profile.priorities, field)
        if not math.isfinite(weight) or weight < 0:
            out.append((("priorities", field), f"must be a number >= 0 (got {weight})"))
    for code, rate in profile.rates.items():
        if not _CURRENCY.fullmatch(code):
            out.append((("rates", code), "keys must be 3-letter ISO 4217 currency codes like USD"))
        elif not rate.is_finite() or rate <= 0:
            out.append((("rates", code), f"must be a number > 0 (got {rate})"))
    seen: set[str] = set()
    for i, shop in enumerate(profile.shops):
        if not re.match(r"https?://[^/\s]+", shop.url):
            out.append((("shops", i, "url"), f"must start with http:// or https:// (got {_show(shop.url)})"))
        if shop.search_url is not None:
            if "{query}" not in shop.search_url:
                out.append((("shops", i, "search_url"), "must contain {query} where the search words go"))
            elif not re.match(r"(https?://[^/\s]+|/)", shop.search_url):
                out.append((("shops", i, "search_url"), "must be an http(s) URL or a path starting with /"))
        for field in ("shipping", "free_shipping_over"):
            amount = getattr(shop, field)
            if amount is not None and (not amount.is_finite() or amount < 0):
                out.append((("shops", i, field), f"must be a number >= 0 (got {amount})"))
        if shop.name.casefold() in seen:
            out.append((("shops", i, "name"), f"duplicate shop name {_show(shop.name)}"))
        seen.add(shop.name.casefold())
    return out


def profile_warnings(profile: Profile) -> list[str]:
    """Things worth telling the user that do not stop the profile from working."""
    lines: dict[Loc, int] = {}
    shown = "<profile>"
    if profile.source_path:
        source = Path(profile.source_path)
        shown = _display(source)
        try:
            lines = key_lines(source.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError):
            lines = {}
    notes: list[tuple[Loc, str]] = []
    for i, photo in enumerate(profile.example_photos):
        if not Path(photo).expanduser().is_file():
            notes.append((("example_photos", i), f"photo not found: {photo}"))
    avoided = {b.casefold() for b in profile.brands_avoided}
    for i, brand in enumerate(profile.brands_liked):
        if brand.casefold() in avoided:
            notes.append((("brands_liked", i), f"{brand} is also in brands_avoided (avoiding wins)"))
    shops_avoided = {s.casefold() for s in profile.shops_avoided}
    for i, shop in enumerate(profile.shops):
        if shop.name.casefold() in shops_avoided:
            notes.append((("shops", i, "name"), f"{shop.name} is also in shops_avoided"))
        cur = shop.currency
        if cur and cur != profile.currency and cur not in profile.rates:
            notes.append(
                (("shops", i, "currency"), f"no [rates] entry for {cur}; its prices cannot be compared")
            )
    return _format_problems(notes, lines, shown)


def save_profile(profile: Profile, path: str | os.PathLike[str]) -> Path:
    """Write a profile as TOML (atomically); comments in an existing file are not kept."""
    target = Path(path).expanduser()
    target.parent.mkdir(parents=True, exist_ok=True)
    data = profile.model_dump(mode="python", exclude_none=True)
    for field, value in list(data.items()):
        default = Profile.model_fields[field].get_default(call_default_factory=True)
        if isinstance(default, BaseModel):
            default = default.model_dump(mode="python", exclude_none=True)
        if value == default and field not in ("name", "currency"):
            del data[field]
    if "example_photos" in data:
        data["example_photos"] = [_relative_to(p, target.parent) for p in data["example_photos"]]
    text = "# shopper profile (written by shopper; check with `shopper profile validate`)\n\n" + dumps(data)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ProfileError(f"{_display(target)}: cannot write: {exc.strerror or exc}") from None
    return target


def _relative_to(photo: str, folder: Path) -> str:
    try:
        return str(Path(photo).relative_to(os.path.abspath(folder)))
    except ValueError:
        return photo


def init_profile(name: str, path: str | os.PathLike[str] | None = None) -> Path:
    """Create a commented starter profile (in the data dir unless `path`); never overwrites."""
    if not _NAME.fullmatch(name):
        raise ProfileError(f"invalid profile name {name!r}: use letters, digits, '-', '_' or '.'")
    target = Path(path).expanduser() if path is not None else config.profiles_dir() / f"{name}.toml"
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(STARTER.replace("@NAME@", toml_string(name)))
    except FileExistsError:
        raise ProfileError(f"{_display(target)}: already exists; not overwriting it") from None
    except OSError as exc:
        raise ProfileError(f"{_display(target)}: cannot write: {exc.strerror or exc}") from None
    return target


STARTER = """\
# A shopper profile. Uncomment and edit what applies to you; everything is optional.
# Check it with: shopper profile validate <this file>

name = @NAME@
currency = "EUR"            # prices are compared in this currency (ISO 4217 code)
# country = "NL"
languages = ["en"]          # languages your shops and requests use, e.g. ["nl", "en"]

brands_liked = []           # e.g. ["Hoka", "ASICS"]
brands_avoided = []
colours_liked = []
styles_liked = []
shops_avoided = []          # shop names or domains never to suggest
example_photos = []         # photos of things you like, relative to this file

[budget]
# max_per_item = 150        # never suggest anything above this
# monthly = 400

[sizes]
# shoes_eu = "44"
# clothing = "M"
# waist = "32"
# length = "34"

[priorities]                # how much each matters when ranking (0 = not at all)
price = 1.0
relevance = 1.0
delivery = 0.5

[rates]                     # 1 unit of that currency in your currency
# USD = 0.92

# With no [[shops]] the bundled demo shops are used. Add your own like this:
# [[shops]]
# name = "My running shop"
# url = "https://shop.example"
# platform = "auto"         # auto, shopify, woocommerce or html
# search_url = "https://shop.example/search?q={query}"
# shipping = 4.95
# free_shipping_over = 50
# currency = "EUR"
"""
