"""Per-document analysis: one pure function from a Document to a DocAnalysis.

``analyze`` holds no database and no global state beyond the loaded models, so it runs
the same inline, in a process pool or on a Dask worker.
"""

from __future__ import annotations

from claimgraph.analyze.pipeline import COMPONENTS, analyze

__all__ = ["COMPONENTS", "analyze"]
