"""Progress events the core yields while it works; the CLI renders them, the core never prints."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class ShopStarted(BaseModel):
    """A shop's search began."""

    kind: Literal["shop_started"] = "shop_started"
    shop: str


class ShopFinished(BaseModel):
    """A shop answered; `how` says whether its live search, a fresh sync or the mirror was used."""

    kind: Literal["shop_finished"] = "shop_finished"
    shop: str
    offers: int
    seconds: float
    how: str


class ShopFailed(BaseModel):
    """A shop failed or ran past its deadline; the others go on."""

    kind: Literal["shop_failed"] = "shop_failed"
    shop: str
    error: str


class Stage(BaseModel):
    """A whole-run step (understanding, ranking, re-checking)."""

    kind: Literal["stage"] = "stage"
    message: str


Event = ShopStarted | ShopFinished | ShopFailed | Stage
