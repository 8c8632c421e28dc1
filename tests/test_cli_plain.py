"""Plain stderr (no terminal) writes exactly what rich writes there, without importing rich."""

from __future__ import annotations

import io
import random

import pytest
from rich.console import Console
from rich.markup import escape as rich_escape

from shopper.cli import plain

POOL = [
    "[",
    "]",
    "\\",
    "red",
    "/",
    "[/]",
    "[dim]",
    "x",
    " ",
    ":",
    "smile",
    ":smile:",
    "é",
    "[@click]",
    "=",
    "#",
]


def _texts() -> list[str]:
    rnd = random.Random(1)
    texts = [
        "  [green]✓[/] Shop: 3 offer(s) [dim](mirror, 0.0 s)[/]",
        "[yellow]warning:[/] a\\[b] c",
        "emoji :smile: and :not_a_code: ::",
        "[link=http://a:b]x[/link]",
        "tab\there [red]x[/]",
        "line\nbreak",
        "  lead and trail  ",
        "\\\\[red]x[/red]",
    ]
    texts += ["".join(rnd.choice(POOL) for _ in range(rnd.randrange(0, 14))) for _ in range(1500)]
    return texts


def _rich(markup: str) -> str:
    buf = io.StringIO()
    Console(file=buf, highlight=False, soft_wrap=True, force_terminal=False, width=40).print(markup)
    return buf.getvalue()


def test_escape_is_riches() -> None:
    for text in _texts():
        assert plain.escape(text) == rich_escape(text), repr(text)


def test_plain_console_prints_what_rich_prints_without_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    console = plain.PlainConsole()
    checked = 0
    for text in _texts():
        markup = plain.escape(text)
        for line in (markup, f"[yellow]warning:[/] {markup}", f"  [green]✓[/] {markup}: [dim](x)[/]"):
            console.print(line)
            assert capsys.readouterr().err == _rich(line), repr(line)
            checked += 1
    assert checked > 4000


def test_a_terminal_or_forced_colour_gets_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert isinstance(plain.plain_stderr(), plain.PlainConsole)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert plain.plain_stderr() is None
    monkeypatch.delenv("FORCE_COLOR")

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stderr", Tty())
    assert plain.plain_stderr() is None


def test_a_status_line_shows_nothing_without_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    with plain.PlainConsole().status("working…", spinner="dots") as status:
        status.update("still working…")
    assert capsys.readouterr().err == ""
