"""Which LLM to use: OPENAI_API_KEY and/or OPENAI_BASE_URL, the model from SHOPPER_MODEL."""

from __future__ import annotations

import ipaddress
import os
from urllib.parse import urlsplit

from pydantic import BaseModel

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
DEFAULT_TIMEOUT = 60.0  # seconds; a small local model on two cores can take this long for one answer


class LLMSettings(BaseModel):
    """Where the model lives and what it is called; `model` None means: ask the server."""

    base_url: str | None = None
    api_key: str | None = None
    model: str | None = None
    timeout: float = DEFAULT_TIMEOUT

    @property
    def local(self) -> bool:
        """True for a server on this machine or the private network (no retries, no key needed)."""
        if not self.base_url:
            return False
        host = urlsplit(self.base_url).hostname or ""
        if host == "localhost" or host.endswith(".local"):
            return True
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return address.is_loopback or address.is_private

    @property
    def label(self) -> str:
        """Where answers come from, for messages (never shows the key)."""
        return f"{self.model or '?'} at {self.base_url or 'api.openai.com'}"


def llm_settings() -> LLMSettings | None:
    """The configured LLM, or None when neither OPENAI_API_KEY nor OPENAI_BASE_URL is set."""
    base_url = os.environ.get("OPENAI_BASE_URL", "").strip() or None
    api_key = os.environ.get("OPENAI_API_KEY", "").strip() or None
    if base_url is None and api_key is None:
        return None
    model = os.environ.get("SHOPPER_MODEL", "").strip() or None
    if model is None and base_url is None:
        model = DEFAULT_OPENAI_MODEL
    raw_timeout = os.environ.get("SHOPPER_LLM_TIMEOUT", "").strip()
    try:
        timeout = float(raw_timeout) if raw_timeout else DEFAULT_TIMEOUT
    except ValueError:
        timeout = DEFAULT_TIMEOUT
    return LLMSettings(base_url=base_url, api_key=api_key, model=model, timeout=max(1.0, timeout))
