"""The offline chat: keeps the conversation's context and answers each message through the tool layer.

The front-end owns the user: it renders Replies and answers `confirm(action)` by asking the person.
Nothing that spends money or changes the profile happens unless that callback returns True.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from shopper.agent import prefs
from shopper.agent.actions import PendingAction
from shopper.agent.intent import Intent, classify
from shopper.agent.tools import CompareArgs, OfferRef, SearchArgs, StockArgs, Tools
from shopper.errors import ShopperError
from shopper.models import Money, Query

Confirm = Callable[[PendingAction], bool]
HISTORY = 12  # messages kept for the handover summary


@dataclass
class Reply:
    """One thing to show: kind is text, warning, offers, details, stock, compare or action."""

    kind: str
    text: str = ""
    data: Any = None


@dataclass
class ChatState:
    """What the conversation is about."""

    query: Query | None = None
    request: str = ""
    focus: int = 1  # the offer "it" refers to
    history: list[str] = field(default_factory=list)


class ChatSession:
    """One conversation over the tools; `handle(message)` returns what to show."""

    def __init__(self, tools: Tools, confirm: Confirm) -> None:
        self.tools = tools
        self.confirm = confirm
        self.state = ChatState()

    async def handle(self, message: str) -> list[Reply]:
        """Answer one message; expected failures become a warning reply, never an exception."""
        self.state.history = [*self.state.history, message][-HISTORY:]
        shop_names = sorted(
            {r.offer.shop for r in self.tools.shown} | {s.name for s in self.tools.profile_shops()}
        )
        intent = classify(
            message, self.tools.profile, has_results=bool(self.tools.shown), shop_names=shop_names
        )
        handler = getattr(self, f"_on_{intent.kind}", None)
        try:
            if handler is None:
                return [Reply("warning", f"shopper cannot do that here ({intent.kind}).")]
            replies: list[Reply] = await handler(intent)
            return replies
        except ShopperError as exc:
            return [Reply("warning", str(exc))]

    # searching --------------------------------------------------------------------------------

    async def _on_search(self, intent: Intent) -> list[Reply]:
        if not intent.text:
            return [
                Reply("text", "Say what you are looking for, e.g. 'running shoes size 44 under 100 euro'.")
            ]
        outcome = await self.tools.search(SearchArgs(request=intent.text))
        self.state.query = self.tools.last.query if self.tools.last else None
        self.state.request = intent.text
        self.state.focus = 1
        return [Reply("offers", data=outcome)]

    async def _on_refine(self, intent: Intent) -> list[Reply]:
        if self.state.query is None:
            return await self._on_search(intent)
        if intent.names:  # "not from shop X"
            self.tools.avoid_shops.update(intent.names)
            return await self._research(self.state.query, f"not from {', '.join(intent.names)}")
        assert intent.query is not None
        return await self._research(merge(self.state.query, intent.query), intent.text)

    async def _on_cheaper(self, intent: Intent) -> list[Reply]:
        if self.state.query is None or not self.tools.shown:
            return [Reply("text", "Search for something first; then 'cheaper' narrows it down.")]
        prices = [r.offer.price for r in self.tools.shown if r.offer.price is not None]
        if not prices:
            return [Reply("warning", "The offers shown have no prices to undercut.")]
        top = self.tools.shown[0].offer.price or min(prices, key=lambda m: m.amount)
        limit = Money(amount=top.amount - Decimal("0.01"), currency=top.currency)
        query = self.state.query.model_copy(update={"max_price": limit})
        return await self._research(query, intent.text, keep_if_empty=True)

    async def _research(self, query: Query, said: str, *, keep_if_empty: bool = False) -> list[Reply]:
        shown, last = self.tools.shown, self.tools.last
        outcome = await self.tools.search(SearchArgs(request=f"{self.state.request} ({said})", query=query))
        if not outcome.offers and keep_if_empty:
            self.tools.shown, self.tools.last = shown, last
            return [Reply("text", "Nothing cheaper matches; the offers above are still the best.")]
        self.state.query = query
        self.state.focus = 1
        return [Reply("offers", data=outcome)]

    # looking at offers ---------------------------------------------------------------------------

    async def _on_show(self, intent: Intent) -> list[Reply]:
        self.state.focus = intent.numbers[0]
        details = await self.tools.details(OfferRef(offer=intent.numbers[0]))
        return [Reply("details", data=details)]

    async def _on_compare(self, intent: Intent) -> list[Reply]:
        if len(intent.numbers) < 2:
            return [Reply("text", "Name two or more offers, e.g. 'compare 1 and 3'.")]
        return [Reply("compare", data=await self.tools.compare(CompareArgs(offers=list(intent.numbers))))]

    async def _on_stock(self, intent: Intent) -> list[Reply]:
        assert intent.size is not None
        answer = await self.tools.stock(StockArgs(size=intent.size, offer=self.state.focus))
        replies = [Reply("stock", data=answer)]
        if answer.rows and all(r.in_stock is False for r in answer.rows) and self.state.query is not None:
            query = self.state.query.model_copy(update={"size": answer.size})
            similar = await self.tools.search(
                SearchArgs(request=f"{self.state.request} ({answer.size})", query=query)
            )
            if similar.offers:
                self.state.query = query
                replies.append(Reply("text", f"Sold out in {answer.size}; similar offers in that size:"))
                replies.append(Reply("offers", data=similar))
        return replies

    # remembering preferences ---------------------------------------------------------------------

    async def _on_prefer(self, intent: Intent) -> list[Reply]:
        names = intent.names
        if not names:
            return [Reply("text", "Which brand? e.g. 'I don't like Nike'.")]
        change = prefs.PreferenceChange(
            **({"like_brands": names} if intent.liked else {"avoid_brands": names})
        )
        action = await self.tools.update_preferences(change)
        replies = await self.decide(action)
        if self.tools.actions.get(action.id).status == "approved":
            self.tools.profile = prefs.apply_change(self.tools.profile, change)
            if self.state.query is not None and not intent.liked:
                excluded = list(dict.fromkeys([*self.state.query.exclude_brands, *names]))
                replies += await self._research(
                    self.state.query.model_copy(update={"exclude_brands": excluded}), ""
                )
        return replies

    async def decide(self, action: PendingAction) -> list[Reply]:
        """Ask the user through the front-end's callback; run the action only on an explicit yes."""
        if not self.confirm(action):
            declined = self.tools.actions.decline(action.id)
            return [Reply("action", "Not done.", data=declined)]
        done = self.tools.actions.approve(action.id)
        return [Reply("action", done.result or "Done.", data=done)]

    # what shopper cannot do ---------------------------------------------------------------------

    async def _on_handover(self, intent: Intent) -> list[Reply]:
        from shopper.agent.handover import handover

        focus = self._focus_offer()
        shop = None
        if focus is not None:
            shop = next((s for s in self.tools.profile_shops() if s.name == focus.shop), None)
        text = await handover(shop, focus, self.state.history, self.tools.fetch_settings)
        return [Reply("text", text)]

    def _focus_offer(self) -> Any:
        if not self.tools.shown:
            return None
        index = min(max(self.state.focus, 1), len(self.tools.shown))
        return self.tools.shown[index - 1].offer


def merge(current: Query, change: Query) -> Query:
    """The current query with a refinement's fields laid over it ("only size 44", "in black")."""
    update: dict[str, Any] = {}
    if change.size:
        update["size"] = change.size
        update["size_system"] = change.size_system
    if change.colours:
        update["colours"] = change.colours
    if change.max_price:
        update["max_price"] = change.max_price
    if change.min_price:
        update["min_price"] = change.min_price
    if change.brands:
        update["brands"] = change.brands
    if change.exclude_brands:
        update["exclude_brands"] = list(dict.fromkeys([*current.exclude_brands, *change.exclude_brands]))
        update["brands"] = [b for b in update.get("brands", current.brands) if b not in change.exclude_brands]
    if change.must:
        update["must"] = list(dict.fromkeys([*current.must, *change.must]))
    if change.must_not:
        update["must_not"] = list(dict.fromkeys([*current.must_not, *change.must_not]))
    if change.intent != "best":
        update["intent"] = change.intent
    if change.include_out_of_stock:
        update["include_out_of_stock"] = True
    return current.model_copy(update=update)
