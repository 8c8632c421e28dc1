"""The demo catalogue built once and kept in the data dir, keyed by the code that generates it."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from decimal import Decimal
from pathlib import Path
from typing import Any

from shopper.demo.shopdata import ShopProduct, ShopVariant

CACHE_FORMAT = "1"
# The modules whose code decides the catalogue: a change to any of them is a new catalogue version.
_SOURCES = ("catalog.py", "catalog_base.py", "catalog_data.py", "catalog_gear.py", "catalog_local.py",
            "catalog_wear.py", "catalog_wear_text.py", "shopdata.py", "catalog_cache.py")  # fmt: skip


def catalogue_version() -> str:
    """A short hash of the generator's source: the cache key of the built catalogue."""
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    here = Path(__file__).parent
    for name in _SOURCES:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def cache_path() -> Path:
    """Where the built catalogue of this version lives."""
    from shopper.config import data_dir

    return data_dir() / "demo" / f"catalogue-{catalogue_version()}.json"


def _encode(o: object) -> object:
    if isinstance(o, Decimal):
        return str(o)
    raise TypeError(f"not JSON serializable: {type(o).__name__}")


def _dec(v: str | None) -> Decimal | None:
    return None if v is None else Decimal(v)


def _variant(d: dict[str, Any]) -> ShopVariant:
    return ShopVariant(
        d["id"],
        d["options"],
        Decimal(d["price"]),
        _dec(d["regular_price"]),
        d["in_stock"],
        d["sku"],
        d["image"],
    )


def _product(d: dict[str, Any]) -> ShopProduct:
    d = dict(d)
    d["price"] = Decimal(d["price"])
    d["regular_price"] = _dec(d["regular_price"])
    d["rating"] = _dec(d["rating"])
    d["options"] = [(name, list(values)) for name, values in d["options"]]
    d["variants"] = [_variant(v) for v in d["variants"]]
    d["art"] = {path: (a[0], a[1], a[2]) for path, a in d["art"].items()}
    return ShopProduct(**d)


def _build() -> list[list[dict[str, Any]]]:
    from shopper.demo.catalog import N_SHOPS, shop_products

    return [[asdict(p) for p in shop_products(i)] for i in range(N_SHOPS)]


def _write(path: Path, shops: list[list[dict[str, Any]]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write then rename: a second process starting at the same moment reads a whole file or none.
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(shops, f, default=_encode, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    for old in path.parent.glob("catalogue-*.json"):  # catalogues of earlier versions
        if old != path:
            with contextlib.suppress(OSError):
                old.unlink()


@functools.lru_cache(maxsize=1)
def _shops() -> list[list[dict[str, Any]]]:
    try:
        path = cache_path()
    except OSError:
        return _build()
    try:
        with path.open(encoding="utf-8") as f:
            data = json.load(f)
        if isinstance(data, list):
            return data
    except (OSError, ValueError):
        pass
    shops = _build()
    # A read-only data dir: the catalogue is built in every process instead.
    with contextlib.suppress(OSError):
        _write(path, shops)
    return shops


def cached_shop_products(shop_index: int) -> list[ShopProduct]:
    """The products of demo shop `shop_index`, from the data dir's cache (built there on first use)."""
    return [_product(d) for d in _shops()[shop_index]]
