"""Commands: map (the claim map of a claim), claims (contested claims), timeline (dated table)."""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer
from rich.table import Table
from rich.text import Text

from claimgraph.cli._app import app, console, err_console, failures_printed_here, handle_errors
from claimgraph.cli.cells import cell
from claimgraph.report.view import date_label
from claimgraph.settings import defaults

DB_HELP = (
    "The store: a SQLite file or a postgresql:// URL (default: the db setting, claimgraph.db)."
)
CLAIM_OPTION = typer.Option(
    ..., "--claim", "-c", metavar="SENTENCE", help="The claim, as a sentence."
)
PATHS_ARGUMENT = typer.Argument(
    None,
    metavar="FILE…",
    help="Files or folders to read without a store (ingested into a temporary one first).",
)
SIDE_STYLE = {"supports": "green", "refutes": "red", "neutral": "yellow", "unrelated": "dim"}


@contextlib.contextmanager
def _open(db: str | None, paths: list[str] | None) -> Iterator[Any]:
    """The ``Claimgraph`` to read: ``db`` (read-only), or a temporary store of ``paths``."""
    import claimgraph
    from claimgraph.errors import UsageError

    if paths and db:
        raise UsageError("give either --db or files to ingest, not both")
    if not paths:
        with claimgraph.open(db, readonly=True) as cg:
            yield cg
        return
    with (
        tempfile.TemporaryDirectory(prefix="claimgraph-") as tmp,
        claimgraph.open(Path(tmp) / "map.db") as cg,
    ):
        with failures_printed_here():
            report = cg.add(paths, engine=str(cg.settings["engine"]))
        for failure in getattr(report, "failures", []):
            err_console.print(
                Text.assemble(("failed ", "red"), f"{failure.path}: {failure.message}")
            )
        yield cg


def _side(label: str, hedged: bool = False) -> Text:
    return Text(label + (" (hedged)" if hedged else ""), style=SIDE_STYLE.get(label, ""))


def _short(text: str, size: int = 90) -> Text:
    return cell(text, size)


def print_claim_map(cmap: Any) -> None:
    """The claim map as rich tables: actors, statements, documents, independence."""
    console.print(Text.assemble(("Claim: ", "bold"), cmap.claim.text))
    actors = Table(title="Actors", show_lines=False)
    for column in ("actor", "stance", "statements"):
        actors.add_column(column)
    for a in cmap.actors:
        name = a.actor.name + (" (anonymous)" if a.actor.anonymous else "")
        actors.add_row(
            cell(name), _side(a.stance.label, a.stance.hedged), str(len(a.statement_ids))
        )
    console.print(actors)
    statements = Table(title="Statements", show_lines=True)
    for column in ("stance", "speaker", "says", "via", "date", "document"):
        statements.add_column(column)
    for item in cmap.statements:
        st = item.statement
        speaker = (
            "(writer)"
            if st.kind == "authorial"
            else (st.speaker or (st.source.text if st.source else "?"))
        )
        via = " → ".join(item.via_chain[1:] if st.kind != "authorial" else item.via_chain)
        via += "" if item.original else " (echo)"
        date = date_label(st.date)
        statements.add_row(
            _side(item.stance.label, item.stance.hedged),
            cell(speaker),
            _short(st.content.text),
            cell(via),
            date,
            _short(item.document.title or item.document.path or st.doc_id[:12], 40),
        )
    console.print(statements)
    documents = Table(title="Articles (headline and the writer's own voice)")
    for column in ("article", "outlet", "published", "stance"):
        documents.add_column(column)
    for d in cmap.documents:
        documents.add_row(
            _short(d.document.title or d.document.path or d.document.id[:12], 70),
            cell(d.document.outlet),
            cell(d.document.published),
            _side(d.stance.label, d.stance.hedged),
        )
    console.print(documents)
    for side, count in cmap.independent_sources.items():
        notes = "; ".join(cmap.single_source_sides.get(side, []))
        console.print(
            Text(f"{side}: {count} independent source(s)" + (f" — {notes}" if notes else ""))
        )
    console.print(
        "[dim]published: the article's date; stated: a date the text gives the remark[/dim]"
    )


@app.command("map")
@handle_errors
def map_cmd(
    paths: list[str] = PATHS_ARGUMENT,
    claim: str = CLAIM_OPTION,
    db: str | None = typer.Option(None, "--db", metavar="PATH|URL", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the claim map as JSON."),
    limit: int | None = typer.Option(
        None,
        "--limit",
        metavar="N",
        help=(
            "Candidate statements judged at most "
            f"(default: the judge_limit setting, {defaults()['judge_limit']})."
        ),
    ),
    judge: str | None = typer.Option(
        None,
        "--judge",
        help="Stance judge: compositional, article, pairs or combined (default: the "
        "stance_backend setting; default: compositional).",
    ),
) -> None:
    """The claim map: who supports a claim, who refutes it, who reports it, via whom and when."""
    from claimgraph.link import claim_map_to_dict

    with _open(db, paths) as cg:
        cmap = cg.claim_map(claim, limit=limit, judge=judge)
    if as_json:
        print(json.dumps(claim_map_to_dict(cmap), ensure_ascii=False, indent=2))
    else:
        print_claim_map(cmap)


@app.command("claims")
@handle_errors
def claims_cmd(
    paths: list[str] = PATHS_ARGUMENT,
    db: str | None = typer.Option(None, "--db", metavar="PATH|URL", help=DB_HELP),
    top: int = typer.Option(20, "--top", help="How many claims to list."),
    as_json: bool = typer.Option(False, "--json", help="Print the claims as JSON."),
) -> None:
    """The claims the corpus disputes, most contested first."""
    with _open(db, paths) as cg:
        found = cg.claims(top=top)
    if as_json:
        from claimgraph.link.discovered import to_dict

        rows = [to_dict(d) for d in found]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title="Claims in the corpus, most contested first")
    for column in ("#", "claim", "supporters", "refuters", "sources", "documents"):
        table.add_column(column)
    for i, d in enumerate(found, 1):
        name = cell(d.claim.text, 100, style="bold" if d.contested else "")
        if d.variants:
            name.append("\nalso: ", style="dim")
            name.append_text(cell("; ".join(d.variants), 120, style="dim"))
        table.add_row(
            str(i),
            name,
            str(d.supporters),
            str(d.refuters),
            str(d.independent_sources),
            str(d.documents),
        )
    console.print(table)


@app.command("timeline")
@handle_errors
def timeline_cmd(
    paths: list[str] = PATHS_ARGUMENT,
    claim: str = CLAIM_OPTION,
    db: str | None = typer.Option(None, "--db", metavar="PATH|URL", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the rows as JSON."),
) -> None:
    """A claim's statements over time by side, and when actors changed their stance."""
    from dataclasses import asdict

    from claimgraph.link import stance_changes, timeline

    with _open(db, paths) as cg:
        cmap = cg.claim_map(claim)
    rows = timeline(cmap)
    changes = stance_changes(cmap)
    if as_json:
        data = {"rows": [asdict(r) for r in rows], "changes": [asdict(c) for c in changes]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    table = Table(title=Text(f"Timeline: {cmap.claim.text}"))
    for column in ("date", "side", "actor", "statement", "document"):
        table.add_column(column)
    for r in rows:
        if r.placed:
            date = f"{r.date} ({r.kind}{', via ' + r.via_document[:12] if r.via_document else ''})"
            table.add_row(
                date, _side(r.side, r.hedged), cell(r.actor), _short(r.excerpt, 80), r.doc_id[:12]
            )
    console.print(table)
    apart = [r for r in rows if not r.placed]
    if apart:
        undated = Table(title="Undated (a bound or an inferred date does not place a statement)")
        for column in ("what the text says", "side", "actor", "statement", "document"):
            undated.add_column(column)
        for r in apart:
            note = ("not before " if r.kind == "bound" else "inferred ") + r.date if r.date else ""
            undated.add_row(
                note or "—",
                _side(r.side, r.hedged),
                cell(r.actor),
                _short(r.excerpt, 80),
                r.doc_id[:12],
            )
        console.print(undated)
    for c in changes:
        console.print(
            Text(
                f"{c.actor}: {c.before} ({c.before_date or 'undated'}) → {c.after} ({c.after_date or 'undated'})"
            )
        )
    console.print(
        "[dim]published: the article's date; stated: a date the text gives the remark[/dim]"
    )
