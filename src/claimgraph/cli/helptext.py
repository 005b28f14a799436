"""``--help`` written for people: FILE…, PATH, N instead of ``<list[str]>``, ``<bool>``.

Typer prints each parameter's Python type; ``HumanGroup`` (the ``cls`` of every command
group) replaces it, when a command is looked up, by the parameter's metavar or a plain word,
and prints nothing for on/off flags.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer.core

ELLIPSIS = "…"


def _label(param: Any) -> str | None:
    if getattr(param, "is_flag", False) or isinstance(param, typer.core.TyperArgument):
        return None  # a flag takes no value; an argument's name column shows its metavar
    if param.metavar:
        return str(param.metavar)
    desc = getattr(param, "type_descriptor", None)
    annotation = getattr(desc, "annotation", None)
    if annotation is bool:
        return None
    if desc is not None and desc.is_choice and desc.choices:
        return "|".join(str(c) for c in desc.choices)
    if desc is not None and desc.is_path:
        return "PATH"
    if annotation is int:
        return "N"
    if annotation is float:
        return "NUMBER"
    return "TEXT"


def _shown(param: Any) -> Callable[..., str | None]:
    label = _label(param)

    def display(ctx: Any = None) -> str | None:
        return label

    return display


def _constant(text: str) -> Callable[..., str]:
    def value(*_: Any, **__: Any) -> str:
        return text

    return value


def humanize(command: Any, ctx: Any) -> Any:
    """Give ``command``'s parameters (and its --help) names people read in ``--help``."""
    params = list(command.params)
    help_option = command.get_help_option(ctx)
    if help_option is not None:
        params.append(help_option)
    for param in params:
        if isinstance(param, typer.core.TyperArgument):
            if not param.metavar:
                name = (param.name or "value").upper()
                param.metavar = name + (ELLIPSIS if param.nargs != 1 else "")
            # the usage line: FILE… (required) or [FILE…], not {paths} or [paths]...
            usage = str(param.metavar) if param.required else f"[{param.metavar}]"
            param._usage_display_name = _constant(usage)  # type: ignore[method-assign]
        param.display_type_rich = _shown(param)
    return command


class HumanGroup(typer.core.TyperGroup):
    """A command group whose commands (and itself) show human metavars in ``--help``."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        return humanize(command, ctx) if command is not None else None

    def format_help(self, ctx: Any, formatter: Any) -> None:
        humanize(self, ctx)
        super().format_help(ctx, formatter)
