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
        f'photos = ["{PHOTOS / "red-sweater.jpg"}", "{PHOTOS / "navy-striped-sweater.jpg"}"]\n'
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


def test_photos_key_is_relative_to_the_profile_and_the_old_key_still_works(tmp_path: Path) -> None:
    from shopper.profiles import load_profile

    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "red.jpg").write_bytes((PHOTOS / "red-sweater.jpg").read_bytes())
    new = tmp_path / "new.toml"
    new.write_text('photos = ["pics/red.jpg"]\n')
    assert load_profile(str(new)).photos == [str(tmp_path / "pics" / "red.jpg")]
    old = tmp_path / "old.toml"
    old.write_text('example_photos = ["pics/red.jpg"]\n')
    assert load_profile(str(old)).photos == [str(tmp_path / "pics" / "red.jpg")]
