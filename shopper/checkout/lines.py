"""What is being bought: one line (item, variant, quantity, price) as the checkout and orders carry it."""

from __future__ import annotations

import hashlib

from pydantic import BaseModel, Field

from shopper.models import Money


class Line(BaseModel):
    """One item of an order: the product, the chosen variant, how many, and the prices seen and checked."""

    url: str
    shop: str
    title: str
    options: dict[str, str] = Field(default_factory=dict)  # {"size": "M", "colour": "red"}
    qty: int = Field(default=1, ge=1)
    unit_price: Money | None = None  # as re-checked live
    seen_price: Money | None = None  # as the user saw it (the last find), when known
    sku: str | None = None
    availability: str | None = None

    @property
    def variant(self) -> str:
        """'size M, colour red', or '' when the product has no variants."""
        return ", ".join(f"{k} {v}" for k, v in self.options.items())

    @property
    def item_id(self) -> str:
        """The id the merchant knows the variant by: a stable hash of URL and options (shops reuse SKUs)."""
        basis = self.url + "|" + "|".join(f"{k}={v}" for k, v in sorted(self.options.items()))
        return "itm_" + hashlib.sha256(basis.encode()).hexdigest()[:20]

    @property
    def price_rose(self) -> bool:
        """True when the live unit price is above the price the user saw."""
        seen, live = self.seen_price, self.unit_price
        return (
            seen is not None
            and live is not None
            and seen.currency == live.currency
            and live.amount > seen.amount
        )
