"""Pieces every command shares: the --version option and mapping ShopperError to one red line."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from shopper import __version__

F = TypeVar("F", bound=Callable[..., Any])


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"shopper {__version__}")
        raise typer.Exit()


VersionOption = Annotated[
    bool,
    typer.Option("--version", help="Show the version and exit.", callback=_print_version, is_eager=True),
]


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one red line on stderr and return the Exit to raise."""
    from shopper.cli.render import clean, error_console, one_line

    error_console().print(f"[bold red]error:[/] {clean(one_line(message))}", markup=True, highlight=False)
    return typer.Exit(code)


def handle_errors(fn: F) -> F:
    """Turn the core's expected failures into a red one-line message and the error's exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from shopper.errors import ShopperError

        try:
            return fn(*args, **kwargs)
        except ShopperError as exc:
            *first, last = str(exc).splitlines() or [""]
            for line in first:  # an error that lists several problems: one red line each
                fail(line, exc.exit_code)
            raise fail(last, exc.exit_code) from None
        except KeyboardInterrupt:
            raise fail("interrupted", 130) from None

    return wrapper  # type: ignore[return-value]
