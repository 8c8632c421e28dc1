"""`shopper profile show|validate|init`."""

from __future__ import annotations

from typing import Annotated

import typer

from shopper.cli.common import VersionOption, handle_errors

app = typer.Typer(help="Show, check and create preference profiles.", no_args_is_help=True)


@app.command("show")
@handle_errors
def show(
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="Profile name or path.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The profile as JSON.")] = False,
    version: VersionOption = False,
) -> None:
    """Show the profile find would use."""
    from shopper.cli import render
    from shopper.profiles import load_profile, profile_warnings

    loaded = load_profile(profile)
    if as_json:
        typer.echo(loaded.model_dump_json(indent=2))
        return
    out = render.console()
    out.print(render.profile_panel(loaded))
    for warning in profile_warnings(loaded):
        render.error_console().print(f"[yellow]warning:[/] {render.clean(warning)}")


@app.command("validate")
@handle_errors
def validate(
    path: Annotated[str, typer.Argument(help="Profile name or path to a .toml file.")],
    version: VersionOption = False,
) -> None:
    """Check a profile; a problem is reported as file:line: field: what is wrong."""
    from shopper.cli import render
    from shopper.profiles import load_profile, profile_warnings

    loaded = load_profile(path)
    for warning in profile_warnings(loaded):
        render.error_console().print(f"[yellow]warning:[/] {render.clean(warning)}")
    typer.echo(f"{loaded.source_path or path}: ok ({len(loaded.shops)} shop(s))")


@app.command("init")
@handle_errors
def init(
    name: Annotated[str, typer.Argument(help="Name of the new profile.")] = "default",
    version: VersionOption = False,
) -> None:
    """Create a commented starter profile in the data dir (never overwrites)."""
    from shopper.profiles import init_profile

    path = init_profile(name)
    typer.echo(f"created {path}; edit it, then `shopper profile validate {name}`")
