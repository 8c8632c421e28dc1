"""Alert text and delivery through apprise (desktop, e-mail, ntfy, Slack, Telegram, webhooks)."""

from __future__ import annotations

import hashlib
import re
import shlex
from dataclasses import dataclass
from datetime import datetime

from shopper.models import Money
from shopper.watch.models import Alert

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
HEADLINES = {
    "below": "Below your target",
    "drop": "Price drop",
    "restock": "Back in stock",
    "new_offer": "New offer",
    "broken": "Watch cannot read the price",
    "test": "Test notification",
}


def alert_id(watch_id: int, kind: str, url: str | None, moment: datetime) -> str:
    """A stable id for one alert: the same event always gets the same id, so receivers can drop repeats."""
    raw = f"{watch_id}|{kind}|{url or ''}|{moment.isoformat()}"
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def _plain(text: object, limit: int = 200) -> str:
    flat = " ".join(_UNSAFE.sub("", str(text)).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def money_text(value: Money | None) -> str:
    """'1,299.00 EUR', or '?' when unknown."""
    return "?" if value is None else f"{value.amount:,.2f} {value.currency}"


def buy_line(alert: Alert) -> str | None:
    """The `shopper buy` command for the alerted offer."""
    if not alert.url:
        return None
    parts = ["shopper", "buy", shlex.quote(alert.url)]
    if alert.size:
        parts += ["--size", shlex.quote(alert.size)]
    if alert.colour:
        parts += ["--colour", shlex.quote(alert.colour)]
    return " ".join(parts)


def title_of(alert: Alert) -> str:
    """One-line notification title."""
    return f"{HEADLINES.get(alert.kind, alert.kind)}: {_plain(alert.title or alert.url or 'watch', 120)}"


def body_of(alert: Alert) -> str:
    """What changed, old -> new price, where, the link, the buy line and the alert id."""
    lines = []
    if alert.message:
        lines.append(_plain(alert.message, 300))
    if alert.kind != "broken" and (alert.old_price or alert.new_price):
        lines.append(f"{money_text(alert.old_price)} -> {money_text(alert.new_price)}")
    if alert.shop:
        lines.append(f"shop: {_plain(alert.shop, 80)}")
    if alert.availability:
        lines.append(f"availability: {_plain(alert.availability, 40)}")
    if alert.url:
        lines.append(_plain(alert.url, 500))
    buy = buy_line(alert)
    if buy and alert.kind != "broken":
        lines.append(f"buy: {buy}")
    lines.append(f"alert id: {alert.id}")
    return "\n".join(lines)


@dataclass
class Delivery:
    """How sending one alert went."""

    ok: bool
    error: str | None = None


class Notifier:
    """Sends alerts through apprise; every payload carries the alert id (also as a JSON field)."""

    def __init__(self, timeout: float = 10.0) -> None:
        self.timeout = timeout

    def send(self, alert: Alert, targets: list[str]) -> Delivery:
        """Send to every target; ok only when all took it."""
        if not targets:
            return Delivery(True)
        import apprise

        failures = []
        for target in targets:
            box = apprise.Apprise()
            if not box.add(target):
                failures.append(f"{_redact(target)}: not a notification URL apprise understands")
                continue
            for service in box:
                extras = getattr(service, "payload_extras", None)
                if isinstance(extras, dict):
                    extras["alert_id"] = alert.id
                headers = getattr(service, "headers", None)
                if isinstance(headers, dict):
                    headers["X-Shopper-Alert-Id"] = alert.id
            if not box.notify(body=body_of(alert), title=title_of(alert)):
                failures.append(f"{_redact(target)}: not delivered")
        return Delivery(not failures, "; ".join(failures) or None)


def valid_target(target: str) -> bool:
    """Whether apprise understands a notification URL."""
    import apprise

    return bool(apprise.Apprise().add(target))


def _redact(target: str) -> str:
    # Notification URLs carry tokens and passwords: show the scheme and host only.
    scheme, _, rest = target.partition("://")
    host = rest.split("/", 1)[0].rsplit("@", 1)[-1]
    return f"{scheme}://{host}/…" if rest else target
