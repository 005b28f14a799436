"""Commands: analysis_cmds."""

from __future__ import annotations

from claimgraph.cli._app import app, eval_app, train_app  # noqa: F401
