"""The budget guard: per-item cap, monthly cap and refused shops, read only from the profile file.

Nothing here takes a flag, a tool argument or anything a page says: only the profile and the user's own
order history decide, and no option of any command overrides a refusal (the user edits the profile).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from urllib.parse import urlsplit

from shopper.checkout.amounts import fmt
from shopper.checkout.lines import Line
from shopper.checkout.orders import OrdersRepo
from shopper.errors import BudgetExceeded
from shopper.models import Money, Profile
from shopper.money import convert, rate_table


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def check_shop(profile: Profile, shop_name: str, url: str) -> None:
    """Refuse a shop the profile avoids (by name or by domain)."""
    host = _host(url)
    for avoided in profile.shops_avoided:
        word = avoided.strip().casefold()
        if word and (word == shop_name.casefold() or word == host or host.endswith("." + word)):
            raise BudgetExceeded(f"refused: {shop_name} is in your profile's shops_avoided ({avoided})")


def _over(amount: Decimal, profile: Profile) -> Money:
    return Money(amount=amount, currency=profile.currency)


def _in_profile_currency(money: Money, profile: Profile, what: str) -> Money:
    converted = convert(money, profile.currency, rate_table(profile))
    if converted is None:
        raise BudgetExceeded(
            f"refused: {what} is in {money.currency} and there is no rate from {money.currency} to "
            f"{profile.currency}, so the budget cannot be checked"
        )
    return converted.money


def check_item(profile: Profile, line: Line) -> None:
    """Refuse a line whose unit price is over the per-item cap."""
    cap = profile.budget.max_per_item
    if cap is None or line.unit_price is None:
        return
    price = _in_profile_currency(line.unit_price, profile, line.title)
    if price.amount > cap:
        capped = Money(amount=cap, currency=profile.currency)
        raise BudgetExceeded(
            f"refused: {line.title} costs {fmt(price)}, over your per-item cap of {fmt(capped)} "
            f"(budget.max_per_item); {fmt(_over(price.amount - cap, profile))} too much"
        )


@dataclass
class MonthlyLeft:
    """What the monthly cap leaves: cap, spent this month, left (None when there is no cap)."""

    cap: Money | None
    spent: Money
    left: Money | None


def monthly_left(profile: Profile, conn: sqlite3.Connection, now: datetime | None = None) -> MonthlyLeft:
    """This month's spending (canceled and returned orders excluded) against the monthly cap."""
    spent = Decimal(0)
    for currency, amount in OrdersRepo(conn).spent_this_month(now).items():
        spent += _in_profile_currency(
            Money(amount=amount, currency=currency), profile, "an earlier order"
        ).amount
    cap = profile.budget.monthly
    spent_money = Money(amount=spent, currency=profile.currency)
    if cap is None:
        return MonthlyLeft(None, spent_money, None)
    return MonthlyLeft(
        Money(amount=cap, currency=profile.currency),
        spent_money,
        Money(amount=max(cap - spent, Decimal(0)), currency=profile.currency),
    )


def check_month(
    profile: Profile, conn: sqlite3.Connection, totals: list[Money], now: datetime | None = None
) -> MonthlyLeft:
    """Refuse an order (all its shops' totals) that would take this month's spending over the cap."""
    state = monthly_left(profile, conn, now)
    if state.cap is None or state.left is None:
        return state
    amount = sum((_in_profile_currency(t, profile, "the order").amount for t in totals), Decimal(0))
    if amount > state.left.amount:
        order = Money(amount=amount, currency=profile.currency)
        raise BudgetExceeded(
            f"refused: this order ({fmt(order)}) is over what is left of your monthly cap "
            f"of {fmt(state.cap)}: "
            f"{fmt(state.spent)} spent this month, {fmt(state.left)} left (budget.monthly)"
        )
    return state
