"""Shared test helpers: where the test fixtures (real pages copied into tests/fixtures/) live."""

from __future__ import annotations

from pathlib import Path

# Tests read only what the repository holds: a user's clone has no ../shared.
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture_path(*parts: str) -> Path:
    """A path inside tests/fixtures/ (real pages written by others; provenance in PROVENANCE.md)."""
    return FIXTURES.joinpath(*parts)


def shared_path(*parts: str) -> Path:
    """Old name of fixture_path: shared_path("fixtures", name) is tests/fixtures/name; nothing else."""
    if not parts or parts[0] != "fixtures":
        raise ValueError(f"tests never read ../shared; copy what a test needs into tests/fixtures: {parts}")
    return fixture_path(*parts[1:])


import os  # noqa: E402
import random  # noqa: E402
import socket  # noqa: E402

import pytest  # noqa: E402


def _free_block(size: int = 8) -> int:
    """A base port with `size` free ports after it, below the ephemeral range."""
    for _ in range(200):
        base = random.randrange(20000, 27000)
        try:
            for port in range(base, base + size):
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", port))
        except OSError:
            continue
        return base
    return 27311


# Demo shops of this test run (and of the CLI subprocesses it starts) on their own ports, so two
# test runs on one machine never answer each other's requests.
os.environ["SHOPPER_DEMO_PORT"] = str(_free_block())

_LEAKY_ENV = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "SHOPPER_LLM_URL",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
)


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own SHOPPER_HOME and no API keys or proxies from the developer's shell."""
    home = tmp_path / "shopper-home"
    monkeypatch.setenv("SHOPPER_HOME", str(home))
    for name in _LEAKY_ENV:
        monkeypatch.delenv(name, raising=False)
    return home
