"""`shopper chat` offline, scripted through stdin: demo shops over HTTP, a real SQLite file, real orders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shopper.cli.app import app
from shopper.store.db import connect

runner = CliRunner()

PROFILE = """name = "chatter"
currency = "EUR"
languages = ["en", "nl"]

[address]
name = "Test Person"
street = "Teststraat 1"
postal_code = "1011 AB"
city = "Amsterdam"
country = "NL"
"""


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "chatter.toml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


def orders() -> list[tuple[int, str]]:
    conn = connect()
    try:
        return [(r[0], r[1]) for r in conn.execute("SELECT id, status FROM orders").fetchall()]
    finally:
        conn.close()


def chat(script: str, *args: str) -> str:
    result = runner.invoke(app, ["chat", "--no-llm", *args], input=script, env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    return result.output


def test_acceptance_as_a_subprocess_asks_before_buying(profile: Path) -> None:
    script = "trail running shoes size 44 under 120 euro\ncheaper\nbuy 1\nn\n/quit\n"
    env = {**os.environ, "COLUMNS": "160"}
    done = subprocess.run(
        [sys.executable, "-m", "shopper", "chat", "--profile", str(profile)],
        input=script,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Traceback" not in done.stderr
    first, _, rest = out.partition("you> cheaper")
    assert "at most 120.00 EUR" in first and "│ 1 │" in first
    assert "at most 1" in rest.split("you> buy 1")[0]  # the refinement lowered the price limit
    assert "MOCK ORDER" in rest and "Place this order? [y/N]" in rest
    assert "Not done." in rest
    assert orders() == []


def test_yes_places_exactly_one_order_in_dutch(profile: Path) -> None:
    script = (
        "trailschoenen maat 44 onder 120 euro\ngoedkoper\nkoop 1\nnee\nkoop 1\nj\n"
        "waar is mijn bestelling?\n/quit\n"
    )
    out = chat(script, "--profile", str(profile))
    assert "maat" not in out.split("understood:")[1].split("\n")[0]  # the request was understood, not echoed
    assert "size 44" in out
    assert out.count("Place this order? [y/N]") == 2
    assert "placed MOCK order" in out
    placed = orders()
    assert len(placed) == 1
    assert f"order {placed[0][0]} is" in out  # "where is my order?" answered from the shop


def test_a_stray_yes_buys_nothing(profile: Path) -> None:
    out = chat("trail running shoes size 44\ny\nja\n/quit\n", "--profile", str(profile))
    assert out.count("nothing was done") == 2
    assert orders() == []


def test_a_preference_is_saved_only_after_yes(profile: Path) -> None:
    out = chat("I don't like Salomon\nn\n/quit\n", "--profile", str(profile))
    assert "avoid brand(s) Salomon" in out and "Not done." in out
    assert "brands_avoided" not in profile.read_text()
    out = chat("I don't like Salomon\ny\n/quit\n", "--profile", str(profile))
    assert "saved to" in out
    assert 'brands_avoided = ["Salomon"]' in profile.read_text()


def test_refinements_and_questions_keep_the_context(profile: Path) -> None:
    script = (
        "trail running shoes under 150 euro\nonly size 43\nin black\nshow 1\ndo you have it in 45?\n"
        "compare 1 and 2\n/cart\n/orders\n/help\n/profile\n/nonsense\n/quit\n"
    )
    out = chat(script, "--profile", str(profile))
    turns = out.split("you> ")
    assert "size 43" in turns[2] and "at most 150.00 EUR" in turns[2]
    assert "black" in turns[3] and "size 43" in turns[3]
    assert "size 4" in turns[4] or "http" in turns[4]  # details of offer 1: its variants
    assert " in 45: " in turns[5]
    assert "│ 2 │" in turns[6] and "│ 3 │" not in turns[6]
    assert "the cart is empty" in turns[7] and "no orders yet" in turns[8]
    assert "/quit" in turns[9] and "unknown command" in turns[11]


def test_empty_input_ends_quietly() -> None:
    result = runner.invoke(app, ["chat", "--no-llm"], input="")
    assert result.exit_code == 0 and "Traceback" not in result.output
