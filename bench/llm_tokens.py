"""Average prompt tokens per `find` spent on the LLM, on the real local server (budget: 2,000).

Starts llama-cpp-python's server with the gemma3-270m base model on a free loopback port (as the
real-server test does), reads each request of a small set of my own wordings through the LLM exactly
as `find` does (the Query, plus the re-rank for a request the model calls vague, over synthetic
candidates), and prints the prompt tokens the server counted. Run: python bench/llm_tokens.py [-n N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

BUDGET = 2000
REQUESTS = [
    "trail running shoes size 44 under 120 euro",
    "waterproof hiking jacket, men, size L, not too heavy",
    "a quiet mechanical keyboard for the office under 90",
    "een goedkope regenjas voor fietsen, maat M",
    "günstige Kopfhörer mit Geräuschunterdrückung bis 150 Euro",
    "varm ullgenser til vinteren, str. M",
    "chaussures de randonnée imperméables pointure 42",
    "something for a first pc build that keeps it cool",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=len(REQUESTS), help="how many requests")
    args = parser.parse_args()
    os.environ["SHOPPER_HOME"] = tempfile.mkdtemp(prefix="llm-tokens-")

    from shopper.llm.client import LLMClient
    from shopper.llm.config import LLMSettings
    from shopper.llm.query import understand
    from shopper.llm.rerank import rerank
    from shopper.models import FindResult, Money, Offer, Profile, Query, RankedOffer
    from shopper.store.db import connect
    from tests.local_llm import llama_server

    candidates = [
        RankedOffer(
            offer=Offer(
                url=f"http://shop.invalid/p/{i}",
                title=f"Candidate product {i} with a typical shop title, colour and size range",
                shop="Shop",
                price=Money(amount=Decimal(40 + 10 * i), currency="EUR"),
                description="A typical product description of a few sentences, as shops write them. " * 3,
            ),
            score=1.0,
        )
        for i in range(8)
    ]
    with tempfile.TemporaryDirectory() as folder, llama_server(Path(folder)) as base:
        conn = connect()
        per_find: list[int] = []
        started = time.perf_counter()
        for request in REQUESTS[: args.n]:
            client = LLMClient(LLMSettings(base_url=base, timeout=900), conn)
            understood = understand(request, Profile(), client)
            if understood.vague:
                result = FindResult(request=request, query=Query(text=request), offers=list(candidates))
                rerank(result, client)
            tokens = sum(u.prompt_tokens for u in client.usage)
            per_find.append(tokens)
            how = "llm" if understood.by_llm else "offline fallback"
            print(f"{tokens:5d} prompt tokens  {len(client.usage)} call(s)  {how:16s}  {request}")
            for warning in understood.warnings:
                print(f"      {warning}")
        seconds = time.perf_counter() - started
    average = sum(per_find) / len(per_find)
    print(f"average prompt tokens per find: {average:.0f} (budget {BUDGET}); max {max(per_find)}")
    print(f"{len(per_find)} finds in {seconds:.1f} s on the local server")
    sys.exit(0 if average <= BUDGET else 1)


if __name__ == "__main__":
    main()
