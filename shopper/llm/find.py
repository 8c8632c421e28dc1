"""The LLM's part in one `find`: read the request before the search, re-rank vague ones after it."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from shopper.models import FindResult, Profile, Query

if TYPE_CHECKING:  # the client, its cache and the prompts load only when an LLM is configured
    from shopper.llm.client import LLMClient


@dataclass
class LLMFind:
    """What the LLM did for one find: the Query (None leaves it to the pipeline), warnings, the client."""

    query: Query | None = None
    client: LLMClient | None = None
    vague: bool = False
    warnings: list[str] = field(default_factory=list)


def begin(text: str, profile: Profile, conn: sqlite3.Connection | None, *, enabled: bool = True) -> LLMFind:
    """The LLM's Query for the request when one is configured (validated), else nothing to do."""
    from shopper.llm.config import llm_settings

    if not enabled or llm_settings() is None:
        return LLMFind()
    from shopper.llm.query import client_for, understand

    client = client_for(conn, enabled=enabled)
    if client is None:
        return LLMFind()
    understood = understand(text, profile, client)
    return LLMFind(
        query=understood.query, client=client, vague=understood.vague, warnings=understood.warnings
    )


def finish(state: LLMFind, result: FindResult) -> None:
    """Re-rank the top offers of a vague request and add the LLM's warnings to the result."""
    if state.client is not None and state.vague and result.offers:
        from shopper.llm.rerank import rerank

        state.warnings.extend(rerank(result, state.client))
        result.answer = [r.offer.url for r in result.offers[:1]] if result.answer else result.answer
    result.warnings.extend(state.warnings)


def usage_line(state: LLMFind) -> str:
    """Token usage of this find, one line."""
    if state.client is None:
        return "LLM: not used (none configured, or --no-llm)"
    usage = state.client.usage
    prompt = sum(u.prompt_tokens for u in usage)
    completion = sum(u.completion_tokens for u in usage)
    cached = sum(1 for u in usage if u.cached)
    return (
        f"LLM {state.client.label}: {len(usage)} call(s), {cached} from cache, "
        f"{prompt} prompt + {completion} completion tokens"
    )
