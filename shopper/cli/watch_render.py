"""Rendering for `shopper watch`: the watch table, history with its chart, run reports."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.table import Table

from shopper.cli import render
from shopper.watch.models import Watch
from shopper.watch.series import ShopSeries


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else "-"


def watch_table(watches: list[Watch]) -> Table:
    """Every watch: what, rules, last price and stock, next check, problems."""
    table = Table(header_style="bold")
    for name, kwargs in (
        ("id", {"justify": "right"}),
        ("watching", {"max_width": 50}),
        ("rules", {"max_width": 30}),
        ("last", {"justify": "right"}),
        ("next check", {"no_wrap": True}),
        ("status", {"max_width": 40}),
    ):
        table.add_column(name, **kwargs)
    for w in watches:
        what = w.title or w.target
        if w.kind == "request":
            what = f"request: {what}"
        elif w.origin == "cart":
            what = f"cart: {what}"
        elif w.shop:
            what += f"\n[dim]{render.clean(render.one_line(w.shop, 40))}[/]"
        last = render.money(w.last_price) if w.last_price else "-"
        if w.last_availability:
            last += f"\n[dim]{render.clean(w.last_availability)}[/]"
        if w.paused:
            status = "[yellow]paused[/]"
        elif w.broken_since is not None:
            status = f"[red]broken: price not found since {_when(w.broken_since)}[/]"
        elif w.last_error:
            status = f"[red]{render.clean(render.one_line(w.last_error, 120))}[/]"
            if w.errors:
                status += f" [dim]({w.errors} failed check(s))[/]"
        elif w.last_checked_at is None:
            status = "new"
        else:
            status = f"[green]ok[/] [dim]{_when(w.last_checked_at)}[/]"
        table.add_row(
            str(w.id),
            render.clean(render.one_line(what, 100)) if "\n" not in what else what,
            render.clean(w.rules_text()),
            last,
            "-" if w.paused else _when(w.next_due_at),
            status,
        )
    return table


def history_text(watch: Watch, items: list[ShopSeries], width: int) -> str:
    """The chart plus one line of figures per shop."""
    from shopper.watch.chart import price_chart
    from shopper.watch.notify import money_text

    what = render.one_line(watch.title or watch.target, 80)
    if not items:
        return f"watch {watch.id} ({what}): no price history yet; `shopper watch run` records some"
    lines = [price_chart(items, width=width, title=f"watch {watch.id}: {what}")]
    for item in items:
        lines.append(
            f"{render.one_line(item.shop, 40)}: lowest {money_text(item.lowest)}, "
            f"highest {money_text(item.highest)}, "
            f"current {money_text(item.current)}, {item.days_out_of_stock:g} day(s) out of stock, "
            f"{len(item.points)} observation(s)"
        )
    return "\n".join(line for line in lines if line)


def report_text(report: Any, as_json: bool) -> None:
    """A run's alerts on stdout (unless --json), and errors and delivery problems on stderr."""
    from shopper.cli.watch_cmd import alert_line

    out, err = render.console(), render.error_console()
    if not as_json:
        for alert in report.alerts:
            out.print("[bold green]alert[/] " + render.clean(alert_line(alert)))
    err.print(
        f"[dim]{report.checked} watch(es) checked in {report.seconds:.1f} s; "
        f"{len(report.alerts)} alert(s); {report.sent} notification(s) sent[/]"
    )
    for line in report.errors:
        err.print(f"[yellow]warning:[/] {render.clean(render.one_line(line))}")
    for line in report.send_errors:
        err.print(f"[yellow]not delivered:[/] {render.clean(render.one_line(line))}")
    if report.suppressed:
        err.print(f"[yellow]{report.suppressed} alert(s) held back by the daily cap[/]")


def cycle_line(cycle: Any) -> str:
    """One scheduler turn as one line."""
    if cycle.busy:
        return "[dim]another watch run is in progress; skipped this turn[/]"
    return f"[dim]{_when(cycle.at)}: {cycle.checked} checked, {cycle.alerts} alert(s)[/]"


def schedule_text(status: Any, verb: str) -> str:
    """What `watch schedule` did, plainly."""
    if not status.lines:
        return f"no shopper schedule in {status.where}"
    head = f"{verb} in {status.where}:" if status.changed else f"in {status.where}:"
    text = "\n".join([head, *("  " + line for line in status.lines)])
    return text + (f"\n{status.note}" if status.note else "")
