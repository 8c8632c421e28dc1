"""Pydantic models that cross module boundaries."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

# schema.org ItemAvailability names; None means "unknown".
AVAILABILITIES: tuple[str, ...] = (
    "InStock",
    "OutOfStock",
    "PreOrder",
    "BackOrder",
    "Discontinued",
    "LimitedAvailability",
    "InStoreOnly",
    "OnlineOnly",
    "SoldOut",
    "PreSale",
    "MadeToOrder",
    "Reserved",
)
# Availabilities under which the user can actually get the item now or later by ordering online.
BUYABLE: frozenset[str] = frozenset(
    {"InStock", "LimitedAvailability", "OnlineOnly", "PreOrder", "BackOrder", "PreSale", "MadeToOrder"}
)

Platform = Literal["auto", "shopify", "woocommerce", "html"]
Intent = Literal["best", "cheapest", "all", "compare"]


class Money(BaseModel):
    """An amount of money: a Decimal plus an ISO 4217 currency code, never a float."""

    model_config = ConfigDict(frozen=True)

    amount: Decimal
    currency: str = Field(pattern=r"^[A-Z]{3}$")

    @field_validator("amount", mode="before")
    @classmethod
    def _no_floats(cls, v: object) -> object:
        if isinstance(v, float):
            raise ValueError("money amounts must not be floats; pass a str or Decimal")
        return v

    @field_validator("amount")
    @classmethod
    def _finite(cls, v: Decimal) -> Decimal:
        if not v.is_finite():
            raise ValueError("money amount must be finite")
        return v

    def __str__(self) -> str:
        from shopper.money import quantize  # the currency's own minor units: 1235 JPY, 2.500 KWD

        return f"{quantize(self.amount, self.currency)} {self.currency}"


# --- extraction -------------------------------------------------------------------------


class RawVariant(BaseModel):
    """A variant as a layer found it: values still as text."""

    title: str | None = None
    options: dict[str, str] = Field(default_factory=dict)  # e.g. {"Size": "44", "Color": "Red"}
    price: str | None = None
    currency: str | None = None
    list_price: str | None = None
    availability: str | None = None
    sku: str | None = None
    gtin: str | None = None
    url: str | None = None


class RawOffer(BaseModel):
    """One offer as one extraction layer found it; values are still text, not yet normalized."""

    source: str  # layer: shopify, woocommerce, jsonld, microdata, opengraph, visible
    title: str | None = None
    brand: str | None = None
    url: str | None = None
    description: str | None = None
    category: str | None = None
    price: str | None = None
    currency: str | None = None
    list_price: str | None = None
    availability: str | None = None
    sku: str | None = None
    gtin: str | None = None
    mpn: str | None = None
    images: list[str] = Field(default_factory=list)
    variants: list[RawVariant] = Field(default_factory=list)
    shipping: str | None = None
    rating: str | None = None
    rating_count: str | None = None
    tags: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


class Variant(BaseModel):
    """A normalized variant (size / colour / other options) with its own price and availability."""

    title: str | None = None
    options: dict[str, str] = Field(default_factory=dict)
    price: Money | None = None
    list_price: Money | None = None
    availability: str | None = None
    sku: str | None = None
    gtin: str | None = None
    url: str | None = None


class Offer(BaseModel):
    """A normalized offer for one product at one shop."""

    url: str
    title: str
    shop: str = ""
    brand: str | None = None
    description: str | None = None
    category: str | None = None
    price: Money | None = None
    list_price: Money | None = None
    availability: str | None = None
    sku: str | None = None
    gtin: str | None = None
    mpn: str | None = None
    images: list[str] = Field(default_factory=list)
    variants: list[Variant] = Field(default_factory=list)
    shipping: Money | None = None
    rating: Decimal | None = None
    rating_count: int | None = None
    tags: list[str] = Field(default_factory=list)
    source: str = ""  # which layer or adapter the values came from
    notes: list[str] = Field(default_factory=list)
    fetched_at: datetime | None = None
    stale: bool = False  # price/stock could not be re-checked live


# --- profile ----------------------------------------------------------------------------


class Budget(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_per_item: Decimal | None = None
    monthly: Decimal | None = None


class ShopConfig(BaseModel):
    """A shop the user buys from, as saved in the profile."""

    model_config = ConfigDict(extra="forbid")

    name: str
    url: str
    platform: Platform = "auto"
    search_url: str | None = None  # template with {query}
    shipping: Decimal | None = None
    free_shipping_over: Decimal | None = None
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")


class Priorities(BaseModel):
    model_config = ConfigDict(extra="forbid")

    price: float = 1.0
    relevance: float = 1.0
    delivery: float = 0.5


class Profile(BaseModel):
    """The user's preferences: budget, sizes, liked/avoided brands and shops, styles."""

    model_config = ConfigDict(extra="forbid")

    name: str = "default"
    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$")
    country: str | None = None
    languages: list[str] = Field(default_factory=lambda: ["en"])
    budget: Budget = Field(default_factory=Budget)
    sizes: dict[str, str] = Field(default_factory=dict)  # {"shoes_eu": "44", "clothing": "M", "waist": "32"}
    brands_liked: list[str] = Field(default_factory=list)
    brands_avoided: list[str] = Field(default_factory=list)
    shops: list[ShopConfig] = Field(default_factory=list)
    shops_avoided: list[str] = Field(default_factory=list)
    colours_liked: list[str] = Field(default_factory=list)
    styles_liked: list[str] = Field(default_factory=list)
    example_photos: list[str] = Field(default_factory=list)
    priorities: Priorities = Field(default_factory=Priorities)
    rates: dict[str, Decimal] = Field(default_factory=dict)  # "USD" -> units of profile currency per 1 USD
    source_path: str | None = Field(default=None, exclude=True)
    demo: bool = Field(default=False, exclude=True)


# --- request ----------------------------------------------------------------------------


class Query(BaseModel):
    """A shopping request, understood: what to search for and what must hold."""

    text: str
    language: str = "en"
    terms: list[str] = Field(default_factory=list)  # product words, in the request's language
    search_terms: list[str] = Field(default_factory=list)  # phrases to send to shop searches, best first
    brands: list[str] = Field(default_factory=list)
    exclude_brands: list[str] = Field(default_factory=list)
    model_numbers: list[str] = Field(default_factory=list)
    size: str | None = None
    size_system: str | None = None  # shoes_eu, clothing, waist, ...
    colours: list[str] = Field(default_factory=list)  # canonical English colour names
    max_price: Money | None = None
    min_price: Money | None = None
    intent: Intent = "best"
    must: list[str] = Field(default_factory=list)  # attributes that must hold ("waterproof")
    must_not: list[str] = Field(default_factory=list)  # attributes that must not ("rgb")
    include_out_of_stock: bool = False
    ignored: list[str] = Field(default_factory=list)  # parts of the request find does not act on


# --- ranking and results ----------------------------------------------------------------


class RankedOffer(BaseModel):
    """An offer with its score, the reasons for it, and the product group it belongs to."""

    offer: Offer
    score: float
    reasons: list[str] = Field(default_factory=list)
    group: str = ""
    landed: Money | None = None  # price plus shipping, in the profile currency when convertible
    matched_variant: Variant | None = None


class Excluded(BaseModel):
    """An offer left out of the answer, with why."""

    url: str
    title: str
    shop: str = ""
    why: str


class FindResult(BaseModel):
    """The whole answer to a find request."""

    request: str
    query: Query
    offers: list[RankedOffer] = Field(default_factory=list)
    answer: list[str] = Field(default_factory=list)  # urls
    excluded: list[Excluded] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    demo: bool = False
    profile: str = "default"
