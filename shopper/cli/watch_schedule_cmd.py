"""`shopper watch schedule install|remove|show`: a user crontab entry or a systemd user timer."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from shopper.cli.common import handle_errors
from shopper.cli.watch_parse import parse_every

app = typer.Typer(
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Run `watch run` regularly: a user crontab entry or a systemd user timer.",
)
MethodOption = Annotated[str, typer.Option("--method", help="cron (default) or systemd.")]
TabfileOption = Annotated[
    Path | None, typer.Option("--tabfile", help="Use this crontab file instead of your user crontab.")
]
UnitDirOption = Annotated[Path | None, typer.Option("--unit-dir", help="Write systemd units here.")]


def _method(method: str) -> str:
    from shopper.errors import UsageError

    if method not in ("cron", "systemd"):
        raise UsageError(f"--method {method!r}: cron or systemd")
    return method


@app.command("install")
@handle_errors
def schedule_install(
    every: Annotated[str, typer.Option("--every", help="How often `watch run` starts: 15m, 1h.")] = "15m",
    method: MethodOption = "cron",
    tabfile: TabfileOption = None,
    unit_dir: UnitDirOption = None,
) -> None:
    """Install the schedule (replacing an earlier one)."""
    from shopper import config
    from shopper.cli.watch_render import schedule_text
    from shopper.watch import install

    minutes = max(1, parse_every(every) // 60)
    if _method(method) == "cron":
        status = install.cron_install(config.data_dir(), minutes, tabfile)
    else:
        status = install.systemd_install(config.data_dir(), minutes, unit_dir)
    typer.echo(schedule_text(status, "installed"))


@app.command("remove")
@handle_errors
def schedule_remove(
    method: MethodOption = "cron", tabfile: TabfileOption = None, unit_dir: UnitDirOption = None
) -> None:
    """Remove the schedule."""
    from shopper.cli.watch_render import schedule_text
    from shopper.watch import install

    if _method(method) == "cron":
        status = install.cron_remove(tabfile)
    else:
        status = install.systemd_remove(unit_dir)
    typer.echo(schedule_text(status, "removed"))


@app.command("show")
@handle_errors
def schedule_show(
    method: MethodOption = "cron", tabfile: TabfileOption = None, unit_dir: UnitDirOption = None
) -> None:
    """Show the installed schedule."""
    from shopper.cli.watch_render import schedule_text
    from shopper.watch import install

    if _method(method) == "cron":
        status = install.cron_show(tabfile)
    else:
        status = install.systemd_show(unit_dir)
    typer.echo(schedule_text(status, "installed"))
