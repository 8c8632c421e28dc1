"""`shopper doctor`: check the setup: profile, each shop, the LLM and what it supports, notification URLs."""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import dataclass
from typing import Any, Literal

from shopper.errors import LLMError, ShopperError
from shopper.models import Profile

State = Literal["ok", "warn", "fail", "info"]
PROBE_TERM = "new"  # a short word every shop search accepts; an empty answer still proves search works
SHOP_DEADLINE = 30.0


@dataclass
class Check:
    """One line of the doctor's report."""

    area: str
    name: str
    state: State
    detail: str


def profile_checks(profile: Profile) -> list[Check]:
    """The profile: where it comes from, its warnings, the delivery address."""
    from shopper.profiles import profile_warnings

    source = profile.source_path or ("built-in default (demo shops)" if profile.demo else profile.name)
    checks = [Check("profile", profile.name, "ok", f"loaded from {source}")]
    checks += [Check("profile", profile.name, "warn", w) for w in profile_warnings(profile)]
    if profile.address is None:
        checks.append(Check("profile", "address", "warn", "no delivery address: buying will refuse"))
    return checks


async def shop_checks(profile: Profile, conn: sqlite3.Connection) -> list[Check]:
    """Each shop: reachable (its home page) and searchable (its adapter answers a search)."""
    from shopper.models import Query
    from shopper.pipeline import _default_settings, shops_for
    from shopper.shops.fetch import Fetcher
    from shopper.shops.search import SearchContext, resolve_adapter

    shops, _ = shops_for(profile)
    async with Fetcher(_default_settings()) as fetcher:
        ctx = SearchContext(fetcher=fetcher, conn=conn, query=Query(text=PROBE_TERM))

        async def one(shop: Any) -> Check:
            home = await fetcher.get(shop.url)
            if home is None:
                return Check("shop", shop.name, "fail", f"{shop.url} not reachable")
            try:
                adapter = await resolve_adapter(ctx, shop)
                found = await adapter.search(fetcher, shop, PROBE_TERM, limit=5)
            except ShopperError as exc:
                return Check("shop", shop.name, "fail", f"reachable, but search failed: {exc}")
            return Check(
                "shop",
                shop.name,
                "ok",
                f"reachable; {adapter.platform} search answers ({len(found)} for a probe)",
            )

        async def bounded(shop: Any) -> Check:
            try:
                return await asyncio.wait_for(one(shop), SHOP_DEADLINE)
            except TimeoutError:
                return Check("shop", shop.name, "fail", f"no answer within {SHOP_DEADLINE:g} s")

        return list(await asyncio.gather(*(bounded(s) for s in shops)))


def llm_checks(conn: sqlite3.Connection) -> list[Check]:
    """The LLM: configured, reachable, which structured-output form and whether tool calling works."""
    from shopper.agent.loop import openai_tools
    from shopper.llm.client import STRUCTURED_MODES, LLMClient
    from shopper.llm.config import llm_settings

    settings = llm_settings()
    if settings is None:
        return [
            Check("llm", "LLM", "info", "none configured (OPENAI_API_KEY / OPENAI_BASE_URL): offline mode")
        ]
    client = LLMClient(settings, conn)
    try:
        model = client.model
    except LLMError as exc:
        return [Check("llm", "LLM", "fail", str(exc))]
    checks = [Check("llm", "reachable", "ok", f"{model} at {settings.base_url or 'api.openai.com'}")]
    schema = {"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"]}
    probe = [{"role": "user", "content": 'Answer {"ok": true}'}]
    try:
        client.structured(probe, schema, name="probe", purpose="doctor")
        mode = next(m for m in STRUCTURED_MODES if m not in client.refused)
        checks.append(Check("llm", "structured output", "ok", f"works as {mode}"))
    except (LLMError, StopIteration) as exc:
        checks.append(Check("llm", "structured output", "fail", str(exc) or "refused in every form"))
    try:
        turn = client.turn(
            [{"role": "user", "content": "search for socks"}],
            openai_tools(),
            purpose="doctor",
            tool_choice="search",
        )
        how = "native tool calls" if turn.protocol == "tools" else "plain-JSON actions (no tool calling)"
        checks.append(Check("llm", "tools", "ok" if turn.protocol == "tools" else "warn", how))
    except LLMError as exc:
        checks.append(Check("llm", "tools", "fail", str(exc)))
    return checks


def notify_checks(conn: sqlite3.Connection) -> list[Check]:
    """The watches' notification URLs: each one apprise understands."""
    from shopper.watch.notify import valid_target
    from shopper.watch.repo import WatchRepo

    targets = sorted({t for w in WatchRepo(conn).all() for t in w.notify})
    if not targets:
        return [Check("notify", "URLs", "info", "no watch sends notifications")]
    return [
        Check(
            "notify",
            t.split("://", 1)[0] + "://…",
            "ok" if valid_target(t) else "fail",
            "valid" if valid_target(t) else "not a URL apprise understands",
        )
        for t in targets
    ]
