"""The Typer application and its command groups; command modules attach to these."""

from __future__ import annotations

import contextlib
import functools
import sys
import warnings
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.text import Text

from claimgraph.cli.helptext import HumanGroup
from claimgraph.errors import ClaimgraphError
from claimgraph.version import __version__

app = typer.Typer(
    name="claimgraph",
    help="Who claims what, who denies it, on whose evidence, and when: claim maps from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=HumanGroup,
)
eval_app = typer.Typer(
    help="Score claimgraph against annotated data (PolNeAR-style, FNC-1-style).",
    no_args_is_help=True,
    cls=HumanGroup,
)
train_app = typer.Typer(
    help="Train the project's own models from data folders.", no_args_is_help=True, cls=HumanGroup
)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")

console = Console()
err_console = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(func: F) -> F:
    """Turn claimgraph errors into a one-line message and the error's exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ClaimgraphError as e:
            err_console.print(
                Text.assemble(("error", "red"), f" {e}"), highlight=False, soft_wrap=True
            )
            sys.exit(e.exit_code)

    return wrapper  # type: ignore[return-value]


@contextlib.contextmanager
def failures_printed_here() -> Iterator[None]:
    """The API's failure warnings off: the command prints each failure itself."""
    from claimgraph.api import ClaimgraphWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ClaimgraphWarning)
        yield


def _version(value: bool) -> None:
    if value:
        console.print(f"claimgraph {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Who claims what, who denies it, on whose evidence, and when."""
