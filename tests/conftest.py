"""Shared test helpers: where the shared fixtures and benchmark material live."""

from __future__ import annotations

from pathlib import Path

# /work/main/tests/conftest.py -> /work/shared
SHARED = Path(__file__).resolve().parents[2] / "shared"


def shared_path(*parts: str) -> Path:
    """A path inside the shared material (fixtures/, bench/), relative to the repo's parent."""
    return SHARED.joinpath(*parts)


import pytest  # noqa: E402

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
