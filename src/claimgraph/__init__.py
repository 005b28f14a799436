"""claimgraph: who claims what, who denies it, on whose evidence, and when."""

from __future__ import annotations

__version__ = "0.1.0"

from claimgraph.api import Claimgraph, open  # noqa: E402,A004

__all__ = ["Claimgraph", "open", "__version__"]
