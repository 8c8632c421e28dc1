"""One pass over the due watches: read, record history, apply the rules, queue alerts, send the outbox."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from shopper.models import Profile, WatchPrefs
from shopper.shops.fetch import Fetcher, FetchSettings
from shopper.watch.cart import sync_cart_watches
from shopper.watch.history import record_offers, reference_price
from shopper.watch.models import Alert, Watch
from shopper.watch.notify import Notifier, alert_id
from shopper.watch.reader import CheckResult, check_products, check_request
from shopper.watch.repo import AlertRepo, WatchRepo
from shopper.watch.rules import Fired, check_product
from shopper.watch.rules import check_request as request_rules
from shopper.watch.variants import variant_key

Clock = Callable[[], datetime]
MAX_BACKOFF_FACTOR = 8  # a failing watch waits at most this many schedule periods
MIN_RETRY_S = 300  # and at least this long
MAX_SEND_ATTEMPTS = 5


def utc_now() -> datetime:
    """The real clock."""
    return datetime.now(UTC)


@dataclass
class RunSettings:
    """Politeness and delivery for one run."""

    per_host_rate: float = 1.0  # requests per second to one host
    per_host_concurrency: int = 2
    read_timeout: float = 10.0
    total_timeout: float = 20.0


@dataclass
class RunReport:
    """What one pass did."""

    checked: int = 0
    alerts: list[Alert] = field(default_factory=list)  # raised in this run
    sent: int = 0  # outbox deliveries that went out (earlier runs' leftovers included)
    send_errors: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # per watch
    suppressed: int = 0  # over the daily cap
    seconds: float = 0.0  # the pass's own time (reading, rules and sending)


def load_profiles() -> Callable[[str | None], Profile | None]:
    """Profiles by name, loaded once; None when one cannot be loaded."""
    cache: dict[str | None, Profile | None] = {}

    def get(name: str | None) -> Profile | None:
        if name not in cache:
            from shopper.errors import ShopperError
            from shopper.profiles import load_profile

            try:
                cache[name] = load_profile(name)
            except ShopperError:
                cache[name] = None
        return cache[name]

    return get


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _backoff(watch: Watch) -> timedelta:
    factor = min(2 ** max(0, watch.errors - 1), MAX_BACKOFF_FACTOR)
    return timedelta(
        seconds=max(MIN_RETRY_S, min(watch.every_s * factor, watch.every_s * MAX_BACKOFF_FACTOR))
    )


def _alert(watch: Watch, fired: Fired, now: datetime, message: str = "") -> Alert:
    return Alert(
        id=alert_id(watch.id, fired.kind, fired.url, now),
        watch_id=watch.id,
        kind=fired.kind,
        url=fired.url,
        title=fired.title,
        shop=fired.shop,
        old_price=fired.old_price,
        new_price=fired.new_price,
        availability=fired.availability,
        size=watch.size,
        colour=watch.colour,
        message=message,
        created_at=now,
    )


def apply(conn: sqlite3.Connection, result: CheckResult, now: datetime, report: RunReport) -> None:
    """Record one check: history, the new state and its alerts, all in one transaction."""
    watch = result.watch
    watch.last_checked_at = now
    fired: list[Fired] = []
    notices: list[Alert] = []
    with conn:
        if conn.execute("SELECT 1 FROM watches WHERE id = ?", (watch.id,)).fetchone() is None:
            return  # removed while this run was reading it
        if result.error:
            watch.errors += 1
            watch.last_error = result.error
            watch.next_due_at = now + _backoff(watch)
            report.errors.append(f"watch {watch.id}: {result.error}")
        elif result.broken:
            # The page answers but no longer shows a price: say so once, not on every run.
            watch.errors += 1
            if watch.broken_since is None:
                watch.broken_since = now
                notices.append(
                    Alert(
                        id=alert_id(watch.id, "broken", watch.target, now),
                        watch_id=watch.id,
                        kind="broken",
                        url=watch.url,
                        title=watch.title,
                        shop=watch.shop,
                        message=f"price not found since {_when(now)}; the page may have changed",
                        created_at=now,
                    )
                )
            watch.last_error = f"price not found since {_when(watch.broken_since)}"
            watch.next_due_at = now + _backoff(watch)
            report.errors.append(f"watch {watch.id}: {watch.last_error}")
            record_offers(conn, result.offers, source="watch", now=now)
        else:
            fired = _evaluate(conn, watch, result, now)
            watch.errors, watch.last_error, watch.broken_since = 0, None, None
            watch.last_ok_at = now
            watch.next_due_at = now + timedelta(seconds=watch.every_s)
            notes = [r.note for r in result.readings if r.note]
            if notes:
                watch.last_error = notes[0]
            record_offers(conn, result.offers, source="watch", now=now)
        day = now.date().isoformat()
        if watch.cap_day != day:
            watch.cap_day, watch.cap_count = day, 0
        repo_alerts = AlertRepo(conn)
        for item in fired:
            if watch.cap_count >= watch.daily_cap:
                report.suppressed += 1
                continue
            watch.cap_count += 1
            alert = _alert(watch, item, now)
            repo_alerts.add(alert, watch.notify)
            report.alerts.append(alert)
        for notice in notices:
            repo_alerts.add(notice, watch.notify)
        WatchRepo(conn).save_state(watch)
    report.checked += 1


def _evaluate(conn: sqlite3.Connection, watch: Watch, result: CheckResult, now: datetime) -> list[Fired]:
    if watch.kind == "request":
        fired, watch.state = request_rules(watch, result.readings, watch.min_change_pct)
        best = min(
            (r for r in result.readings if r.price),
            key=lambda r: r.price.amount if r.price else 0,
            default=None,
        )
        if best is not None:
            watch.last_price, watch.last_availability = best.price, best.availability
        return fired
    reading = result.readings[0]
    reference = None
    if reading.price is not None:
        key = variant_key(_variant_options(result, watch))
        reference = reference_price(conn, watch.target, key, reading.price.currency, before=now)
    fired, watch.state = check_product(watch, reading, reference)
    watch.title = watch.title or reading.title
    watch.shop = watch.shop or reading.shop
    watch.last_price, watch.last_availability = reading.price, reading.availability
    return fired


def _variant_options(result: CheckResult, watch: Watch) -> dict[str, str]:
    from shopper.watch.variants import matching_variants

    if not (watch.size or watch.colour) or not result.offers:
        return {}
    matches = matching_variants(result.offers[0], watch.size, watch.colour)
    return matches[0].options if len(matches) == 1 else {}


def deliver(conn: sqlite3.Connection, notifier: Notifier, clock: Clock, report: RunReport) -> None:
    """Send every unsent alert (this run's and any a killed run left), marking each sent after it went."""
    repo = AlertRepo(conn)
    for alert, targets, attempts in repo.unsent():
        delivery = notifier.send(alert, targets)
        if delivery.ok:
            repo.mark_sent(alert.id, clock())
            report.sent += 1 if targets else 0
        else:
            give_up = attempts + 1 >= MAX_SEND_ATTEMPTS
            repo.mark_failed(alert.id, delivery.error or "not delivered", give_up=give_up, now=clock())
            report.send_errors.append(f"alert {alert.id}: {delivery.error}")


async def run_once(
    conn: sqlite3.Connection,
    *,
    everything: bool = False,
    settings: RunSettings | None = None,
    notifier: Notifier | None = None,
    clock: Clock = utc_now,
    profiles: Callable[[str | None], Profile | None] | None = None,
) -> RunReport:
    """Check the due watches (all with everything=True), then send the outbox. Take run_lock first."""
    started = time.perf_counter()
    settings = settings or RunSettings()
    profiles = profiles or load_profiles()
    report = RunReport()
    default = profiles(None)
    sync_cart_watches(conn, default.watch if default is not None else WatchPrefs(), clock())
    watches = WatchRepo(conn).due(clock(), everything=everything)
    products = [w for w in watches if w.kind == "product"]
    requests = [w for w in watches if w.kind == "request"]
    fetch = FetchSettings(
        per_host_concurrency=settings.per_host_concurrency,
        min_delay=1.0 / settings.per_host_rate if settings.per_host_rate > 0 else 0.0,
        read_timeout=settings.read_timeout,
        total_timeout=settings.total_timeout,
        max_retries=1,
        cache_path=None,  # a watch wants today's price, not a cached one
    )

    def on_result(result: CheckResult) -> None:
        apply(conn, result, clock(), report)

    if products:
        from shopper.demo import start_if_named

        start_if_named(w.target for w in products)  # the find that started them may have ended
        async with Fetcher(fetch) as fetcher:
            await check_products(
                conn, fetcher, products, profiles, on_result, per_host=settings.per_host_concurrency
            )
    for watch in requests:
        profile = profiles(watch.profile)
        if profile is None:
            on_result(CheckResult(watch, error=f"profile {watch.profile or 'default'} cannot be loaded"))
            continue
        on_result(await check_request(conn, watch, profile, fetch))
    deliver(conn, notifier or Notifier(), clock, report)
    report.seconds = time.perf_counter() - started
    return report
