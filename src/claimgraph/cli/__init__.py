"""Command-line interface: thin commands over the library (see ``claimgraph.api``)."""

from __future__ import annotations

from claimgraph.cli import (  # noqa: F401  (each module registers its commands)
    analysis_cmds,
    claims_cmds,
    correction_cmds,
    ingest_cmds,
    output_cmds,
    pairs_cmds,
    stance_cmds,
)
from claimgraph.cli._app import app


def main() -> None:
    """Entry point of the ``claimgraph`` console script."""
    app()
