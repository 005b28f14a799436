"""What a user looks at: the HTML report, exports, and the shared display helpers.

    from claimgraph.report import claim_report, claim_export
    html = claim_report(store, "Country X is arming group Y")
    csv_text = claim_export(store, "Country X is arming group Y", "csv")

Both ask the link layer for the claim map and only render it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from claimgraph.errors import UsageError


def claim_report(
    store: Any, claim: str, *, discovered: bool = True, top: int = 10, judge: Any = None
) -> str:
    """The self-contained HTML report for ``claim`` over ``store`` (with the corpus's
    contested claims at the end unless ``discovered`` is false). ``judge`` is the stance
    judge the link layer uses (its default when None)."""
    from claimgraph.link import claim_map, discover
    from claimgraph.report.html import render_report

    if not claim.strip():
        raise UsageError("the claim is empty")
    cmap = claim_map(store, claim, judge=judge)
    found = list(discover(store, top=top, judge=judge)) if discovered else []
    return render_report(cmap, discovered=found, store=store)


def write_report(store: Any, claim: str, path: str | os.PathLike[str], **options: Any) -> Path:
    """Write :func:`claim_report` to ``path`` (UTF-8); the path written."""
    out = Path(path)
    html = claim_report(store, claim, **options)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")
    except OSError as e:
        raise UsageError(f"cannot write the report: {e.strerror}", path=str(out)) from e
    return out


def claim_export(store: Any, claim: str, fmt: str, *, judge: Any = None, **options: Any) -> str:
    """The claim map of ``claim`` in export format ``fmt`` (json, csv, gexf, claimreview);
    ``options`` go to the exporter (ClaimReview: rating, reviewer, url...)."""
    from claimgraph.link import claim_map
    from claimgraph.report.exports import EXPORTERS, export

    if fmt not in EXPORTERS:
        raise UsageError(f"unknown export format {fmt!r} (known: {', '.join(sorted(EXPORTERS))})")
    if not claim.strip():
        raise UsageError("the claim is empty")
    return export(claim_map(store, claim, judge=judge), fmt, **options)


__all__ = ["claim_export", "claim_report", "write_report"]
