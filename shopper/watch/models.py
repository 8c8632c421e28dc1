"""The watch's own models: a watch, what one check read, and an alert."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from shopper.models import Money

WatchKind = Literal["product", "request"]
AlertKind = Literal["below", "drop", "restock", "new_offer", "broken", "test"]
# Kinds that `watch run --json` reports; "broken" (a page that stopped yielding a price) is a notice.
PRICE_KINDS: tuple[str, ...] = ("below", "drop", "restock", "new_offer")

DEFAULT_EVERY_S = 6 * 3600
DEFAULT_MIN_CHANGE_PCT = Decimal("1")
DEFAULT_DAILY_CAP = 5


class Watch(BaseModel):
    """One watch: what is watched, the rules, the schedule, and where alerts go."""

    id: int = 0
    kind: WatchKind
    target: str  # a product URL, or the request text
    origin: str = "user"  # "user", or "cart" for items left in the cart
    profile: str | None = None
    title: str | None = None
    shop: str | None = None
    size: str | None = None
    colour: str | None = None
    below: Money | None = None
    drop_pct: Decimal | None = None
    restock: bool = False
    min_change_pct: Decimal = DEFAULT_MIN_CHANGE_PCT
    daily_cap: int = DEFAULT_DAILY_CAP
    every_s: int = DEFAULT_EVERY_S
    notify: list[str] = Field(default_factory=list)
    paused: bool = False
    created_at: datetime | None = None
    next_due_at: datetime | None = None
    last_checked_at: datetime | None = None
    last_ok_at: datetime | None = None
    last_error: str | None = None
    errors: int = 0
    broken_since: datetime | None = None
    state: dict[str, Any] = Field(default_factory=dict)
    last_price: Money | None = None
    last_availability: str | None = None
    cap_day: str | None = None
    cap_count: int = 0

    @property
    def url(self) -> str | None:
        """The watched product's URL (None for a request watch)."""
        return self.target if self.kind == "product" else None

    def rules_text(self) -> str:
        """The watch's rules in a few words."""
        parts = []
        if self.below is not None:
            parts.append(f"below {self.below.amount:,.2f} {self.below.currency}")
        if self.drop_pct is not None:
            parts.append(f"drop ≥{self.drop_pct:g}%")
        if self.restock:
            parts.append("restock")
        if not parts:
            parts.append(f"any drop ≥{self.min_change_pct:g}%")
        if self.size:
            parts.append(f"size {self.size}")
        if self.colour:
            parts.append(f"colour {self.colour}")
        return ", ".join(parts)


class Reading(BaseModel):
    """What one check of a product found, for the watched variant when one is named."""

    url: str
    title: str | None = None
    shop: str = ""
    price: Money | None = None
    availability: str | None = None
    in_stock: bool | None = None  # None: unknown
    note: str | None = None  # e.g. "size 44 not offered"


class Alert(BaseModel):
    """One alert: its stable id lets a receiver drop a duplicate."""

    id: str
    watch_id: int
    kind: AlertKind
    url: str | None = None
    title: str | None = None
    shop: str | None = None
    old_price: Money | None = None
    new_price: Money | None = None
    availability: str | None = None
    size: str | None = None
    colour: str | None = None
    message: str = ""
    created_at: datetime | None = None

    def as_json(self) -> dict[str, Any]:
        """The shape `watch run --json` prints for one alert."""

        def money(value: Money | None) -> dict[str, str] | None:
            return None if value is None else {"amount": str(value.amount), "currency": value.currency}

        return {
            "id": self.id,
            "watch_id": self.watch_id,
            "kind": self.kind,
            "url": self.url,
            "title": self.title,
            "shop": self.shop,
            "old_price": money(self.old_price),
            "new_price": money(self.new_price),
            "availability": self.availability,
        }
