"""`shopper doctor` on the demo shops, with no LLM and with a scripted server that lacks features."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from shopper.cli.app import app
from tests.fake_llm import Answer, FakeLLM

runner = CliRunner()


def test_doctor_without_an_llm_checks_profile_and_shops() -> None:
    result = runner.invoke(app, ["doctor"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "built-in default" in result.output and "no delivery address" in result.output
    from shopper.demo import DEMO_SHOPS

    assert result.output.count("search answers") == len(DEMO_SHOPS)  # every demo shop
    assert "none configured" in result.output and "no watch sends notifications" in result.output


def test_doctor_reports_what_the_llm_supports(monkeypatch: pytest.MonkeyPatch) -> None:
    def reply(body: dict[str, object]) -> Answer:
        return Answer(content=json.dumps({"ok": True, "reply": "hi"}))

    with FakeLLM(reply, refuse_json_schema=True, refuse_tools=True) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        result = runner.invoke(app, ["doctor"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "fake-model" in result.output
    assert "works as json_object" in result.output
    assert "plain-JSON actions" in result.output


def test_doctor_fails_on_an_unreachable_llm(monkeypatch: pytest.MonkeyPatch) -> None:
    server = FakeLLM(lambda body: Answer(content="{}")).start()
    url = server.base_url
    server.stop()
    monkeypatch.setenv("OPENAI_BASE_URL", url)
    result = runner.invoke(app, ["doctor"], env={"COLUMNS": "200"})
    assert result.exit_code == 1 and "cannot list models" in result.output
