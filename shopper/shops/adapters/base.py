"""The small Protocol every shop adapter implements, and the registry built-ins and plugins share."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from shopper.errors import ShopError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from shopper.models import Offer, RawOffer, ShopConfig
    from shopper.shops.fetch import Fetcher

ENTRY_POINT_GROUP = "shopper.adapters"


@runtime_checkable
class ShopAdapter(Protocol):
    """How shopper talks to one kind of shop."""

    platform: str
    # True when catalogue() can list every product (a mirror can be kept).
    listable: bool

    async def search(self, fetcher: Fetcher, shop: ShopConfig, terms: str, *, limit: int = 40) -> list[Offer]:
        """The shop's own search for `terms`: offers as the listing shows them."""
        ...

    async def product(self, fetcher: Fetcher, shop: ShopConfig, url: str) -> Offer | None:
        """One product read live (price, stock, variants); None when it cannot be read."""
        ...

    async def catalogue(
        self, fetcher: Fetcher, shop: ShopConfig, *, max_items: int = 25_000
    ) -> list[Offer] | None:
        """Every product the shop lists, or None when this shop's catalogue cannot be listed."""
        ...


def to_offers(raws: Iterable[RawOffer], shop: ShopConfig) -> list[Offer]:
    """Raw offers from a shop's API, normalized; those without a title or URL are dropped."""
    from shopper.normalize import normalize

    offers = (normalize(raw, shop=shop.name, currency_hint=shop.currency) for raw in raws)
    return [offer for offer in offers if offer is not None]


# What an adapter saw that the user should hear about (a results page it could not read, a failed search),
# collected per shop search without widening the Protocol: each asyncio task sees its own list.
_NOTES: ContextVar[list[str] | None] = ContextVar("shopper_shop_notes", default=None)


def note(message: str) -> None:
    """Record something the user should be warned about for the shop being searched (once per message)."""
    notes = _NOTES.get()
    if notes is not None and message not in notes:
        notes.append(message)


@contextmanager
def collecting_notes() -> Iterator[list[str]]:
    """Collect note() calls made while searching one shop (in this task and the tasks it starts)."""
    notes: list[str] = []
    token = _NOTES.set(notes)
    try:
        yield notes
    finally:
        _NOTES.reset(token)


_REGISTRY: dict[str, ShopAdapter] = {}
plugin_errors: list[str] = []
_plugins_loaded = False


def register(adapter: ShopAdapter) -> ShopAdapter:
    """Add an adapter under its platform name (a later registration replaces an earlier one)."""
    if not isinstance(adapter, ShopAdapter):
        raise TypeError(f"{adapter!r} does not implement ShopAdapter")
    _REGISTRY[adapter.platform] = adapter
    return adapter


def _load_plugins() -> None:
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    # Built-ins register through the same entry point group a plugin uses: loading the module registers.
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            ep.load()
        except Exception as exc:  # a broken plugin must not take the built-ins down with it
            plugin_errors.append(f"adapter plugin {ep.name!r} failed to load: {exc}")


def get_adapter(platform: str) -> ShopAdapter:
    """The adapter registered for `platform`."""
    _load_builtins()
    _load_plugins()
    try:
        return _REGISTRY[platform]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise ShopError(f"no adapter for platform {platform!r} (known: {known})") from None


def platforms() -> list[str]:
    """Registered platform names."""
    _load_builtins()
    _load_plugins()
    return sorted(_REGISTRY)


def _load_builtins() -> None:
    # A source checkout that was never installed has no entry points; the built-ins still register.
    from shopper.shops.adapters import html, shopify, woocommerce  # noqa: F401
