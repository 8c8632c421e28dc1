"""`shopper profile show|validate|init` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from shopper.cli.app import app

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[1] / "profiles"


def test_show_default_profile_says_demo() -> None:
    result = runner.invoke(app, ["profile", "show"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "demo shops" in result.stdout


def test_show_json_of_an_example() -> None:
    result = runner.invoke(app, ["profile", "show", "--profile", str(EXAMPLES / "norway.toml"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["currency"] == "NOK" and data["sizes"]["shoes_eu"] == "43"


def test_validate_every_example_and_a_broken_one(tmp_path: Path) -> None:
    for path in sorted(EXAMPLES.glob("*.toml")):
        result = runner.invoke(app, ["profile", "validate", str(path)])
        assert result.exit_code == 0, result.output
        assert "ok" in result.stdout
    broken = tmp_path / "broken.toml"
    broken.write_text('name = "x"\n[[shops]]\nname = "a"\nurl = "https://a.example"\nplatform = "shopfy"\n')
    result = runner.invoke(app, ["profile", "validate", str(broken)])
    assert result.exit_code == 2
    assert f"{broken}:5: shops[0].platform" in result.stderr
    assert "Traceback" not in result.output


def test_init_creates_once_in_the_data_dir(isolated_env: Path) -> None:
    first = runner.invoke(app, ["profile", "init", "mine"])
    assert first.exit_code == 0, first.output
    created = isolated_env / "profiles" / "mine.toml"
    assert created.exists()
    assert runner.invoke(app, ["profile", "validate", "mine"]).exit_code == 0
    again = runner.invoke(app, ["profile", "init", "mine"])
    assert again.exit_code == 2 and "exists" in again.stderr
