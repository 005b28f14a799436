"""Commands: corrections of actors and stances, stored as annotations and kept across
re-analysis: ``actors merge|split|rename``, ``stance set``, ``corrections`` (list),
``corrections export|import``. Each calls one library function (``Claimgraph.correct``)."""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import Annotated

import typer

from claimgraph.cli._app import app, console, handle_errors
from claimgraph.cli.analysis_cmds import actors_app
from claimgraph.cli.stance_cmds import stance_app
from claimgraph.errors import InputError

corrections_app = typer.Typer(
    help="Users' corrections (who, when, why): listed, exported and imported as JSON."
)
app.add_typer(corrections_app, name="corrections")

DB = Annotated[
    str | None, typer.Option("--db", help="The store: a SQLite file or a postgresql:// URL.")
]
NOTE = Annotated[str, typer.Option("--note", help="Why (kept with the correction).")]
AUTHOR = Annotated[str | None, typer.Option("--author", help="Who (default: the user name).")]


def _record(
    db: str | None, kind: str, target: str, payload: dict, author: str | None, note: str
) -> None:
    import claimgraph

    with claimgraph.open(db) as cg:
        c = cg.correct(kind, target, payload, author=author or getpass.getuser(), note=note)
    console.print(f"recorded correction {c.id}: {kind} {target}", highlight=False)


@corrections_app.callback(invoke_without_command=True)
@handle_errors
def list_cmd(ctx: typer.Context, db: DB = None) -> None:
    """Every correction as JSON lines: id, kind, target, payload, author, created_at, note."""
    import claimgraph

    if ctx.invoked_subcommand is not None:
        return
    with claimgraph.open(db, readonly=True) as cg:
        for c in cg.corrections():
            print(json.dumps(c.to_dict(), ensure_ascii=False))


@actors_app.command("merge")
@handle_errors
def merge_cmd(
    into: Annotated[str, typer.Argument(help="The actor id that stays.")],
    merged: Annotated[str, typer.Argument(help="The actor id merged into it.")],
    db: DB = None,
    note: NOTE = "",
    author: AUTHOR = None,
) -> None:
    """Merge actor MERGED into actor INTO (one person or body)."""
    _record(db, "actor_merge", into, {"merged": merged}, author, note)


@actors_app.command("split")
@handle_errors
def split_cmd(
    actor: Annotated[str, typer.Argument(help="The actor id wrongly holding statements.")],
    name: Annotated[str, typer.Option("--name", help="Name of the actor they belong to.")],
    statements: Annotated[list[str], typer.Option("--statement", help="A statement id (repeat).")],
    db: DB = None,
    note: NOTE = "",
    author: AUTHOR = None,
) -> None:
    """Move statements of ACTOR to a new actor named NAME."""
    _record(db, "actor_split", actor, {"name": name, "statements": statements}, author, note)


@actors_app.command("rename")
@handle_errors
def rename_cmd(
    actor: Annotated[str, typer.Argument(help="The actor id.")],
    name: Annotated[str, typer.Argument(help="Its right name.")],
    db: DB = None,
    note: NOTE = "",
    author: AUTHOR = None,
) -> None:
    """Give ACTOR the name NAME (the old one is kept as an alias)."""
    _record(db, "actor_rename", actor, {"name": name}, author, note)


@stance_app.command("set")
@handle_errors
def stance_cmd(
    statement: Annotated[str, typer.Argument(help="The statement id.")],
    label: Annotated[str, typer.Argument(help="supports, refutes, neutral or unrelated.")],
    claim: Annotated[str, typer.Option("--claim", help="The claim the stance is toward.")],
    db: DB = None,
    note: NOTE = "",
    author: AUTHOR = None,
) -> None:
    """Set the stance of STATEMENT toward --claim to LABEL."""
    _record(db, "stance_set", statement, {"label": label, "claim": claim}, author, note)


@corrections_app.command("export")
@handle_errors
def export_cmd(db: DB = None) -> None:
    """Print every correction as one JSON list (for ``corrections import``)."""
    import claimgraph

    with claimgraph.open(db, readonly=True) as cg:
        print(json.dumps([c.to_dict() for c in cg.corrections()], ensure_ascii=False, indent=2))


@corrections_app.command("import")
@handle_errors
def import_cmd(
    path: Annotated[Path, typer.Argument(help="A JSON file written by corrections export.")],
    db: DB = None,
) -> None:
    """Store the corrections of PATH that are new; an invalid file stores nothing."""
    import claimgraph

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", path=str(path)) from e
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(f"not a JSON file: {e}", path=str(path)) from e
    with claimgraph.open(db) as cg:
        added = cg.import_corrections(data, where=str(path))
    console.print(f"imported {len(added)} correction(s)", highlight=False)
