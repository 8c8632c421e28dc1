"""Response bodies: decompression under a size cap, charset decoding, and Retry-After values."""

from __future__ import annotations

import zlib
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx


class BodyError(Exception):
    """A body that cannot be had: too large, or in an encoding that cannot be undone."""


class _Inflater:
    """Decodes a Content-Encoding with a bound on output per call, so a gzip bomb cannot fill memory."""

    def __init__(self, content_encoding: str) -> None:
        codings = [c.strip().lower() for c in content_encoding.split(",")]
        codings = [c for c in codings if c and c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise BodyError(f"unsupported Content-Encoding {content_encoding!r}")
        self.coding = codings[0] if codings else None
        wbits = zlib.MAX_WBITS | 16 if self.coding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self._zlib = zlib.decompressobj(wbits) if self.coding else None
        self._first = True

    def feed(self, data: bytes, max_length: int) -> bytes:
        """Up to max_length decoded bytes from data; more only matters past the cap, so it is dropped."""
        if self._zlib is None:
            return data
        try:
            out = self._zlib.decompress(data, max_length)
        except zlib.error as exc:
            if not (self._first and self.coding == "deflate"):
                raise BodyError(f"broken {self.coding} body ({exc})") from None
            # "deflate" is sent both zlib-wrapped (as specified) and raw (as some servers do).
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
            self._first = False
            return self.feed(data, max_length)
        self._first = False
        return out


async def read_capped(response: httpx.Response, max_bytes: int, *, truncate: bool = False) -> bytes:
    """The decoded body, counting decompressed bytes; over max_bytes raises (or truncates)."""
    declared = response.headers.get("content-length", "").strip()
    if not truncate and declared.isdigit() and int(declared) > max_bytes:
        raise BodyError(f"response too large (Content-Length {declared} > cap of {max_bytes} bytes)")
    inflater = _Inflater(response.headers.get("content-encoding", ""))
    body = bytearray()
    raw_total = 0
    async for chunk in response.aiter_raw():
        raw_total += len(chunk)
        body += inflater.feed(chunk, max_bytes - len(body) + 1)
        if len(body) > max_bytes or raw_total > max_bytes:
            if truncate:
                return bytes(body[:max_bytes])
            after = " after decompression" if inflater.coding else ""
            raise BodyError(f"response larger than {max_bytes} bytes{after} (size cap); stopped reading")
    return bytes(body)


def decode_text(content: bytes, content_type: str | None) -> tuple[str, str]:
    """(encoding, text): BOM, then the header charset, then <meta>, then UTF-8 if valid, else windows-1252."""
    from w3lib.encoding import html_to_unicode

    return html_to_unicode(content_type, content, default_encoding="cp1252", auto_detect_fun=_utf8_or_none)


def _utf8_or_none(content: bytes) -> str | None:
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "utf-8"


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (seconds or HTTP date); None if absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
