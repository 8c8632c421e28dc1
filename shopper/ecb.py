"""European Central Bank euro reference rates: the bundled day, the saved update, the daily feed."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

from shopper import config
from shopper.errors import FetchError, ShopperError

DAILY_FEED = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml"
FEED_ENV = "SHOPPER_ECB_URL"  # another feed URL (tests, mirrors)
SAVED_NAME = "ecb-rates.json"
ECB_NS = "http://www.ecb.int/vocabulary/2002-08-01/eurofxref"
MAX_FEED_BYTES = 1_000_000  # the real feed is about 2 KB
# The ECB publishes some 30 currencies; fewer than this means a truncated or foreign document.
MIN_CURRENCIES = 5
MAX_PLAUSIBLE_RATE = Decimal(10) ** 9


class RatesError(ShopperError):
    """A rates document is missing, malformed or implausible."""

    exit_code = 4


@dataclass(frozen=True)
class EcbDay:
    """One day of ECB reference rates: units of each currency per 1 EUR."""

    date: date
    rates: dict[str, Decimal]
    updated: bool = False  # fetched by `shopper rates update`, not bundled

    @property
    def label(self) -> str:
        """How a conversion with these rates names its source."""
        return f"ECB {self.date} (updated)" if self.updated else f"ECB reference {self.date}"


def feed_url() -> str:
    """The daily feed URL ($SHOPPER_ECB_URL overrides the ECB's own)."""
    return os.environ.get(FEED_ENV, "").strip() or DAILY_FEED


def saved_path() -> Path:
    """Where `shopper rates update` keeps the latest fetched day."""
    return config.data_dir() / SAVED_NAME


def parse_feed(content: bytes) -> EcbDay:
    """The ECB daily XML (gesmes Envelope, Cube time=..., Cube currency/rate) as an EcbDay; RatesError."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(content, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise RatesError(f"not an ECB rates document: XML error: {exc}") from None
    if root is None:
        raise RatesError("not an ECB rates document: empty")
    days = root.findall(f".//{{{ECB_NS}}}Cube[@time]")
    if not days:
        raise RatesError("not an ECB rates document: no <Cube time=...> element")
    newest = max(days, key=lambda cube: str(cube.get("time")))
    rates = {str(c.get("currency")): str(c.get("rate")) for c in newest.findall(f"{{{ECB_NS}}}Cube")}
    return _validated(str(newest.get("time")), rates)


def _validated(day_text: str, rates: dict[str, Any]) -> EcbDay:
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        raise RatesError(f"bad rates date {day_text!r}") from None
    parsed: dict[str, Decimal] = {}
    for code, text in rates.items():
        if not (len(code) == 3 and code.isalpha() and code.isupper()):
            raise RatesError(f"bad currency code {code!r}")
        try:
            value = Decimal(str(text))
        except InvalidOperation:
            raise RatesError(f"{code}: rate {text!r} is not a number") from None
        if not value.is_finite() or value <= 0 or value > MAX_PLAUSIBLE_RATE:
            raise RatesError(f"{code}: rate {text!r} is not a positive amount")
        parsed[code] = value
    if len(parsed) < MIN_CURRENCIES:
        raise RatesError(f"only {len(parsed)} rate(s) for {day}; expected the ECB's full list")
    return EcbDay(day, parsed)


def load_json(path: Path | Any, *, updated: bool) -> EcbDay:
    """A rates file as written by this module (or bundled): {"date", "base": "EUR", "rates"}."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("base") != "EUR" or not isinstance(data.get("rates"), dict):
        raise RatesError("not a shopper rates file")
    day = _validated(str(data.get("date")), data["rates"])
    return EcbDay(day.date, day.rates, updated)


def bundled() -> EcbDay:
    """The ECB reference rates shipped with shopper (package data)."""
    return load_json(resources.files("shopper").joinpath("data", "ecb-rates.json"), updated=False)


def saved(warnings: list[str] | None = None) -> EcbDay | None:
    """The rates saved by `shopper rates update`, or None (a damaged file adds a warning)."""
    path = saved_path()
    if not path.is_file():
        return None
    try:
        return load_json(path, updated=True)
    except (OSError, ValueError, RatesError) as exc:
        if warnings is not None:
            warnings.append(f"{path}: ignoring saved exchange rates ({exc}); run `shopper rates update`")
        return None


def rate_layers(warnings: list[str] | None = None) -> list[EcbDay]:
    """The rate days to apply in order: bundled, then the saved update (a later layer wins)."""
    layers = [bundled()]
    update = saved(warnings)
    if update is not None:
        layers.append(update)
    return layers


def save(day: EcbDay, source_url: str, *, now: datetime | None = None) -> Path:
    """Write fetched rates to the data dir atomically (the old file stays until the new one is whole)."""
    path = saved_path()
    data = {
        "source": f"European Central Bank daily euro reference rates ({source_url})",
        "fetched_at": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "base": "EUR",
        "date": day.date.isoformat(),
        "rates": {code: str(rate) for code, rate in sorted(day.rates.items())},
    }
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise RatesError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return path


async def update(url: str | None = None, *, settings: Any = None) -> tuple[EcbDay, Path]:
    """Fetch the daily feed, validate it and save it; the saved rates are untouched on any failure."""
    from shopper.shops.fetch import Fetcher, FetchSettings

    target = url or feed_url()
    async with Fetcher(settings or FetchSettings(max_bytes=MAX_FEED_BYTES, cache_path=None)) as fetcher:
        page = await fetcher.get(target)
        if page is None:
            reason = fetcher.warnings[-1] if fetcher.warnings else f"{target}: no response"
            raise FetchError(f"cannot fetch exchange rates: {reason}; kept the previous rates")
    try:
        day = parse_feed(page.content)
    except RatesError as exc:
        raise RatesError(f"{target}: {exc}; kept the previous rates") from None
    day = EcbDay(day.date, day.rates, updated=True)
    return day, save(day, target)
