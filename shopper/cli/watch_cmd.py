"""`shopper watch`: add and manage watches, run them once or as a daemon, schedule them, show history."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from shopper.cli import watch_schedule_cmd
from shopper.cli.common import handle_errors
from shopper.cli.watch_parse import parse_amount, parse_every, parse_percent

app = typer.Typer(
    help="Watch prices and stock: alerts when a price drops or your size comes back.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

app.add_typer(watch_schedule_cmd.app, name="schedule")

ProfileOption = Annotated[
    str | None, typer.Option("--profile", "-p", help="Profile name or path to a .toml file.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="JSON on stdout.")]


def _connect() -> Any:
    from shopper.store.db import connect

    return connect()


def _clock() -> Any:
    from shopper.watch.runner import utc_now

    return utc_now()


def _get(conn: Any, watch_id: int) -> Any:
    from shopper.errors import UsageError
    from shopper.watch.repo import WatchRepo

    watch = WatchRepo(conn).get(watch_id)
    if watch is None:
        raise UsageError(f"no watch {watch_id}; `shopper watch list` shows them")
    return watch


@app.command("add")
@handle_errors
def add(
    what: Annotated[list[str], typer.Argument(help="A product URL, a rank of the last find, or a request.")],
    below: Annotated[
        str | None, typer.Option("--below", help="Alert when the price is at or below this.")
    ] = None,
    drop: Annotated[
        str | None, typer.Option("--drop", help="Alert on a drop of at least PCT% from the 30-day median.")
    ] = None,
    restock: Annotated[
        bool, typer.Option("--restock", help="Alert when it is back in stock (in your size).")
    ] = False,
    size: Annotated[str | None, typer.Option("--size", help="Watch this size.")] = None,
    colour: Annotated[str | None, typer.Option("--colour", "--color", help="Watch this colour.")] = None,
    every: Annotated[str, typer.Option("--every", help="How often to check: 30m, 6h, 1d.")] = "6h",
    notify: Annotated[
        list[str] | None,
        typer.Option("--notify", help="An apprise URL (repeatable): ntfy://, mailto://, json://, …"),
    ] = None,
    min_change: Annotated[
        str | None,
        typer.Option(
            "--min-change", help="Changes smaller than this percentage are not a drop (profile: 1)."
        ),
    ] = None,
    daily_cap: Annotated[int, typer.Option("--daily-cap", min=1, help="At most this many alerts a day.")] = 5,
    profile: ProfileOption = None,
    as_json: JsonOption = False,
) -> None:
    """Watch a product (URL or rank of the last find) or a request across your shops."""
    from shopper.cli import render
    from shopper.errors import UsageError
    from shopper.inspect import is_url
    from shopper.profiles import load_profile
    from shopper.watch.models import Watch
    from shopper.watch.notify import valid_target
    from shopper.watch.repo import WatchRepo

    text = " ".join(what).strip()
    if not text:
        raise UsageError("say what to watch: a product URL, a rank of the last find, or a request")
    loaded = load_profile(profile)
    for target in notify or []:
        if not valid_target(target):
            raise UsageError(
                f"--notify {target.split('://', 1)[0]}://…: not a notification URL apprise understands"
            )
    watch = Watch(
        kind="product",
        target=text,
        profile=profile,
        size=size,
        colour=colour,
        below=parse_amount(below, loaded.currency) if below else None,
        drop_pct=parse_percent(drop) if drop else None,
        restock=restock,
        min_change_pct=parse_percent(min_change) if min_change else loaded.watch.min_change_pct,
        daily_cap=daily_cap,
        every_s=parse_every(every),
        notify=list(notify or loaded.watch.notify),
    )
    conn = _connect()
    try:
        if text.isdigit():
            _from_rank(conn, watch, int(text))
        elif is_url(text):
            watch.target = text
        elif "://" in text:
            raise UsageError(f"{text.split('://', 1)[0]}:// is not a product address (http or https)")
        else:
            watch.kind = "request"
            watch.title = text
        repo = WatchRepo(conn)
        existing = repo.find_target(watch.kind, watch.target, watch.size, watch.colour)
        if existing is not None:
            raise UsageError(f"already watched as watch {existing.id}; remove it first to change its rules")
        stored = repo.add(watch, _clock())
    finally:
        conn.close()
    if as_json:
        typer.echo(stored.model_dump_json())
        return
    what_text = stored.title or stored.target
    render.console().print(
        f"[green]watch {stored.id}[/] {render.clean(render.one_line(what_text, 100))}: "
        f"{render.clean(stored.rules_text())}, every {every}; first check on the next `shopper watch run`."
    )


def _from_rank(conn: Any, watch: Any, rank: int) -> None:
    from shopper.errors import UsageError
    from shopper.models import FindResult
    from shopper.store.repos import LastResultsRepo

    latest = LastResultsRepo(conn).latest()
    if latest is None:
        raise UsageError(
            f"no earlier find to take rank {rank} from; run `shopper find ...` first or give a URL"
        )
    result = FindResult.model_validate_json(latest[1])
    if not 1 <= rank <= len(result.offers):
        raise UsageError(f"rank {rank}: the last find ({latest[0]!r}) has {len(result.offers)} offer(s)")
    ranked = result.offers[rank - 1]
    watch.target, watch.title, watch.shop = ranked.offer.url, ranked.offer.title, ranked.offer.shop
    if watch.profile is None and result.profile != "default":
        watch.profile = result.profile
    if watch.size is None and result.query.size:
        watch.size = result.query.size


@app.command("list")
@handle_errors
def list_(as_json: JsonOption = False) -> None:
    """Every watch with its rules, last price, next check and any problem."""
    from shopper.watch.repo import WatchRepo

    conn = _connect()
    try:
        watches = WatchRepo(conn).all()
    finally:
        conn.close()
    if as_json:
        typer.echo(json.dumps([json.loads(w.model_dump_json()) for w in watches], ensure_ascii=False))
        return
    from shopper.cli import render
    from shopper.cli.watch_render import watch_table

    if not watches:
        render.console().print("No watches yet. Add one: shopper watch add URL --below 80")
        return
    render.console().print(watch_table(watches))


def _set_paused(watch_id: int, paused: bool) -> None:
    from shopper.cli import render
    from shopper.watch.repo import WatchRepo

    conn = _connect()
    try:
        _get(conn, watch_id)
        WatchRepo(conn).set_paused(watch_id, paused, _clock())
    finally:
        conn.close()
    render.console().print(f"watch {watch_id} {'paused' if paused else 'resumed'}")


@app.command("pause")
@handle_errors
def pause(watch_id: Annotated[int, typer.Argument(help="The watch's id.")]) -> None:
    """Stop checking a watch until resumed."""
    _set_paused(watch_id, True)


@app.command("resume")
@handle_errors
def resume(watch_id: Annotated[int, typer.Argument(help="The watch's id.")]) -> None:
    """Check a paused watch again (due at once)."""
    _set_paused(watch_id, False)


@app.command("remove")
@handle_errors
def remove(watch_id: Annotated[int, typer.Argument(help="The watch's id.")]) -> None:
    """Delete a watch (its price history stays)."""
    from shopper.cli import render
    from shopper.watch.repo import WatchRepo

    conn = _connect()
    try:
        _get(conn, watch_id)
        WatchRepo(conn).remove(watch_id)
    finally:
        conn.close()
    render.console().print(f"watch {watch_id} removed")


@app.command("test")
@handle_errors
def test(watch_id: Annotated[int, typer.Argument(help="The watch's id.")]) -> None:
    """Send a test notification to the watch's targets."""
    from shopper.cli import render
    from shopper.errors import ShopperError
    from shopper.watch.models import Alert
    from shopper.watch.notify import Notifier, alert_id

    conn = _connect()
    try:
        watch = _get(conn, watch_id)
    finally:
        conn.close()
    now = _clock()
    alert = Alert(
        id=alert_id(watch.id, "test", watch.url, now),
        watch_id=watch.id,
        kind="test",
        url=watch.url,
        title=watch.title or watch.target,
        shop=watch.shop,
        message="test notification: this is how shopper's alerts for this watch will reach you",
        created_at=now,
    )
    if not watch.notify:
        raise ShopperError(f"watch {watch_id} has no --notify targets; its alerts show in the terminal only")
    delivery = Notifier().send(alert, watch.notify)
    if not delivery.ok:
        raise ShopperError(f"test notification failed: {delivery.error}")
    render.console().print(f"test notification sent to {len(watch.notify)} target(s)")


@app.command("history")
@handle_errors
def history(
    watch_id: Annotated[int, typer.Argument(help="The watch's id.")],
    as_json: JsonOption = False,
    width: Annotated[int, typer.Option("--width", min=30, help="Chart width in columns.")] = 80,
) -> None:
    """The price over time per shop, with lowest, highest, current and days out of stock."""
    from shopper.watch.history import watched_variant
    from shopper.watch.series import series

    conn = _connect()
    try:
        watch = _get(conn, watch_id)
        urls = [watch.target] if watch.kind == "product" else list((watch.state.get("known") or {}).keys())
        variant = (
            watched_variant(conn, watch.target, watch.size, watch.colour) if watch.kind == "product" else ""
        )
        items = series(conn, urls, variant, now=_clock())
    finally:
        conn.close()
    if as_json:
        typer.echo(
            json.dumps({"watch_id": watch.id, "series": [json.loads(i.model_dump_json()) for i in items]})
        )
        return
    from shopper.cli.watch_render import history_text

    typer.echo(history_text(watch, items, width))


@app.command("run")
@handle_errors
def run(
    everything: Annotated[
        bool, typer.Option("--all", help="Check every watch, whatever its schedule.")
    ] = False,
    as_json: JsonOption = False,
    rate: Annotated[float, typer.Option("--rate", min=0.01, help="Requests per second to one shop.")] = 1.0,
) -> None:
    """One pass over the due watches; prints the alerts raised (for cron)."""
    import asyncio

    from shopper import config
    from shopper.cli.watch_render import report_text
    from shopper.watch.lock import WatchBusy, run_lock
    from shopper.watch.runner import RunSettings, run_once

    conn = _connect()
    try:
        with run_lock(config.data_dir() / "watch-run.lock"):
            report = asyncio.run(
                run_once(conn, everything=everything, settings=RunSettings(per_host_rate=rate))
            )
    except WatchBusy as busy:
        if as_json:
            typer.echo("[]")
        from shopper.cli import render

        render.error_console().print(f"[yellow]{render.clean(str(busy))}[/]")
        return
    finally:
        conn.close()
    if as_json:
        from shopper.watch.models import PRICE_KINDS

        typer.echo(
            json.dumps([a.as_json() for a in report.alerts if a.kind in PRICE_KINDS], ensure_ascii=False)
        )
    report_text(report, as_json)


@app.command("daemon")
@handle_errors
def daemon(
    rate: Annotated[float, typer.Option("--rate", min=0.01, help="Requests per second to one shop.")] = 1.0,
) -> None:
    """Keep running: check watches as they fall due; stops cleanly on Ctrl-C or SIGTERM."""
    import asyncio

    from shopper import config
    from shopper.cli import render
    from shopper.cli.watch_render import cycle_line
    from shopper.watch.lock import WatchBusy, run_lock
    from shopper.watch.repo import WatchRepo
    from shopper.watch.runner import RunSettings, run_once
    from shopper.watch.scheduler import Cycle, serve, stop_on_signals

    conn = _connect()
    err = render.error_console()

    def one() -> Cycle:
        cycle = Cycle(at=_clock())
        try:
            with run_lock(config.data_dir() / "watch-run.lock"):
                report = asyncio.run(run_once(conn, settings=RunSettings(per_host_rate=rate)))
            cycle.checked, cycle.alerts = report.checked, len(report.alerts)
            for alert in report.alerts:
                render.console().print(render.clean(alert_line(alert)))
        except WatchBusy:
            cycle.busy = True
        return cycle

    try:
        with stop_on_signals() as stop:
            err.print("[dim]watch daemon running; Ctrl-C or SIGTERM stops it[/]")
            serve(one, WatchRepo(conn).next_due, _clock, stop.wait, lambda c: err.print(cycle_line(c)))
    finally:
        conn.close()
    err.print("[dim]watch daemon stopped[/]")


def alert_line(alert: Any) -> str:
    """One alert as one terminal line."""
    from shopper.watch.notify import body_of, title_of

    return title_of(alert) + " | " + " | ".join(body_of(alert).splitlines())
