"""Small TOML helpers: where each key sits in a document (for error lines) and a writer."""

from __future__ import annotations

import contextlib
import math
import re
import tomllib
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

Loc = tuple[str | int, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR_END = frozenset(",]}#\n\r")


# --- where keys are ---------------------------------------------------------------------


def key_lines(text: str) -> dict[Loc, int]:
    """Map each key path in a valid TOML document to the 1-based line where it is defined.

    Paths look like pydantic error locations: ("budget", "monthly"), ("shops", 1, "url"),
    ("brands_liked", 2). Array-of-tables entries and array elements get integer indexes.
    Best effort: on anything unexpected the map built so far is returned.
    """
    scanner = _Scanner(text)
    with contextlib.suppress(IndexError, ValueError, tomllib.TOMLDecodeError):
        scanner.document()
    return scanner.lines


class _Scanner:
    """A lenient structural scanner; it only runs on text tomllib has already accepted."""

    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0
        self.line = 1
        self.lines: dict[Loc, int] = {}

    def _to(self, j: int) -> None:
        self.line += self.s.count("\n", self.i, j)
        self.i = j

    def _record(self, path: Loc, line: int) -> None:
        self.lines.setdefault(path, line)

    def _skip_ws(self, newlines: bool = False) -> None:
        s = self.s
        while self.i < len(s):
            c = s[self.i]
            if c in " \t" or (newlines and c in "\r\n"):
                self._to(self.i + 1)
            elif newlines and c == "#":
                end = s.find("\n", self.i)
                self._to(len(s) if end < 0 else end)
            else:
                return

    def document(self) -> None:
        """Scan the whole document, recording table headers and keys."""
        current: Loc = ()
        aot_counts: dict[Loc, int] = {}
        while True:
            self._skip_ws(newlines=True)
            if self.i >= len(self.s):
                return
            start = self.i
            if self.s.startswith("[[", self.i):
                self._to(self.i + 2)
                current = self._header(aot_counts, is_array=True)
            elif self.s[self.i] == "[":
                self._to(self.i + 1)
                current = self._header(aot_counts, is_array=False)
            else:
                self._key_value(current)
            if self.i == start:  # never loop forever on something unexpected
                self._to(self.i + 1)

    def _header(self, aot_counts: dict[Loc, int], *, is_array: bool) -> Loc:
        line = self.line
        keys = self._key()
        path: Loc = ()
        for n, key in enumerate(keys):
            path = (*path, key)
            if is_array and n == len(keys) - 1:
                index = aot_counts.get(path, 0)
                aot_counts[path] = index + 1
                self._record(path, line)
                path = (*path, index)
            elif path in aot_counts:
                path = (*path, aot_counts[path] - 1)
        self._record(path, line)
        end = self.s.find("\n", self.i)
        self._to(len(self.s) if end < 0 else end)
        return path

    def _key_value(self, prefix: Loc) -> None:
        line = self.line
        keys = self._key()
        for n in range(1, len(keys) + 1):
            self._record((*prefix, *keys[:n]), line)
        self._skip_ws()
        if self.s[self.i] != "=":
            raise ValueError("expected =")
        self._to(self.i + 1)
        self._skip_ws()
        self._value((*prefix, *keys))

    def _key(self) -> list[str]:
        keys: list[str] = []
        while True:
            self._skip_ws()
            c = self.s[self.i]
            if c in "\"'":
                start = self.i
                self._string()
                keys.append(tomllib.loads("k = " + self.s[start : self.i])["k"])
            else:
                match = _BARE_KEY.match(self.s, self.i)
                if not match:
                    raise ValueError("expected a key")
                keys.append(match.group())
                self._to(match.end())
            self._skip_ws()
            if self.i < len(self.s) and self.s[self.i] == ".":
                self._to(self.i + 1)
                continue
            return keys

    def _string(self) -> None:
        s, i = self.s, self.i
        for quote in ('"""', "'''"):
            if s.startswith(quote, i):
                j = i + 3
                while True:
                    if quote == '"""' and s[j] == "\\":
                        j += 2
                    elif s.startswith(quote, j):
                        j += 3
                        extra = 0
                        while extra < 2 and j < len(s) and s[j] == quote[0]:
                            j, extra = j + 1, extra + 1
                        self._to(j)
                        return
                    else:
                        j += 1
        quote = s[i]
        j = i + 1
        while s[j] != quote:
            j += 2 if (quote == '"' and s[j] == "\\") else 1
        self._to(j + 1)

    def _value(self, path: Loc) -> None:
        c = self.s[self.i]
        if c in "\"'":
            self._string()
        elif c == "[":
            self._to(self.i + 1)
            index = 0
            while True:
                self._skip_ws(newlines=True)
                if self.s[self.i] == "]":
                    self._to(self.i + 1)
                    return
                self._record((*path, index), self.line)
                self._value((*path, index))
                index += 1
                self._skip_ws(newlines=True)
                if self.s[self.i] == ",":
                    self._to(self.i + 1)
        elif c == "{":
            self._to(self.i + 1)
            while True:
                self._skip_ws(newlines=True)
                if self.s[self.i] == "}":
                    self._to(self.i + 1)
                    return
                self._key_value(path)
                self._skip_ws(newlines=True)
                if self.s[self.i] == ",":
                    self._to(self.i + 1)
        else:
            j = self.i
            while j < len(self.s) and self.s[j] not in _SCALAR_END:
                j += 1
            self._to(j)


# --- writing ----------------------------------------------------------------------------

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f"}


def toml_string(value: str) -> str:
    """A TOML basic string literal for any text."""
    out = ['"']
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def toml_key(key: str) -> str:
    """A key, bare when TOML allows it, quoted otherwise."""
    return key if _BARE_KEY.fullmatch(key) else toml_string(key)


def toml_value(value: Any) -> str:
    """A TOML literal for a scalar, an array or an inline table."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot write non-finite number {value}")
        return format(value, "f")  # plain digits: TOML has no Decimal exponent quirks to worry about
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Mapping):
        inner = ", ".join(f"{toml_key(str(k))} = {toml_value(v)}" for k, v in value.items() if v is not None)
        return "{ " + inner + " }" if inner else "{}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


# --- editing documents, comments and layout kept (tomlkit) -----------------------------------


def new_item(value: Any) -> Any:
    """A tomlkit item for a Python value; Decimals keep their exact digits (1499.90 stays 1499.90)."""
    import tomlkit

    if isinstance(value, Mapping):
        table = tomlkit.table()
        for key, sub in value.items():
            if sub is not None:
                table.append(key, new_item(sub))
        return table
    if _is_table_array(value):
        aot = tomlkit.aot()
        for entry in value:
            aot.append(new_item(entry))
        return aot
    return tomlkit.parse(f"v = {toml_value(value)}\n")["v"]


def update_document(
    text: str, data: Mapping[str, Any], keep: Callable[[str, Any], bool] | None = None
) -> str:
    """`text` (a TOML document) changed to hold `data`: untouched keys keep their comments and layout.

    Top-level keys missing from `data` are removed unless `keep(key)` says they may stay (a value the
    model leaves out because it equals the default, written by the user on purpose): keep(key, value).
    """
    import tomlkit

    doc = tomlkit.parse(text)
    old = tomllib.loads(text, parse_float=Decimal)
    _sync(doc, old, data, keep or _never)
    out = str(doc.as_string())
    return out if out.endswith("\n") else out + "\n"


def _never(_key: str, _value: Any) -> bool:
    return False


def _sync(
    container: Any, old: Mapping[str, Any], new: Mapping[str, Any], keep: Callable[[str, Any], bool]
) -> None:
    for key in [k for k in old if k not in new and not keep(k, old[k])]:
        del container[key]
    previous: str | None = None
    for key, value in new.items():
        if value is None:
            continue
        if key in old and _same(old[key], value):
            previous = key
            continue
        if key in old and isinstance(value, Mapping) and isinstance(old[key], Mapping):
            _sync(container[key], old[key], value, _never)
        elif key in old and _is_table_array(value) and _is_table_array(old[key]):
            _sync_tables(container[key], old[key], value)
        elif key in old:
            container[key] = new_item(value)
        else:
            _insert(container, previous, key, new_item(value))
        previous = key


def _same(old: Any, new: Any) -> bool:
    """Equal, or one number written differently (44 and "44", 11.70 and 11.7): leave the file be."""
    if old == new:
        return True
    number = isinstance(old, int | Decimal) and not isinstance(old, bool)
    return (
        number and isinstance(new, int | Decimal | str) and not isinstance(new, bool) and str(old) == str(new)
    )


def _sync_tables(aot: Any, old: list[Any], new: list[Any]) -> None:
    """An array of tables edited in place: entries removed or appended keep the others' comments."""
    if len(old) == len(new):
        for index, (before, after) in enumerate(zip(old, new, strict=True)):
            if before != after:
                _sync(aot[index], before, after, _never)
        return
    kept = list(old)
    for index in range(len(old) - 1, -1, -1):  # drop entries that are gone, last first
        if old[index] not in new or kept.count(old[index]) > new.count(old[index]):
            del aot[index]
            del kept[index]
    for index, entry in enumerate(new):
        if index < len(kept) and kept[index] == entry:
            continue
        if index < len(kept):
            _sync(aot[index], kept[index], entry, _never)
            kept[index] = entry
        else:
            aot.append(new_item(entry))
            kept.append(entry)


def _insert(container: Any, previous: str | None, key: str, item: Any) -> None:
    """Add a key after its predecessor in `data` order, so it does not land after trailing comments."""
    import tomlkit.items

    body = getattr(container, "value", container)  # a Table's or InlineTable's Container
    plain = not isinstance(item, tomlkit.items.Table | tomlkit.items.AoT)
    if plain and previous is not None and hasattr(body, "_insert_after"):
        try:
            body._insert_after(previous, key, item)
            return
        except (KeyError, ValueError, tomlkit.exceptions.TOMLKitError):
            pass
    container.append(key, item)
