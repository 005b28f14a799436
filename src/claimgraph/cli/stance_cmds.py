"""Commands: ``train stance``, ``stance --pairs`` and ``eval stance`` (the article-level model)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from claimgraph.cli._app import app, console, err_console, eval_app, handle_errors, train_app
from claimgraph.errors import InputError, UsageError


@train_app.command("stance")
@handle_errors
def train_stance_cmd(
    data: Annotated[
        Path,
        typer.Option("--data", help="FNC-1-format folder (train_bodies.csv, train_stances.csv)."),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Model folder to write (default: the packaged one)."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the held-out splits.")] = 1234,
    heldout: Annotated[
        float, typer.Option("--heldout", help="Share of headlines held out for the final score.")
    ] = 0.2,
    split: Annotated[
        str,
        typer.Option(
            "--split",
            help="Split used for tuning and reported first: strict (held-out stories, neither "
            "headline nor body trained on) or headline (held-out headlines only). Both are "
            "held out of training and scored.",
        ),
    ] = "strict",
    workers: Annotated[
        int, typer.Option("--workers", help="Processes for embedding (0: all cores).")
    ] = 0,
    cache: Annotated[
        Path | None, typer.Option("--cache", help="npz file caching sentence vectors between runs.")
    ] = None,
    final: Annotated[
        bool,
        typer.Option(
            "--final",
            help="After measuring, refit on every pair (held-out parts included) and write that "
            "model; the metrics kept are the held-out ones measured before.",
        ),
    ] = False,
) -> None:
    """Train the article-level stance model; report held-out metrics and write the artifact."""
    from claimgraph.train.stance import train_stance

    command = (
        f"claimgraph train stance --data {data} --seed {seed} --heldout {heldout} --split {split}"
        + (" --final" if final else "")
    )
    meta = train_stance(
        data,
        out_dir=out,
        seed=seed,
        heldout_fraction=heldout,
        split=split,
        workers=workers,
        cache_path=cache,
        command=command,
        final=final,
        progress=lambda message: err_console.print(message, highlight=False),
    )
    _print_scores(f"validation ({split}, tuning)", meta["metrics"]["validation"])
    for part in ("strict", "headline"):
        _print_scores(f"held-out {part} split (reported)", meta["metrics"][part])


stance_app = typer.Typer(
    help='Article-level stance of pairs (--pairs); "stance set" corrects a statement\'s stance.'
)
app.add_typer(stance_app, name="stance")


@stance_app.callback(invoke_without_command=True)
@handle_errors
def stance_pairs_cmd(
    ctx: typer.Context,
    pairs: Annotated[
        Path | None,
        typer.Option("--pairs", help='JSON lines {"id","claim","text"}; "-" reads stdin.'),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", help="Processes for analysing texts (0: all cores).")
    ] = 0,
    model: Annotated[
        Path | None, typer.Option("--model", help="Model folder (default: the packaged one).")
    ] = None,
) -> None:
    """Article-level stance of each pair: prints {"id","label","confidence"} JSON lines."""
    from claimgraph.stance.fnc import iter_pair_lines, load_model

    if ctx.invoked_subcommand is not None:
        return
    if pairs is None:
        raise UsageError("give --pairs FILE (or a subcommand: stance set)")

    try:
        if str(pairs) == "-":
            records = list(iter_pair_lines(sys.stdin))
        else:
            with pairs.open(encoding="utf-8") as handle:
                records = list(iter_pair_lines(handle))
    except OSError as e:
        raise InputError(f"cannot read pairs: {e.strerror}", path=str(pairs)) from e
    except UnicodeDecodeError as e:
        raise InputError("pairs file is not UTF-8", path=str(pairs)) from e
    stances = load_model(str(model or "")).stances(
        [(claim, text) for _, claim, text in records], workers=workers
    )
    out = sys.stdout
    for (pair_id, _, _), stance in zip(records, stances, strict=True):
        line = {"id": pair_id, "label": stance.label, "confidence": round(stance.confidence, 4)}
        out.write(json.dumps(line) + "\n")
    out.flush()


@eval_app.command("stance")
@handle_errors
def eval_stance_cmd(
    data_dir: Annotated[
        Path,
        typer.Argument(metavar="FOLDER", help="FNC-1-format folder (*_bodies.csv, *_stances.csv)."),
    ],
    split: Annotated[
        str,
        typer.Option(
            "--split",
            help="strict: held-out stories (neither headline nor body trained on); headline: "
            "held-out headlines (bodies shared); heldout: the model's tuning split; all: every "
            "pair.",
        ),
    ] = "strict",
    seed: Annotated[
        int | None,
        typer.Option("--seed", help="Seed of the held-out split (default: the model's)."),
    ] = None,
    model: Annotated[
        Path | None, typer.Option("--model", help="Model folder (default: the packaged one).")
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", help="Processes for analysing texts (0: all cores).")
    ] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    cache: Annotated[
        Path | None, typer.Option("--cache", help="npz file caching sentence vectors between runs.")
    ] = None,
) -> None:
    """Score the article-level stance model: FNC-1 score, macro-F1, per-class F1, confusion."""
    from claimgraph.evaluate.stance import evaluate_stance

    scores = evaluate_stance(
        data_dir,
        split=split,
        seed=seed,
        model_dir=str(model or ""),
        workers=workers,
        cache_path=cache,
    )
    from claimgraph.stance.fnc import load_model

    if split != "all" and load_model(str(model or "")).meta.get("split", {}).get("final_refit"):
        err_console.print(
            "note: this model was refitted on every pair of its training data (train stance "
            "--final); its held-out parts are not held out of it, so these scores are not a "
            "held-out measure (the artifact's metadata keeps the ones measured before the refit)",
            highlight=False,
        )
    if as_json:
        sys.stdout.write(json.dumps(scores.to_dict(), indent=1) + "\n")
    else:
        _print_scores(f"{split} split of {data_dir.name}", scores.to_dict())


def _print_scores(title: str, scores: dict[str, object]) -> None:
    from claimgraph.stance.fnc_data import FNC_LABELS

    console.print(
        f"[bold]{title}[/bold]: {scores['n']} pairs, FNC score {float(scores['fnc_score']):.2f}%, "  # type: ignore[arg-type]
        f"macro-F1 {float(scores['macro_f1']):.3f}, accuracy {float(scores['accuracy']):.3f}",  # type: ignore[arg-type]
        highlight=False,
    )
    table = Table("gold \\ predicted", *FNC_LABELS, "F1")
    per_class = scores["per_class_f1"]
    confusion = scores["confusion"]
    assert isinstance(per_class, dict) and isinstance(confusion, list)
    for label, row in zip(FNC_LABELS, confusion, strict=True):
        table.add_row(label, *(str(v) for v in row), f"{per_class[label]:.3f}")
    console.print(table)
