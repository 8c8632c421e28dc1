"""`shopper profile photos`: what shopper learned from each photo, and bad photos as warnings."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from shopper.cli.app import app

runner = CliRunner()
PHOTOS = Path(__file__).resolve().parents[1] / "profiles" / "photos"


def test_profile_photos_lists_colours_and_pattern(tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text(
        f'example_photos = ["{PHOTOS / "red-sweater.jpg"}", "{PHOTOS / "navy-striped-sweater.jpg"}"]\n'
    )
    result = runner.invoke(app, ["profile", "photos", "--profile", str(profile), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["colours"][0] for r in rows] == ["red", "navy"]
    assert [r["pattern"] for r in rows] == ["plain", "striped"]
    human = runner.invoke(app, ["profile", "photos", "--profile", str(profile)])
    assert "red-sweater.jpg" in human.stdout and "striped" in human.stdout


def test_a_bad_photo_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    bad = tmp_path / "notes.jpg"
    bad.write_text("hello")
    result = runner.invoke(app, ["profile", "photos", str(bad), str(PHOTOS / "black-trousers.jpg")])
    assert result.exit_code == 0
    assert "notes.jpg: not a readable image" in result.output and "black" in result.stdout
    only_bad = runner.invoke(app, ["profile", "photos", str(bad)])
    assert only_bad.exit_code == 2 and "Traceback" not in only_bad.output
