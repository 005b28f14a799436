"""What a user looks at: the HTML report, exports, and the shared display helpers.

    import claimgraph
    cg = claimgraph.open("claimgraph.db")
    html = cg.report("Country X is arming group Y")          # the API computes the claim map
    from claimgraph.report import claim_report, claim_export
    html = claim_report(cmap, discovered=found, store=store)  # this package only renders it

Render functions take a ``ClaimMap`` (and the discovered claims) computed by the link layer
through ``claimgraph.api``; nothing here runs a claim map or discovery.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from claimgraph.errors import UsageError
from claimgraph.model import ClaimMap


def claim_report(cmap: ClaimMap, *, discovered: Iterable[Any] = (), store: Any = None) -> str:
    """The self-contained HTML report of ``cmap`` (with ``discovered``, the corpus's contested
    claims, at the end). With ``store`` the article views also mark the documents' other
    attributions (read from the store, never recomputed)."""
    from claimgraph.report.html import render_report

    return render_report(cmap, discovered=list(discovered), store=store)


def write_report(html: str, path: str | os.PathLike[str]) -> Path:
    """Write a rendered report (:func:`claim_report`) to ``path`` (UTF-8); the path written."""
    out = Path(path)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")
    except OSError as e:
        raise UsageError(f"cannot write the report: {e.strerror}", path=str(out)) from e
    return out


def check_format(fmt: str) -> None:
    """A usage error unless ``fmt`` is a known export format."""
    from claimgraph.report.exports import EXPORTERS

    if fmt not in EXPORTERS:
        raise UsageError(f"unknown export format {fmt!r} (known: {', '.join(sorted(EXPORTERS))})")


def claim_export(cmap: ClaimMap, fmt: str, **options: Any) -> str:
    """``cmap`` in export format ``fmt`` (json, csv, gexf, claimreview); ``options`` go to the
    exporter (ClaimReview: rating, reviewer, url...)."""
    from claimgraph.report.exports import export

    check_format(fmt)
    return export(cmap, fmt, **options)


__all__ = ["check_format", "claim_export", "claim_report", "write_report"]
