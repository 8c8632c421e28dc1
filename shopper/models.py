"""Pydantic models that cross module boundaries."""

# No `from __future__ import annotations` here: Pydantic would read every field's annotation back from
# a string (a compile and an eval each) when the models are built, at every start of shopper.

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_validator

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


def empty_list() -> list[Any]:
    """A new empty list, the default of the models' list fields. Not `list` itself: to see whether a
    default factory takes arguments, Pydantic reads its signature, and a builtin's is parsed from text (a
    compile) for every field when the models are built, at every start of shopper."""
    return []


Platform = Literal["auto", "shopify", "woocommerce", "html"]
Intent = Literal["best", "cheapest", "all", "compare"]


class Money(BaseModel):
    """An amount of money: a Decimal plus an ISO 4217 currency code, never a float."""

    model_config = ConfigDict(frozen=True)

    amount: Decimal  # NaN and infinities are refused by pydantic's own Decimal validation
    currency: str = Field(pattern=r"^[A-Z]{3}$")

    @field_validator("amount", mode="before")
    @classmethod
    def _no_floats(cls, v: object) -> object:
        if isinstance(v, float):
            raise ValueError("money amounts must not be floats; pass a str or Decimal")
        return v

    def __str__(self) -> str:
        from shopper.money import quantize  # the currency's own minor units: 1235 JPY, 2.500 KWD

        return f"{quantize(self.amount, self.currency)} {self.currency}"


# --- extraction -------------------------------------------------------------------------

# Extraction's models are built when a page is first read, not by every process that imports this
# module: a find answered from the catalogue mirror never reads a page.
_ON_FIRST_USE = ConfigDict(defer_build=True)


class RawVariant(BaseModel):
    """A variant as a layer found it: values still as text."""

    model_config = _ON_FIRST_USE
    title: str | None = None
    options: dict[str, str] = Field(default_factory=dict)  # e.g. {"Size": "44", "Color": "Red"}
    price: str | None = None
    currency: str | None = None
    list_price: str | None = None
    availability: str | None = None
    sku: str | None = None
    gtin: str | None = None
    url: str | None = None
    image: str | None = None  # the variant's own picture (a colour variant's photo)


class RawOffer(BaseModel):
    """One offer as one extraction layer found it; values are still text, not yet normalized."""

    model_config = _ON_FIRST_USE
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
    images: list[str] = Field(default_factory=empty_list)
    variants: list[RawVariant] = Field(default_factory=empty_list)
    shipping: str | None = None
    rating: str | None = None
    rating_count: str | None = None
    tags: list[str] = Field(default_factory=empty_list)
    notes: list[str] = Field(default_factory=empty_list)


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
    image: str | None = None


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
    images: list[str] = Field(default_factory=empty_list)
    variants: list[Variant] = Field(default_factory=empty_list)
    shipping: Money | None = None
    rating: Decimal | None = None
    rating_count: int | None = None
    tags: list[str] = Field(default_factory=empty_list)
    source: str = ""  # which layer or adapter the values came from
    notes: list[str] = Field(default_factory=empty_list)
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
    # A real Agentic Commerce Protocol endpoint of this shop; without one a local mock merchant is used.
    checkout_url: str | None = None
    # The NAME of the environment variable holding the endpoint's bearer token (never the token itself).
    checkout_token_env: str | None = Field(default=None, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")


class Address(BaseModel):
    """Where orders are delivered; sent only to the merchant of an order."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    street: str = Field(min_length=1, max_length=200)
    postal_code: str = Field(min_length=1, max_length=16)
    city: str = Field(min_length=1, max_length=100)
    country: str = Field(pattern=r"^[A-Z]{2}$")  # ISO 3166-1 alpha-2
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    phone: str | None = Field(default=None, max_length=32)


class Priorities(BaseModel):
    model_config = ConfigDict(extra="forbid")

    price: float = 1.0
    relevance: float = 1.0
    delivery: float = 0.5


class WatchPrefs(BaseModel):
    """How `shopper watch` behaves for this profile ([watch] in the profile file)."""

    model_config = ConfigDict(extra="forbid")

    cart: bool = True  # watch items left in the cart for price drops
    min_change_pct: Decimal = Decimal("1")  # smaller changes are not a drop
    notify: list[str] = Field(default_factory=empty_list)  # apprise URLs for watches that name none


class Profile(BaseModel):
    """The user's preferences: budget, sizes, liked/avoided brands and shops, styles."""

    model_config = ConfigDict(extra="forbid")

    name: str = "default"
    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$")
    country: str | None = None
    languages: list[str] = Field(default_factory=lambda: ["en"])
    budget: Budget = Field(default_factory=Budget)
    sizes: dict[str, str] = Field(default_factory=dict)  # {"shoes_eu": "44", "clothing": "M", "waist": "32"}
    brands_liked: list[str] = Field(default_factory=empty_list)
    brands_avoided: list[str] = Field(default_factory=empty_list)
    shops: list[ShopConfig] = Field(default_factory=empty_list)
    shops_avoided: list[str] = Field(default_factory=empty_list)
    colours_liked: list[str] = Field(default_factory=empty_list)
    styles_liked: list[str] = Field(default_factory=empty_list)
    # example photos of things the user likes; "example_photos" is the older name of the key
    photos: list[str] = Field(
        default_factory=empty_list, validation_alias=AliasChoices("photos", "example_photos")
    )
    priorities: Priorities = Field(default_factory=Priorities)
    watch: WatchPrefs = Field(default_factory=WatchPrefs)
    rates: dict[str, Decimal] = Field(default_factory=dict)  # "USD" -> units of profile currency per 1 USD
    address: Address | None = None  # delivery address for (mock) orders
    source_path: str | None = Field(default=None, exclude=True)
    demo: bool = Field(default=False, exclude=True)


# --- request ----------------------------------------------------------------------------


Comparator = Literal["=", ">", ">=", "<", "<="]
Audience = Literal["men", "women", "kids", "unisex"]
Condition = Literal["new", "used"]


class SpecNeed(BaseModel):
    """A numeric requirement: dimension, comparison and value in base units ("longer than 3 m")."""

    dim: str  # length (mm), storage (GB), freq (MHz), inch, power (W), ...
    op: Comparator = "="
    value: float
    text: str  # as the user wrote it, for reasons
    capability: bool = False  # "supports 240mm radiators": any stated value may satisfy it


class CompareItem(BaseModel):
    """One product of a "compare A and B" request, searched and answered on its own."""

    text: str
    terms: list[str] = Field(default_factory=empty_list)
    search_terms: list[str] = Field(default_factory=empty_list)
    brands: list[str] = Field(default_factory=empty_list)
    model_numbers: list[str] = Field(default_factory=empty_list)


class Query(BaseModel):
    """A shopping request, understood: what to search for and what must hold; ranking reads only this."""

    text: str
    language: str = "en"
    terms: list[str] = Field(default_factory=empty_list)  # product words, in the request's language
    # phrases to send to shop searches, best first
    search_terms: list[str] = Field(default_factory=empty_list)
    brands: list[str] = Field(default_factory=empty_list)
    exclude_brands: list[str] = Field(default_factory=empty_list)
    model_numbers: list[str] = Field(default_factory=empty_list)
    size: str | None = None
    size_system: str | None = None  # shoes_eu, clothing, waist, ...
    colours: list[str] = Field(default_factory=empty_list)  # canonical English colour names
    max_price: Money | None = None
    min_price: Money | None = None
    intent: Intent = "best"
    must: list[str] = Field(default_factory=empty_list)  # attributes that must hold ("waterproof")
    must_not: list[str] = Field(default_factory=empty_list)  # attributes that must not ("rgb")
    include_out_of_stock: bool = False
    ignored: list[str] = Field(default_factory=empty_list)  # parts of the request find does not act on
    head: str | None = None  # the product noun, English singular ("jacket" in "red rain jacket size M")
    audience: Audience | None = None  # men's / women's / kids' model
    condition: Condition | None = None  # "new" only, or "used"/refurbished welcome
    needs: list[SpecNeed] = Field(default_factory=empty_list)  # numeric specs with their comparator
    superlative: str | None = None  # the spec wanted at its maximum ("largest" -> storage)
    reference: str | None = None  # a quoted product the request refers to, not the one wanted
    items: list[CompareItem] = Field(default_factory=empty_list)  # the products of a compare request


# --- ranking and results ----------------------------------------------------------------


class RankedOffer(BaseModel):
    """An offer with its score, the reasons for it, and the product group it belongs to."""

    offer: Offer
    score: float
    reasons: list[str] = Field(default_factory=empty_list)
    group: str = ""
    landed: Money | None = None  # price plus shipping, in the profile currency when convertible
    matched_variant: Variant | None = None
    price: Money | None = None  # the price of the matched variant (else the offer's)
    link: str | None = None  # the URL that selects the matched variant where the shop supports it
    item: int | None = None  # which compared product (index into Query.items) this offer is for
    size_known: bool = True  # False: the asked size could not be determined (so it cannot be the answer)
    fit: float = 0.0  # relevance to the request alone, in [0, 1]

    @property
    def url(self) -> str:
        """The link to show: the matched variant's own URL when there is one."""
        return self.link or self.offer.url


class Excluded(BaseModel):
    """An offer left out of the answer, with why."""

    url: str
    title: str
    shop: str = ""
    why: str
    kind: str = "other"  # the reason as a code: size_sold_out, no_size, no_rate, over_budget, ...
    fit: float = 0.0  # how well it matched the request (0..1), for "sold out everywhere"
    sizes_in_stock: list[str] = Field(default_factory=empty_list)
    group: str = ""


class SoldOutSize(BaseModel):
    """The asked size is sold out at every shop that has the product: where, and what sizes are left."""

    size: str
    offers: list[Excluded] = Field(default_factory=empty_list)


class FindResult(BaseModel):
    """The whole answer to a find request."""

    request: str
    query: Query
    offers: list[RankedOffer] = Field(default_factory=empty_list)
    answer: list[str] = Field(default_factory=empty_list)  # urls
    excluded: list[Excluded] = Field(default_factory=empty_list)
    warnings: list[str] = Field(default_factory=empty_list)
    demo: bool = False
    profile: str = "default"
    sold_out: SoldOutSize | None = None  # the best-matching product has the asked size nowhere in stock
    hint: str | None = None  # why nothing (or little) was found: the main reason, in words
