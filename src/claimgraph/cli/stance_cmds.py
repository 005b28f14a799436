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
        int,
        typer.Option("--workers", help="Processes for analysing texts (--judge article only)."),
    ] = 0,
    model: Annotated[
        Path | None,
        typer.Option("--model", help="Article model folder (default: the packaged one)."),
    ] = None,
    judge: Annotated[
        str,
        typer.Option(
            "--judge",
            help="default (the stance_backend setting: the compositional judge unless set), "
            "compositional, article, pairs or combined.",
        ),
    ] = "default",
) -> None:
    """Stance of each pair: prints {"id","label","confidence","judge"} JSON lines (and, for
    the combined judge, "votes": each judge's label, confidence and weight)."""
    from claimgraph.stance.fnc import iter_pair_lines

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
    if judge == "article":
        from claimgraph.stance.fnc import load_model

        stances = load_model(str(model or "")).stances(
            [(claim, text) for _, claim, text in records], workers=workers
        )
    else:
        from claimgraph import settings
        from claimgraph.stance import get_judge

        values = dict(settings.load())
        if model is not None:
            values["fnc_model_dir"] = str(model)
        name = str(values["stance_backend"]) if judge == "default" else judge
        stances = get_judge(name, **values).judge_many(
            [(claim, text, None) for _, claim, text in records]
        )
    out = sys.stdout
    for (pair_id, _, _), stance in zip(records, stances, strict=True):
        line: dict[str, object] = {
            "id": pair_id,
            "label": stance.label,
            "confidence": round(stance.confidence, 4),
            "judge": stance.judge,
        }
        votes = getattr(stance, "votes", ())
        if votes:
            line["votes"] = [
                {
                    "judge": v.judge,
                    "label": v.label,
                    "confidence": round(v.confidence, 4),
                    "weight": round(v.weight, 4),
                }
                for v in votes
            ]
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
    judge: Annotated[
        str,
        typer.Option(
            "--judge",
            help="article (default: the article model on an FNC-1 folder) or all: every judge "
            "(compositional, article, pairs, combined) on --sets, DATA_DIR being the folder "
            "holding fnc1-train/, perspectrum/ and fever-pairs/.",
        ),
    ] = "article",
    sets: Annotated[
        str,
        typer.Option(
            "--sets",
            help="With --judge all: comma-separated fnc (strict held-out stories), perspectrum "
            "(test split), fever (held-out claims), contrast (--contrast).",
        ),
    ] = "fnc,perspectrum,fever",
    contrast: Annotated[
        Path | None,
        typer.Option("--contrast", help="Contrast set: a JSONL file or a folder of them."),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", help="With --judge all: pairs drawn per set (0: all).")
    ] = 0,
    pairs_model: Annotated[
        Path | None,
        typer.Option(
            "--pairs-model",
            help="With --judge all: folder of the pair model and combination (default: packaged).",
        ),
    ] = None,
) -> None:
    """Score stance judges: FNC-1 score, macro-F1, per-class F1, confusion."""
    from claimgraph.evaluate.stance import evaluate_stance

    if judge != "article":
        extra = {"pairs_model": str(pairs_model)} if pairs_model else {}
        if model is not None:
            extra["fnc_model_dir"] = str(model)
        _eval_judges(data_dir, judge, sets, contrast, limit, seed, as_json, cache, extra)
        return

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


def _eval_judges(
    data_dir: Path,
    judge: str,
    sets: str,
    contrast: Path | None,
    limit: int,
    seed: int | None,
    as_json: bool,
    cache: Path | None,
    extra: dict[str, str],
) -> None:
    from claimgraph import settings
    from claimgraph.errors import UsageError
    from claimgraph.evaluate.judges import JUDGES, SETS, evaluate_judges

    if judge != "all":
        raise UsageError("--judge takes article or all")
    chosen = tuple(s.strip() for s in sets.split(",") if s.strip())
    unknown = [s for s in chosen if s not in SETS]
    if unknown:
        raise UsageError(f"unknown set {unknown[0]!r}; choose from {', '.join(SETS)}")
    results = evaluate_judges(
        data_dir,
        sets=chosen,
        contrast=contrast,
        limit=limit,
        seed=seed if seed is not None else 1234,
        settings={**settings.load(), **extra},
        cache=str(cache) + ".votes.json" if cache else None,
    )
    if as_json:
        sys.stdout.write(json.dumps(results, indent=1) + "\n")
        return
    for name, per_judge in results.items():
        table = Table(title=f"{name}: {next(iter(per_judge.values()))['n']} pairs")
        for column in ("judge", "accuracy", "macro-F1", "per-class F1", "FNC score"):
            table.add_column(column)
        for j in JUDGES:
            s = per_judge[j]
            fnc = s.get("fnc")
            table.add_row(
                j,
                f"{s['accuracy']:.3f}",
                f"{s['macro_f1']:.3f}",
                ", ".join(f"{k} {v:.2f}" for k, v in s["per_class_f1"].items()),
                f"{fnc['fnc_score']:.2f} (macro-F1 {fnc['macro_f1']:.3f})" if fnc else "",
            )
        console.print(table)


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
