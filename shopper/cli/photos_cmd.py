"""`shopper profile photos`: what shopper learned from each example photo, with colour swatches."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from shopper.cli.common import VersionOption, handle_errors


@handle_errors
def photos(
    extra: Annotated[
        list[Path] | None, typer.Argument(help="More photos to look at (optional).", metavar="PHOTO")
    ] = None,
    profile: Annotated[
        str | None, typer.Option("--profile", "-p", help="Profile name or path.", metavar="PROFILE")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per photo, per line.")] = False,
    version: VersionOption = False,
) -> None:
    """Show what shopper sees in the profile's example photos: colours, brightness, pattern."""
    from rich.text import Text

    from shopper.cli import render
    from shopper.errors import PhotoError
    from shopper.profiles import load_profile
    from shopper.vision import load_photo

    loaded = load_profile(profile)
    paths = [*loaded.photos, *(str(p) for p in extra or [])]
    out, err = render.console(), render.error_console()
    if not paths:
        out.print('No example photos: add photos = ["photos/red-sweater.jpg"] to your profile.')
        return
    bad = 0
    for path in paths:
        name = Path(path).name
        try:
            seen = load_photo(path)
        except PhotoError as exc:
            bad += 1
            err.print(f"[yellow]warning:[/] {render.clean(exc)}")
            continue
        if as_json:
            typer.echo(json.dumps(_as_dict(path, seen), ensure_ascii=False))
            continue
        line = Text(f"{name}: ", style="bold")
        for swatch in seen.swatches:
            r, g, b = swatch.rgb
            line.append("    ", style=f"on rgb({r},{g},{b})")
            line.append(f" {swatch.name} {swatch.weight:.0%}  ")
        out.print(line)
        out.print(
            f"  colours {', '.join(seen.colour_names())}; {seen.pattern}; "
            f"brightness {seen.brightness:.0f}/100; {seen.size[0]}x{seen.size[1]} px"
        )
    if bad == len(paths):
        raise typer.Exit(2)


def _as_dict(path: str, seen: object) -> dict[str, object]:
    from shopper.vision import VisualFeatures

    assert isinstance(seen, VisualFeatures)
    return {
        "photo": path,
        "colours": seen.colour_names(),
        "swatches": [
            {
                "name": s.name,
                "share": s.weight,
                "rgb": "#{:02x}{:02x}{:02x}".format(*s.rgb),
                "lab": list(s.lab),
            }
            for s in seen.swatches
        ],
        "pattern": seen.pattern,
        "brightness": round(seen.brightness, 1),
    }
