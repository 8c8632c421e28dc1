"""Progress events the core yields while it works; the CLI renders them, the core never prints."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from shopper.models import empty_list


class ShopStarted(BaseModel):
    """A shop's search began."""

    kind: Literal["shop_started"] = "shop_started"
    shop: str


class ShopFinished(BaseModel):
    """A shop answered; `how` says whether its live search, a fresh sync or the mirror was used.

    `status` is "warning" when the shop showed something that could not be read (its `warnings` say what),
    so a zero from an unreadable shop never looks like an honest "nothing found".
    """

    kind: Literal["shop_finished"] = "shop_finished"
    shop: str
    offers: int
    seconds: float
    how: str
    status: Literal["ok", "warning"] = "ok"
    warnings: list[str] = Field(default_factory=empty_list)


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
