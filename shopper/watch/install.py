"""`watch schedule`: a user crontab entry (python-crontab) or a systemd user timer that runs `watch run`."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from shopper.errors import UsageError

COMMENT = "shopper watch run"
UNIT = "shopper-watch"


class ScheduleStatus(BaseModel):
    """What is installed (or was just done) and where."""

    method: str  # "cron" or "systemd"
    where: str
    lines: list[str]
    changed: bool = False
    note: str | None = None


def executable() -> list[str]:
    """The full path of the shopper command (or this Python running the module)."""
    found = shutil.which("shopper")
    if found:
        return [str(Path(found).resolve())]
    return [str(Path(sys.executable).resolve()), "-m", "shopper"]


def run_command(data_dir: Path, log_file: Path) -> str:
    """The shell line a scheduler runs: data dir fixed, output appended to a log."""
    exe = " ".join(shlex.quote(p) for p in executable())
    home = shlex.quote(str(data_dir.resolve()))
    return f"SHOPPER_HOME={home} {exe} watch run >> {shlex.quote(str(log_file.resolve()))} 2>&1"


def _every_minutes(minutes: int) -> str:
    if minutes < 1 or minutes > 24 * 60:
        raise UsageError("the schedule runs between every minute and once a day")
    if minutes < 60:
        return f"*/{minutes} * * * *"
    if minutes % 60 or 24 % (minutes // 60):
        raise UsageError(
            "past an hour, the schedule must be whole hours that divide a day (1h, 2h, 3h, 4h, 6h, …)"
        )
    hours = minutes // 60
    return "0 * * * *" if hours == 1 else f"0 */{hours} * * *"


def _crontab(tabfile: Path | None) -> Any:
    from crontab import CronTab

    if tabfile is not None:
        if not tabfile.exists():
            tabfile.parent.mkdir(parents=True, exist_ok=True)
            tabfile.touch()
        return CronTab(tabfile=str(tabfile))
    return CronTab(user=True)


def cron_install(data_dir: Path, minutes: int, tabfile: Path | None = None) -> ScheduleStatus:
    """Write (or replace) the crontab entry; tabfile stands in for the user's crontab."""
    cron = _crontab(tabfile)
    cron.remove_all(comment=COMMENT)
    job = cron.new(command=run_command(data_dir, data_dir / "watch.log"), comment=COMMENT)
    job.setall(_every_minutes(minutes))
    cron.write()
    return ScheduleStatus(method="cron", where=str(tabfile or "user crontab"), lines=[str(job)], changed=True)


def cron_remove(tabfile: Path | None = None) -> ScheduleStatus:
    """Remove shopper's crontab entry."""
    cron = _crontab(tabfile)
    removed = [str(j) for j in cron.find_comment(COMMENT)]
    cron.remove_all(comment=COMMENT)
    cron.write()
    return ScheduleStatus(
        method="cron", where=str(tabfile or "user crontab"), lines=removed, changed=bool(removed)
    )


def cron_show(tabfile: Path | None = None) -> ScheduleStatus:
    """shopper's crontab entry, if any."""
    cron = _crontab(tabfile)
    return ScheduleStatus(
        method="cron",
        where=str(tabfile or "user crontab"),
        lines=[str(j) for j in cron.find_comment(COMMENT)],
    )


def systemd_dir() -> Path:
    """Where systemd looks for user units."""
    return Path.home() / ".config" / "systemd" / "user"


def systemd_units(data_dir: Path, minutes: int) -> dict[str, str]:
    """The service and timer unit files."""
    exe = " ".join(shlex.quote(p) for p in executable())
    service = (
        "[Unit]\nDescription=shopper: check watched prices and stock\n\n"
        f"[Service]\nType=oneshot\nEnvironment=SHOPPER_HOME={data_dir.resolve()}\n"
        f"ExecStart={exe} watch run\n"
    )
    timer = (
        "[Unit]\nDescription=shopper: run the deal-watch regularly\n\n"
        f"[Timer]\nOnBootSec=2min\nOnUnitActiveSec={minutes}min\nPersistent=true\n\n"
        "[Install]\nWantedBy=timers.target\n"
    )
    return {f"{UNIT}.service": service, f"{UNIT}.timer": timer}


def systemd_install(data_dir: Path, minutes: int, unit_dir: Path | None = None) -> ScheduleStatus:
    """Write the user timer; enabling it is the one command printed in the note."""
    target = unit_dir or systemd_dir()
    target.mkdir(parents=True, exist_ok=True)
    for name, text in systemd_units(data_dir, minutes).items():
        (target / name).write_text(text, encoding="utf-8")
    return ScheduleStatus(
        method="systemd",
        where=str(target),
        lines=[str(target / f"{UNIT}.service"), str(target / f"{UNIT}.timer")],
        changed=True,
        note=f"enable it with: systemctl --user daemon-reload && systemctl --user enable --now {UNIT}.timer",
    )


def systemd_remove(unit_dir: Path | None = None) -> ScheduleStatus:
    """Delete the user timer's unit files."""
    target = unit_dir or systemd_dir()
    removed = []
    for name in (f"{UNIT}.service", f"{UNIT}.timer"):
        path = target / name
        if path.exists():
            path.unlink()
            removed.append(str(path))
    note = f"stop it with: systemctl --user disable --now {UNIT}.timer" if removed else None
    return ScheduleStatus(
        method="systemd", where=str(target), lines=removed, changed=bool(removed), note=note
    )


def systemd_show(unit_dir: Path | None = None) -> ScheduleStatus:
    """The timer's unit files, if written."""
    target = unit_dir or systemd_dir()
    lines = [str(target / n) for n in (f"{UNIT}.service", f"{UNIT}.timer") if (target / n).exists()]
    return ScheduleStatus(method="systemd", where=str(target), lines=lines)
