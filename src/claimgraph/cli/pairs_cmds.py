"""Commands: ``train pairs`` (the sentence-pair model) and ``train combine`` (the learned
combination of the judges)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from claimgraph.cli._app import console, err_console, handle_errors, train_app


@train_app.command("pairs")
@handle_errors
def train_pairs_cmd(
    data: Annotated[
        Path,
        typer.Option("--data", help="Folder holding fnc1-train/, perspectrum/ and fever-pairs/."),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Model folder to write (default: the packaged one)."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of splits and training.")] = 1234,
    epochs: Annotated[int, typer.Option("--epochs", help="Training epochs.")] = 4,
    cache: Annotated[
        Path | None,
        typer.Option("--cache", help="npz file caching word-piece vectors between runs."),
    ] = None,
    head: Annotated[
        str,
        typer.Option(
            "--head",
            help="linear (a softmax layer on pooled and alignment features; minutes) or esim "
            "(soft-alignment network; ~20 CPU-minutes per epoch on 2 cores).",
        ),
    ] = "linear",
) -> None:
    """Train the sentence-pair stance model; report held-out scores and write the artifact."""
    from claimgraph.train.pairs import train_pairs

    command = (
        f"claimgraph train pairs --data {data.name} --seed {seed} --epochs {epochs} --head {head}"
    )
    meta = train_pairs(
        data,
        out_dir=out,
        seed=seed,
        epochs=epochs,
        cache_path=cache,
        command=command,
        progress=lambda message: err_console.print(message, highlight=False),
        head=head,
    )
    for source, scores in meta["metrics"]["heldout"].items():
        console.print(
            f"[bold]held-out {source}[/bold]: {scores['n']} pairs, accuracy "
            f"{scores['accuracy']:.3f}, macro-F1 {scores['macro_f1']:.3f}, per class "
            f"{scores['per_class_f1']}",
            highlight=False,
        )


@train_app.command("combine")
@handle_errors
def train_combine_cmd(
    data: Annotated[
        Path,
        typer.Option("--data", help="Folder holding fnc1-train/, perspectrum/ and fever-pairs/."),
    ],
    model: Annotated[
        Path | None,
        typer.Option("--model", help="Pair model folder to write beside (default: packaged)."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of splits and sampling.")] = 1234,
    per_source: Annotated[int, typer.Option("--per-source", help="Pairs judged per source.")] = 500,
    per_article_source: Annotated[
        int, typer.Option("--per-article-source", help="Pairs judged of FNC-1 (whole articles).")
    ] = 250,
    cache: Annotated[
        Path | None,
        typer.Option("--cache", help="JSON file keeping compositional/article votes between runs."),
    ] = None,
    article_model: Annotated[
        Path | None,
        typer.Option(
            "--article-model",
            help="Article model trained without FNC-1's held-out parts (train stance --split "
            "strict, no --final) that votes on the held-out headlines.",
        ),
    ] = None,
) -> None:
    """Fit the learned combination of the compositional judge, the article model and the
    pair model (the default judge) on parts of the training data no judge trained on."""
    from claimgraph.train.combine import train_combine

    command = (
        f"claimgraph train combine --data {data.name} --seed {seed} --per-source {per_source} "
        f"--per-article-source {per_article_source}"
        + (f" --article-model {article_model.name}" if article_model else "")
    )
    meta = train_combine(
        data,
        model_dir=model,
        seed=seed,
        per_source=per_source,
        per_article_source=per_article_source,
        command=command,
        progress=lambda message: err_console.print(message, highlight=False),
        cache_path=cache,
        article_model=article_model,
    )
    console.print(f"combination fitted on {meta['counts']} in {meta['seconds']}s", highlight=False)
