"""What a shop calls itself (from its home page) and when two shop URLs are the same shop."""

from __future__ import annotations

import json
import re
from difflib import SequenceMatcher
from typing import Any

from shopper.profile_check import same_shop_url as same_shop_url  # shared with validation
from shopper.shops.urls import host

MAX_HEAD_CHARS = 300_000  # the name is in the head; a huge page need not be parsed whole
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·•:»-]{1,2}\s+")
MAX_NAME_CHARS = 60
NAME_LIKENESS = 0.5  # below this, no title part resembles the host name


def shop_name(html: str, url: str) -> str | None:
    """What a shop calls itself: og:site_name, application-name, JSON-LD WebSite/Organization, <title>."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html[:MAX_HEAD_CHARS], "html.parser")
    for attr, value in (("property", "og:site_name"), ("name", "application-name"), ("name", "og:site_name")):
        tag = soup.find("meta", attrs={attr: value})
        content = tag.get("content") if tag is not None else None
        if isinstance(content, str) and _clean_name(content):
            return _clean_name(content)
    declared = _jsonld_name(soup)
    if declared:
        return declared
    title = soup.title.get_text(" ", strip=True) if soup.title is not None else ""
    return _title_name(title, url)


def _clean_name(text: str) -> str | None:
    flat = " ".join("".join(ch for ch in text if ch.isprintable()).split())
    if not flat or len(flat) > MAX_NAME_CHARS:
        return None
    return flat


def _jsonld_name(soup: Any) -> str | None:
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.string or "")
        except ValueError:
            continue
        items = data.get("@graph", [data]) if isinstance(data, dict) else data
        for item in items if isinstance(items, list) else []:
            kinds = item.get("@type") if isinstance(item, dict) else None
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if {"WebSite", "Organization", "Store", "OnlineStore"} & {str(k) for k in kinds}:
                name = item.get("name")
                if isinstance(name, str) and _clean_name(name):
                    return _clean_name(name)
    return None


def _title_name(title: str, url: str) -> str | None:
    """The part of a home page title that names the shop ("Tagline | Name": the part like the host)."""
    parts = [p for p in (_clean_name(part) for part in _TITLE_SEPARATORS.split(title)) if p]
    if not parts:
        return None
    letters = re.sub(r"[^a-z0-9]", "", host(url).removeprefix("www.").split(":")[0].lower())

    def likeness(part: str) -> float:
        squashed = re.sub(r"[^a-z0-9]", "", part.lower())
        return SequenceMatcher(None, squashed, letters).ratio() if squashed and letters else 0.0

    best = max(parts, key=likeness)
    # A host like 127.0.0.1 resembles no part: then the first part, which titles lead with.
    return best if likeness(best) >= NAME_LIKENESS else parts[0]
