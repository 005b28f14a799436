"""Commands: report (one HTML file), serve (the local web app), export (json/csv/gexf/claimreview)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from claimgraph.cli._app import app, console, err_console, handle_errors
from claimgraph.errors import UsageError

DB_HELP = (
    "The store: a SQLite file or a postgresql:// URL (default: the db setting, claimgraph.db)."
)
FORMATS = ("json", "csv", "gexf", "claimreview")
DEFAULT_REPORT = Path("report.html")
REPORT_OUTPUT = typer.Option(
    None,
    "--output",
    "-o",
    metavar="FILE",
    help="The HTML file to write (default: report.html, never replaced without --force).",
)
EXPORT_OUTPUT = typer.Option(None, "--output", "-o", help="File to write (default: stdout).")


def _open(db: str | None) -> Any:
    """The store as a ``Claimgraph`` (its settings choose the stance judge); a missing SQLite
    file is an error here, not a new empty store."""
    import claimgraph
    from claimgraph import settings
    from claimgraph.errors import StoreError

    url = db or str(settings.load()["db"])
    if "://" not in url and url != ":memory:" and not Path(url).is_file():
        raise StoreError("no such store (add articles first: claimgraph add ...)", path=url)
    return claimgraph.open(url, readonly=True)


@app.command("report")
@handle_errors
def report_cmd(
    claim: str = typer.Option(..., "--claim", "-c", help="The claim to map."),
    output: Path | None = REPORT_OUTPUT,
    db: str | None = typer.Option(None, "--db", metavar="PATH|URL", help=DB_HELP),
    discovered: bool = typer.Option(
        True, "--discovered/--no-discovered", help="List the corpus's contested claims at the end."
    ),
    force: bool = typer.Option(False, "--force", help="Replace an existing report.html."),
) -> None:
    """Write one self-contained HTML report (no network, no script) for a claim."""
    if output is None:
        output = DEFAULT_REPORT
        if output.exists() and not force:
            raise UsageError(
                "exists; not replaced (give -o FILE for another file, or --force)",
                path=str(output),
            )
    with _open(db) as cg:
        path = cg.report(claim, output, discovered=discovered)
    console.print(f"wrote {path} ({path.stat().st_size:,} bytes); open it in any browser")


@app.command("serve")
@handle_errors
def serve_cmd(
    db: str | None = typer.Option(None, "--db", metavar="PATH|URL", help=DB_HELP),
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Interface to bind (loopback by default)."
    ),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    writable: bool = typer.Option(
        False, "--writable", help="Allow adding articles from the app (read-only by default)."
    ),
) -> None:
    """Serve the local web app: search, claim maps, actors, documents."""
    import uvicorn

    from claimgraph.web.app import create_app
    from claimgraph.web.security import LOOPBACK_NAMES, is_loopback

    allowed: tuple[str, ...] = LOOPBACK_NAMES
    if not is_loopback(host):
        err_console.print(
            f"[yellow]warning[/yellow] binding {host}: anyone who can reach this machine on port "
            f"{port} can read the store{' and add to it' if writable else ''}. There is no login.",
            highlight=False,
        )
        allowed = ("*",)
    from claimgraph import settings
    from claimgraph.api import Linker

    values = settings.load()
    linker = Linker(values)
    application = create_app(
        db or str(values["db"]),
        writable=writable,
        allowed_hosts=allowed,
        claim_map=linker.claim_map,
        discover=linker.discover,
    )
    shown = f"[{host}]" if ":" in host else host
    console.print(
        f"claimgraph app on http://{shown}:{port}/ ({'writable' if writable else 'read-only'}); Ctrl+C stops it"
    )
    uvicorn.run(application, host=host, port=port, log_level="warning", server_header=False)


@app.command("export")
@handle_errors
def export_cmd(
    claim: str = typer.Option(..., "--claim", "-c", help="The claim to map."),
    fmt: str = typer.Option(..., "--format", "-f", help="json, csv, gexf or claimreview."),
    output: Path | None = EXPORT_OUTPUT,
    db: str | None = typer.Option(None, "--db", metavar="PATH|URL", help=DB_HELP),
    rating: str | None = typer.Option(
        None, "--rating", help="claimreview: your verdict in words (e.g. False)."
    ),
    rating_value: int | None = typer.Option(
        None, "--rating-value", help="claimreview: numeric rating."
    ),
    best_rating: int | None = typer.Option(
        None, "--best-rating", help="claimreview: best rating (default 5)."
    ),
    worst_rating: int | None = typer.Option(
        None, "--worst-rating", help="claimreview: worst rating (default 1)."
    ),
    reviewer: str | None = typer.Option(
        None, "--reviewer", help="claimreview: the reviewing organisation."
    ),
    url: str | None = typer.Option(
        None, "--url", help="claimreview: URL of your published review."
    ),
) -> None:
    """Export a claim map: JSON, statements as CSV, the source graph as GEXF, or ClaimReview."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    options: dict[str, Any] = {}
    if fmt == "claimreview":
        options = {
            "rating": rating,
            "rating_value": rating_value,
            "best_rating": best_rating,
            "worst_rating": worst_rating,
            "reviewer": reviewer,
            "url": url,
        }
    elif any(
        v is not None for v in (rating, rating_value, best_rating, worst_rating, reviewer, url)
    ):
        raise UsageError("--rating, --reviewer and --url apply to --format claimreview only")
    with _open(db) as cg:
        text = cg.export(claim, fmt, **options)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as e:
        raise UsageError(f"cannot write: {e.strerror}", path=str(output)) from e
    err_console.print(f"wrote {output}")
