"""Commands: add (ingest and analyse), docs (list stored documents), search (full text)."""

from __future__ import annotations

import re
import sys
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from claimgraph.cli._app import app, console, err_console, failures_printed_here, handle_errors
from claimgraph.run.tasks import DEFAULT_ANALYZER

PROGRESS_MIN_FILES = 4
"""A progress bar is shown for batches of more files than this."""

_MARK = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)

DB_OPTION = typer.Option(
    None,
    "--db",
    metavar="PATH|URL",
    help="The store: a SQLite file or a postgresql:// URL (default: claimgraph.db).",
)


def _open(db: str | None, *, readonly: bool = False) -> Any:
    """The store; ``readonly`` for commands that only read (a missing store is then an error,
    never a new empty one)."""
    import claimgraph

    return claimgraph.open(db, readonly=readonly)


class _Bar:
    """A rich progress bar fed by ``add``'s progress callback."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Progress | None = None
        self.task: Any = None

    def __call__(self, state: Any) -> None:
        if not self.enabled or state.files_total <= PROGRESS_MIN_FILES:
            return
        if self.bar is None:
            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[counts]}"),
                TimeElapsedColumn(),
                console=err_console,
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("files", total=state.files_total, counts="")
        counts = f"stored {state.stored} · skipped {state.skipped} · failed {state.failed}"
        self.bar.update(self.task, completed=state.files_done, counts=counts)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@app.command()
@handle_errors
def add(
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="FILE…", help="Files, folders (recursively) or globs to ingest."),
    ] = None,
    db: str | None = DB_OPTION,
    engine: str | None = typer.Option(
        None, "--engine", help="Where analysis runs: inline, process (default: all cores) or dask."
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        help="Dask scheduler address (tcp://host:8786); default: a LocalCluster.",
    ),
    workers: int | None = typer.Option(
        None, "--workers", help="Worker processes for the process/dask engines (0: all cores)."
    ),
    no_analyze: bool = typer.Option(
        False, "--no-analyze", help="Store documents without analysing them."
    ),
    reanalyze: bool = typer.Option(
        False,
        "--reanalyze",
        help="Also analyse stored documents without an analysis or with a stale one (after an upgrade).",
    ),
    analyzer: str = typer.Option(
        DEFAULT_ANALYZER, "--analyzer", help="The analysis function, as module:function."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, summary only."),
) -> None:
    """Add articles (text, HTML, WARC, feeds, JSONL) to the store and analyse the new ones."""
    from claimgraph.errors import UsageError

    if not paths and not reanalyze:
        raise UsageError("give at least one file, folder or glob to add (or --reanalyze)")
    if no_analyze and reanalyze:
        raise UsageError("--no-analyze and --reanalyze contradict each other")
    options = {"engine": engine, "workers": workers, "scheduler": scheduler, "analyzer": analyzer}
    bar = _Bar(enabled=not quiet and sys.stderr.isatty())
    with _open(db) as cg, failures_printed_here():
        options["engine"] = engine or str(cg.settings["engine"])  # the CLI uses the setting
        try:
            report = cg.add(paths or [], analyze=not no_analyze, progress=bar, **options)
            if reanalyze:
                again = cg.reanalyze(**options)
                report.analyzed += again.analyzed
                report.failures.extend(again.failures)
        finally:
            bar.stop()
    for failure in report.failures:
        err_console.print(
            Text.assemble(("failed ", "red"), f"{failure.path}: {failure.message}"), soft_wrap=True
        )
    summary = (
        f"stored {len(report.stored)}, skipped {report.skipped} (already stored), "
        f"failed {report.failed}"
    )
    extras = []
    if report.analyzed:
        extras.append(f"analysed {report.analyzed}")
    if report.near_duplicates:
        extras.append(f"near-duplicates linked {report.near_duplicates}")
    if report.unchanged_files:
        extras.append(f"unchanged files {report.unchanged_files}")
    console.print(Text(summary + (f" ({', '.join(extras)})" if extras else "")), soft_wrap=True)
    if report.not_analysed:
        console.print(Text(not_analysed_note(report.not_analysed)), soft_wrap=True)
    if report.exit_code:
        raise typer.Exit(report.exit_code)


def not_analysed_note(counts: dict[str, int]) -> str:
    """One line saying which documents are stored but not analysed because of their language."""
    total = sum(counts.values())
    languages = ", ".join(f"{lang} {n}" for lang, n in sorted(counts.items()))
    return (
        f"not analysed: {total} document{'s' if total != 1 else ''} in languages the analysis "
        f"does not read ({languages}); stored and searchable, no statements or stances"
    )


@app.command()
@handle_errors
def docs(
    db: str | None = DB_OPTION,
    limit: int = typer.Option(0, "--limit", help="Show at most this many (0: all)."),
) -> None:
    """List stored documents: id prefix, title, outlet, date, word count."""
    table = Table(show_lines=False)
    for column in ("id", "title", "outlet", "date", "words"):
        table.add_column(column, justify="right" if column == "words" else "left")
    from claimgraph.ingest.language import is_analysed

    unread: dict[str, int] = {}
    with _open(db, readonly=True) as cg:
        total = cg.store.count()
        for shown, doc in enumerate(cg.documents(), start=1):
            if limit and shown > limit:
                break
            if not is_analysed(doc.language):
                unread[doc.language] = unread.get(doc.language, 0) + 1
            title = doc.title or "(untitled)"
            flag = "" if is_analysed(doc.language) else f" [{doc.language}, not analysed]"
            if doc.near_duplicate_of:
                flag += f" ≈{doc.near_duplicate_of[:8]}"
            table.add_row(
                Text(doc.id[:12]),
                Text(title + flag),
                Text(doc.outlet or ""),
                Text(doc.published or ""),
                Text(str(doc.word_count)),
            )
    console.print(table)
    shown_note = f" ({limit} shown)" if limit and total > limit else ""
    console.print(Text(f"{total} document{'s' if total != 1 else ''}{shown_note}"))
    if unread:
        console.print(Text(not_analysed_note(unread)), soft_wrap=True)


@app.command()
@handle_errors
def search(
    text: str = typer.Argument(
        ..., metavar="WORDS", help="Words to look for (every word must match; stemmed)."
    ),
    db: str | None = DB_OPTION,
    limit: int = typer.Option(20, "--limit", help="Show at most this many hits."),
) -> None:
    """Full-text search over stored articles, with snippets."""
    with _open(db, readonly=True) as cg:
        hits = cg.search(text, limit=limit)
    if not hits:
        console.print(Text(f"no document matches {text!r}"))
        return
    for hit in hits:
        doc = hit.doc
        head = Text.assemble(
            (doc.id[:12], "cyan"),
            "  ",
            (doc.title or "(untitled)", "bold"),
            f"  {doc.outlet or ''} {doc.published or ''}".rstrip(),
        )
        console.print(head)
        console.print(_snippet(hit.snippet), "\n")


def _snippet(snippet: str) -> Text:
    """A snippet with ``**word**`` marks shown in bold (no markup interpreted from the article)."""
    out = Text("  ")
    position = 0
    flat = " ".join(snippet.split())
    for match in _MARK.finditer(flat):
        out.append(flat[position : match.start()])
        out.append(match.group(1), style="bold yellow")
        position = match.end()
    out.append(flat[position:])
    return out
