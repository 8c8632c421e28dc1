"""Load, validate and save user profiles (TOML files) with errors that name file, line and field."""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from shopper import config
from shopper.errors import ProfileError
from shopper.models import Money, Profile
from shopper.money import convert, rate_table
from shopper.profile_check import INTERNAL, describe, format_problems, syntax_message, value_problems
from shopper.tomltext import Loc, dumps, key_lines, toml_string

EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "profiles"  # present when running from a checkout
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


class ProfileValidationError(ProfileError):
    """A profile failed validation; `problems` holds every "file:line: field: problem" line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))  # every problem, one per line


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
        raise ProfileError(syntax_message(str(exc), text, shown)) from None
    lines = key_lines(text)
    problems: list[tuple[Loc, str]] = [((key,), "unknown field") for key in data if key in INTERNAL]
    data = {k: v for k, v in data.items() if k not in INTERNAL}
    if path is not None:
        data.setdefault("name", path.stem)
    if isinstance(data.get("sizes"), dict):  # shoes_eu = 44 is natural to write; sizes are text
        data["sizes"] = {
            k: str(v) if isinstance(v, int | Decimal) and not isinstance(v, bool) else v
            for k, v in data["sizes"].items()
        }
    sizes: dict[str, str] = {}
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        problems += [(tuple(e["loc"]), describe(e)) for e in exc.errors()]
        problems += _values_of_valid_parts(data)
    else:
        found, sizes = value_problems(profile)
        problems += found
    if problems:
        raise ProfileValidationError(format_problems(problems, lines, shown))
    base = path.parent if path is not None else Path.cwd()
    photos = [os.path.abspath(base / Path(p).expanduser()) for p in profile.photos]
    return profile.model_copy(
        update={
            "source_path": str(path) if path is not None else None,
            "demo": not profile.shops,
            "photos": photos,
            "sizes": sizes,
        }
    )


def _values_of_valid_parts(data: dict[str, Any]) -> list[tuple[Loc, str]]:
    """Value problems of the parts that passed type checks, so one run lists every problem."""

    def fits(part: dict[str, Any]) -> bool:
        try:
            Profile.model_validate(part)
        except ValidationError:
            return False
        return True

    valid: dict[str, Any] = {}
    shops: list[tuple[int, dict[str, Any]]] = []
    for key, value in data.items():
        if fits({key: value}):
            valid[key] = value
        elif key == "shops" and isinstance(value, list):
            shops = [(i, item) for i, item in enumerate(value) if fits({key: [item]})]
        elif isinstance(value, dict):  # a table with a bad field: check the good fields' values
            valid[key] = {sub: v for sub, v in value.items() if fits({key: {sub: v}})}
    found, _ = value_problems(Profile.model_validate(valid))
    out = [(loc, message) for loc, message in found if loc[0] in valid]
    for index, shop in shops:
        found, _ = value_problems(Profile.model_validate({"shops": [shop]}))
        out += [(("shops", index, *loc[2:]), message) for loc, message in found if loc[0] == "shops"]
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
    table = rate_table(profile)
    for i, photo in enumerate(profile.photos):
        if not Path(photo).expanduser().is_file():
            notes.append((("photos", i), f"photo not found: {photo}"))
    avoided = {b.casefold() for b in profile.brands_avoided}
    for i, brand in enumerate(profile.brands_liked):
        if brand.casefold() in avoided:
            notes.append((("brands_liked", i), f"{brand} is also in brands_avoided (avoiding wins)"))
    shops_avoided = {s.casefold() for s in profile.shops_avoided}
    for i, shop in enumerate(profile.shops):
        if shop.name.casefold() in shops_avoided:
            notes.append((("shops", i, "name"), f"{shop.name} is also in shops_avoided"))
        cur = shop.currency
        if cur and convert(Money(amount=Decimal(1), currency=cur), profile.currency, table) is None:
            notes.append(
                (
                    ("shops", i, "currency"),
                    f"no exchange rate from {cur} to {profile.currency} (add one under [rates]); "
                    "its prices cannot be compared",
                )
            )
    return format_problems(notes, lines, shown)


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
    if "photos" in data:
        data["photos"] = [_relative_to(p, target.parent) for p in data["photos"]]
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
photos = []                 # photos of things you like, relative to this file

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

[rates]                     # the ECB's reference rates are built in (`shopper rates show`);
# USD = 0.86                # a rate here overrides them: 1 unit of that currency in yours

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
