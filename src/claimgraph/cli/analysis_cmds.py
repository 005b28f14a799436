"""Commands: quotes (who said what in files), actors (stored speakers), eval/train attribution."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from claimgraph.cli._app import app, console, err_console, eval_app, handle_errors, train_app
from claimgraph.cli.cells import cell
from claimgraph.errors import ClaimgraphError


@app.command("quotes")
@handle_errors
def quotes_cmd(
    paths: Annotated[
        list[str], typer.Argument(metavar="FILE…", help="Files, folders or globs of articles.")
    ],
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="One JSON object per attribution.")
    ] = False,
) -> None:
    """Who said what: every attribution in the given articles (offsets into each file's text)."""
    from claimgraph.analyze.attribution import quotes_from_paths, speaker_label, statement_record

    table = None if jsonl else Table("speaker", "kind", "cue", "via", "content", show_lines=False)
    failures: list[ClaimgraphError] = []
    read = 0
    for file, _doc, statements, error in quotes_from_paths(paths):
        if error is not None:
            failures.append(error)
            err_console.print(Text.assemble(("skipped ", "yellow"), str(error)), highlight=False)
            continue
        read += 1
        for st in statements:
            if jsonl:
                sys.stdout.write(
                    json.dumps(statement_record(st, file=file), ensure_ascii=False) + "\n"
                )
            elif table is not None:
                speaker = speaker_label(st) or "?"
                if st.anonymous:
                    speaker += " (anonymous)"
                cue = (st.cue.text if st.cue else "") + (" [negated]" if st.negated else "")
                table.add_row(
                    cell(speaker), st.kind, cell(cue), cell(st.via), cell(st.content.text, 160)
                )
    if table is not None:
        console.print(table)
    if failures and not read:
        raise failures[0]  # nothing could be read: exit with that error's code


@app.command("actors")
@handle_errors
def actors_cmd(
    db: Annotated[
        str | None,
        typer.Option(
            "--db", metavar="PATH|URL", help="The store: a SQLite file or a postgresql:// URL."
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON lines instead of a table.")
    ] = False,
) -> None:
    """Actors of the store with their statement counts (merged across documents)."""
    import claimgraph

    with claimgraph.open(db, readonly=True) as cg:
        rows = cg.store.actors()
    rows = sorted(rows, key=lambda r: (-r[1], r[0].name))
    if as_json:
        for actor, count in rows:
            record = {
                "id": actor.id,
                "name": actor.name,
                "kind": actor.kind,
                "aliases": list(actor.aliases),
                "role": actor.role,
                "affiliation": actor.affiliation,
                "anonymous": actor.anonymous,
                "statements": count,
            }
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    table = Table("actor", "kind", "statements", "aliases", "role")
    for actor, count in rows:
        table.add_row(
            cell(actor.name),
            actor.kind,
            str(count),
            cell(", ".join(actor.aliases[:4])),
            cell(actor.role),
        )
    console.print(table)


@eval_app.command("attribution")
@handle_errors
def eval_attribution_cmd(
    data_dir: Annotated[
        Path,
        typer.Argument(
            metavar="FOLDER", help="Folder with text/ and attributions/ (BRAT standoff)."
        ),
    ],
    limit: Annotated[
        int | None, typer.Option("--limit", help="Score only the first N texts.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score attribution extraction on PolNeAR-style data: precision, recall, F1."""
    from claimgraph.evaluate.attribution import evaluate_attribution, format_scores

    scores = evaluate_attribution(data_dir, limit=limit)
    if as_json:
        sys.stdout.write(json.dumps(scores.to_dict(), indent=1) + "\n")
    else:
        console.print(format_scores(scores), highlight=False)


@train_app.command("attribution")
@handle_errors
def train_attribution_cmd(
    data: Annotated[
        Path, typer.Option("--data", help="Training folder with text/ and attributions/.")
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Where to write the model (default: the packaged one)."),
    ] = None,
    threshold: Annotated[
        float, typer.Option("--threshold", help="Decision threshold stored with the model.")
    ] = 0.45,
    c: Annotated[
        float, typer.Option("--c", help="Inverse regularisation strength of the classifier.")
    ] = 0.5,
) -> None:
    """Train the attribution cue classifier (never on the split you report)."""
    from claimgraph.train.attribution import default_model_path, save_model, train_cue_model

    command = f"claimgraph train attribution --data {data} --c {c} --threshold {threshold}"
    model = train_cue_model(data, c=c, threshold=threshold, command=command)
    path = save_model(model, out or default_model_path())
    meta = model["meta"]
    console.print(
        f"trained on {meta['documents']} documents, {meta['examples']} candidates "
        f"({meta['positives']} cues); wrote {path}",
        highlight=False,
    )
