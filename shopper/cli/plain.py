"""stderr without rich when it is no terminal (a script, an agent, a pipe): the text rich would write
there, without loading rich, whose import and live status are a large part of a warm `find --json`.
On a terminal, or when the environment asks for colour, the caller uses rich as before."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# C0/C1 controls (ESC starts terminal escape sequences), bidi overrides and zero-width marks:
# scraped text could use them to rewrite the screen or disguise itself.
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"\s+")
# rich.markup's tag syntax: [style], [/], [link=...], [@handler]; a tag after an odd number of
# backslashes is text.
_TAGS = re.compile(r"((\\*)\[([a-z#/@][^[]*?)])")
_TAG_TEXT = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")


def escape(markup: str) -> str:
    """rich.markup.escape without importing rich: text that no rich console reads as markup."""
    markup = _TAG_TEXT.sub(lambda m: f"{m.group(1)}{m.group(1)}\\{m.group(2)}", markup)
    if markup.endswith("\\") and not markup.endswith("\\\\"):
        return markup + "\\"
    return markup


def clean(text: object) -> str:
    """Untrusted text made safe for the terminal: control characters removed, rich markup escaped."""
    return escape(UNSAFE.sub("", str(text)))


def one_line(text: object, limit: int = 300) -> str:
    """Collapse whitespace and drop control characters; cut long text with an ellipsis."""
    flat = _SPACE.sub(" ", UNSAFE.sub("", str(text))).strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


_EMOJI_CODE = re.compile(r":\S+?:")


def plain_text(markup: str) -> str:
    """What rich prints for `markup` on a console without colour: the text, tags dropped."""
    out: list[str] = []
    position = 0
    for match in _TAGS.finditer(markup):
        full, escapes, _ = match.groups()
        start, end = match.span()
        if start > position:
            out.append(_text(markup[position:start]))
        if escapes:
            backslashes, escaped = divmod(len(escapes), 2)
            out.append("\\" * backslashes)
            if escaped:
                out.append(_text(full[len(escapes) :]))
        position = end
    if position < len(markup):
        out.append(_text(markup[position:]))
    return "".join(out)


def _text(piece: str) -> str:
    piece = piece.replace("\\[", "[")
    if _EMOJI_CODE.search(piece):  # rich replaces :emoji_names: (its table is loaded only then)
        from rich._emoji_replace import _emoji_replace

        piece = _emoji_replace(piece)
    return piece


class _NoStatus:
    def update(self, *args: Any, **kwargs: Any) -> None:
        """A status line is not shown without a terminal (rich's is transient there too)."""


class PlainConsole:
    """The subset of rich.Console that progress and warnings use, writing plain lines to stderr."""

    def print(self, markup: str = "", **kwargs: Any) -> None:
        """One line, markup removed (soft-wrapped: never broken)."""
        text = plain_text(markup)
        if "\t" in text:  # rich expands tabs by the cell width of what precedes them: let it
            from rich.console import Console

            Console(stderr=True, highlight=False, soft_wrap=True).print(markup)
            return
        sys.stderr.write(text + "\n")
        sys.stderr.flush()

    @contextmanager
    def status(self, *args: Any, **kwargs: Any) -> Iterator[_NoStatus]:
        """No spinner without a terminal."""
        yield _NoStatus()


def plain_stderr() -> PlainConsole | None:
    """A plain console when stderr is no terminal and nothing asks rich for one; else None (use rich)."""
    env = os.environ
    if env.get("FORCE_COLOR") or env.get("TTY_COMPATIBLE") == "1" or env.get("TTY_INTERACTIVE") == "1":
        return None
    if "ipykernel" in sys.modules:  # rich treats Jupyter as a terminal of its own
        return None
    try:
        return None if sys.stderr.isatty() else PlainConsole()
    except (AttributeError, ValueError):  # no stderr, or a closed one
        return None
